// The environment's schema (see env.js). Separate so tests can validate other sources
// without importing the process's own environment.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { parseAddressRanges } from "./net/ip-ranges.js";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const ROLES = ["FINANCE", "MANAGER", "SUPPORT", "ADMIN"];

// "group=ROLE,other-group=ROLE": which OIDC groups grant which console roles.
const roleMap = z
  .string()
  .regex(
    /^\s*[^=,\s]+\s*=\s*(FINANCE|MANAGER|SUPPORT|ADMIN)\s*(,\s*[^=,\s]+\s*=\s*(FINANCE|MANAGER|SUPPORT|ADMIN)\s*)*$/,
    `expected "group=ROLE,group=ROLE" with ROLE one of ${ROLES.join(", ")}`,
  );

// "10.0.0.0/8, 192.168.1.7, 2001:db8::/32": proxies whose X-Forwarded-For is believed.
const addressRanges = z.string().superRefine((value, ctx) => {
  const { errors } = parseAddressRanges(value);
  if (errors.length) ctx.addIssue({ code: "custom", message: `not an address or CIDR range: ${errors.join(", ")}` });
});

// "https://console.example.com, console.example.com, *.example.com": full origins, or hosts
// (any scheme), as next's serverActions.allowedOrigins takes them.
const originList = z.string().superRefine((value, ctx) => {
  const bad = value
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o && !/^(https?:\/\/)?(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(o));
  if (bad.length) ctx.addIssue({ code: "custom", message: `not an origin or host: ${bad.join(", ")}` });
});

/**
 * Validates a set of variables (process.env in the app; other sources in tests).
 * @param {Record<string, string | undefined>} runtimeEnv
 */
export function parseEnv(runtimeEnv) {
  const isProduction = runtimeEnv.NODE_ENV === "production";
  return createEnv({
    server: {
      NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
      DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
      // The schema owner, for migrations only (scripts/lib/prepare.ts); the console never uses it.
      DATABASE_MIGRATION_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
      // True when the start script runs the embedded demo database.
      EMBEDDED_DATABASE: bool.default(false),
      NEXTAUTH_URL: z.url().optional(),
      // NEXTAUTH_SECRET_FILE (a mounted secret, re-read when it changes) may stand in for it.
      NEXTAUTH_SECRET:
        isProduction && !runtimeEnv.NEXTAUTH_SECRET_FILE
          ? z.string().min(32, "must be at least 32 characters")
          : z.string().min(32).optional(),
      DEMO_SIGN_IN: bool.optional(),
      OIDC_ISSUER: z.url().optional(),
      OIDC_CLIENT_ID: z.string().optional(),
      OIDC_CLIENT_SECRET: z.string().optional(),
      OIDC_DISPLAY_NAME: z.string().default("Single sign-on"),
      OIDC_GROUPS_CLAIM: z.string().default("groups"),
      OIDC_ROLE_MAP: roleMap.optional(),
      SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
      SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
      ALLOWED_ORIGINS: originList.optional(),
      TRUSTED_PROXIES: addressRanges.optional(),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
        .string()
        .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 random bytes in base64 (openssl rand -base64 32)")
        .optional(),
      CRM_BASE_URL: z.url().optional(),
      CRM_TOKEN: z.string().min(1).optional(),
      DOCUMENTS_BASE_URL: z.url().optional(),
      DOCUMENTS_TOKEN: z.string().min(1).optional(),
      // Refused requests recorded one by one per client address and minute; the rest are summarised.
      AUDIT_REFUSALS_PER_MINUTE: z.coerce.number().int().positive().max(10_000).default(10),
      NEXTAUTH_SECRET_FILE: z.string().optional(),
      CRM_TOKEN_FILE: z.string().optional(),
      DOCUMENTS_TOKEN_FILE: z.string().optional(),
      DATABASE_PASSWORD_FILE: z.string().optional(),
      METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
      METRICS_TOKEN_FILE: z.string().optional(),
    },
    client: {},
    runtimeEnv,
    emptyStringAsUndefined: true,
    skipValidation: runtimeEnv.SKIP_ENV_VALIDATION === "1",
    onValidationError: (issues) => {
      const lines = issues.map((issue) => {
        const name = issue.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".") ?? "?";
        return `  ${String(name)}: ${issue.message}`;
      });
      throw new Error(`Invalid environment: ${lines.map((l) => l.trim()).join("; ")}`);
    },
  });
}
