import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { afterRetryableFailure, backoffDelayMs } from "./backoff";

const policy = { baseMs: 500, maxMs: 60_000 };

describe("backoff with full jitter", () => {
  it("grows exponentially up to the cap (at the top of the jitter range)", () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 8, 20].map((a) => backoffDelayMs(a, policy, top))).toEqual([
      499, 999, 1999, 3999, 59_999, 59_999,
    ]);
  });

  it("is random between zero and the exponential", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const delay = backoffDelayMs(attempt, policy, () => r);
        return delay >= 0 && delay < Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1)) + 1;
      }),
    );
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it("never waits less than the service's Retry-After, and never more than the cap", () => {
    expect(backoffDelayMs(1, policy, () => 0, 2_000)).toBe(2_000);
    expect(backoffDelayMs(1, policy, () => 0, 600_000)).toBe(60_000);
  });

  it("gives up after the configured number of attempts", () => {
    const now = new Date("2026-11-01T00:00:00Z");
    expect(afterRetryableFailure(3, 3, now, policy, null)).toEqual({ status: "FAILED" });
    expect(afterRetryableFailure(2, 3, now, policy, null, () => 0.5)).toEqual({
      status: "PENDING",
      nextAttemptAt: new Date(now.getTime() + 500),
    });
  });
});
