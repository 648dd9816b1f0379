import { describe, expect, it } from "vitest";
import { parseEnv } from "./env-schema";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/billing" };
const secret = "x".repeat(32);

describe("environment validation", () => {
  it("accepts a minimal development environment and applies defaults", () => {
    const env = parseEnv({ ...base });
    expect(env.NODE_ENV).toBe("development");
    expect(env.SESSION_IDLE_MINUTES).toBe(15);
    expect(env.SESSION_MAX_HOURS).toBe(12);
    expect(env.OIDC_GROUPS_CLAIM).toBe("groups");
    expect(env.AUDIT_REFUSALS_PER_MINUTE).toBe(10);
  });

  it("names a malformed DATABASE_MIGRATION_URL and a refusal limit that is not a positive integer", () => {
    expect(() => parseEnv({ ...base, DATABASE_MIGRATION_URL: "mysql://owner@localhost/x" })).toThrow(
      /DATABASE_MIGRATION_URL/,
    );
    expect(() => parseEnv({ ...base, AUDIT_REFUSALS_PER_MINUTE: "0" })).toThrow(/AUDIT_REFUSALS_PER_MINUTE/);
    expect(parseEnv({ ...base, AUDIT_REFUSALS_PER_MINUTE: "3" }).AUDIT_REFUSALS_PER_MINUTE).toBe(3);
  });

  it("names a missing DATABASE_URL", () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL/);
  });

  it("names a malformed DATABASE_URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/x" })).toThrow(/DATABASE_URL/);
  });

  it("requires NEXTAUTH_SECRET in production, and names it", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET/);
    expect(parseEnv({ ...base, NODE_ENV: "production", NEXTAUTH_SECRET: secret }).NEXTAUTH_SECRET).toBe(secret);
  });

  it("treats empty strings as missing", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production", NEXTAUTH_SECRET: "" })).toThrow(/NEXTAUTH_SECRET/);
  });

  it("validates the OIDC role map and the booleans", () => {
    expect(
      parseEnv({ ...base, OIDC_ROLE_MAP: "billing-finance=FINANCE, billing-approvers=MANAGER" }).OIDC_ROLE_MAP,
    ).toContain("MANAGER");
    expect(() => parseEnv({ ...base, OIDC_ROLE_MAP: "billing-finance=ROOT" })).toThrow(/OIDC_ROLE_MAP/);
    expect(parseEnv({ ...base, DEMO_SIGN_IN: "false" }).DEMO_SIGN_IN).toBe(false);
    expect(() => parseEnv({ ...base, DEMO_SIGN_IN: "yes" })).toThrow(/DEMO_SIGN_IN/);
  });

  it("checks the server-action encryption key's shape", () => {
    expect(() => parseEnv({ ...base, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "short" })).toThrow(
      /NEXT_SERVER_ACTIONS_ENCRYPTION_KEY/,
    );
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(parseEnv({ ...base, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(key);
  });

  it("validates TRUSTED_PROXIES (addresses and CIDR ranges) and ALLOWED_ORIGINS, naming the bad entry", () => {
    expect(parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8, 2001:db8::/32, 192.0.2.1" }).TRUSTED_PROXIES).toBe(
      "10.0.0.0/8, 2001:db8::/32, 192.0.2.1",
    );
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8, lb.internal" })).toThrow(
      /TRUSTED_PROXIES: not an address or CIDR range: lb.internal/,
    );
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/40" })).toThrow(/TRUSTED_PROXIES/);
    expect(
      parseEnv({ ...base, ALLOWED_ORIGINS: "https://a.example, b.example:8443, *.corp.example" }).ALLOWED_ORIGINS,
    ).toContain("b.example");
    expect(() => parseEnv({ ...base, ALLOWED_ORIGINS: "https://a.example/path" })).toThrow(/ALLOWED_ORIGINS/);
  });
});
