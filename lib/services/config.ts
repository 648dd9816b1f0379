// Where the console finds the CRM and the document service. The defaults point at the local
// services (npm run service:crm / service:documents), which use LOCAL_SERVICES too.
import { z } from "zod";
import { createCrmClient } from "./crm-client";
import { createDocumentsClient } from "./documents-client";
import type { Credential } from "./http";
import { readSecret, refreshSecret, secretFromFile } from "@/lib/secrets/secret";
import type { CrmClient, DocumentsClient } from "./types";

export const LOCAL_SERVICES = {
  crm: { port: 4010, token: "local-crm-token", baseUrl: "http://127.0.0.1:4010" },
  documents: { port: 4020, token: "local-documents-token", baseUrl: "http://127.0.0.1:4020" },
} as const;

// Empty variables count as unset (as in a .env file with KEY=).
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const baseUrl = (fallback: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/ })
      .default(fallback)
      .transform((url) => url.replace(/\/+$/, "")),
  );
const token = (fallback: string) => z.preprocess(unsetIfEmpty, z.string().min(1).default(fallback));

const schema = z.object({
  CRM_BASE_URL: baseUrl(LOCAL_SERVICES.crm.baseUrl),
  CRM_TOKEN: token(LOCAL_SERVICES.crm.token),
  DOCUMENTS_BASE_URL: baseUrl(LOCAL_SERVICES.documents.baseUrl),
  DOCUMENTS_TOKEN: token(LOCAL_SERVICES.documents.token),
  SERVICE_TIMEOUT_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().max(600_000).default(5000)),
  SERVICES_LOOKUP_BEFORE_CREATE: z.preprocess(
    unsetIfEmpty,
    z
      .enum(["true", "false", "1", "0"])
      .default("true")
      .transform((value) => value === "true" || value === "1"),
  ),
});

export type ServicesConfig = {
  crm: { baseUrl: string; token: string | Credential };
  documents: { baseUrl: string; token: string | Credential };
  timeoutMs: number;
  lookupBeforeCreate: boolean;
};

export function servicesConfigFromEnv(env: Record<string, string | undefined> = process.env): ServicesConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid service configuration:\n${z.prettifyError(parsed.error)}`);
  const vars = parsed.data;
  // CRM_TOKEN_FILE / DOCUMENTS_TOKEN_FILE: read on each call, re-read at once after a 401.
  const token = (name: "CRM_TOKEN" | "DOCUMENTS_TOKEN", fallback: string): string | Credential =>
    secretFromFile(name, env)
      ? { current: () => readSecret(name, env) ?? fallback, refresh: () => refreshSecret(name, env) ?? fallback }
      : fallback;
  return {
    crm: { baseUrl: vars.CRM_BASE_URL, token: token("CRM_TOKEN", vars.CRM_TOKEN) },
    documents: { baseUrl: vars.DOCUMENTS_BASE_URL, token: token("DOCUMENTS_TOKEN", vars.DOCUMENTS_TOKEN) },
    timeoutMs: vars.SERVICE_TIMEOUT_MS,
    lookupBeforeCreate: vars.SERVICES_LOOKUP_BEFORE_CREATE,
  };
}

export function createServiceClients(config: ServicesConfig): { crm: CrmClient; documents: DocumentsClient } {
  const common = { timeoutMs: config.timeoutMs, lookupBeforeCreate: config.lookupBeforeCreate };
  return {
    crm: createCrmClient({ ...config.crm, ...common }),
    documents: createDocumentsClient({ ...config.documents, ...common }),
  };
}
