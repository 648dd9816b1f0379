import { describe, expect, it } from "vitest";
import { deliveryPolicyFromEnv } from "./policy";

describe("delivery policy from the environment", () => {
  it("has defaults", () => {
    expect(deliveryPolicyFromEnv({})).toEqual({
      timeoutMs: 5_000,
      maxAttempts: 8,
      backoff: { baseMs: 500, maxMs: 60_000 },
      leaseMs: 16_000,
    });
  });

  it("reads overrides and keeps the lease longer than a delivery's calls", () => {
    const policy = deliveryPolicyFromEnv({
      SERVICE_TIMEOUT_MS: "1000",
      DELIVERY_MAX_ATTEMPTS: "3",
      DELIVERY_LEASE_MS: "500",
    });
    expect(policy).toMatchObject({ timeoutMs: 1_000, maxAttempts: 3, leaseMs: 4_000 });
    expect(deliveryPolicyFromEnv({ DELIVERY_LEASE_MS: "90000" }).leaseMs).toBe(90_000);
  });

  it("refuses nonsense with the setting's name", () => {
    expect(() => deliveryPolicyFromEnv({ DELIVERY_MAX_ATTEMPTS: "0" })).toThrow(/DELIVERY_MAX_ATTEMPTS/);
    expect(() => deliveryPolicyFromEnv({ SERVICE_TIMEOUT_MS: "soon" })).toThrow(/SERVICE_TIMEOUT_MS/);
  });
});
