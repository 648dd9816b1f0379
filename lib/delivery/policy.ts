// How deliveries are attempted, from the environment: call timeout, attempts before giving
// up, backoff, and the claim lease (longer than two calls, so a live worker never loses its
// claim mid-delivery; a dead worker's claim lapses and another worker takes over).
import { z } from "zod";
import type { BackoffPolicy } from "./backoff";

export interface DeliveryPolicy {
  timeoutMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  leaseMs: number;
}

const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

const schema = z.object({
  SERVICE_TIMEOUT_MS: int(5_000, 100),
  DELIVERY_MAX_ATTEMPTS: int(8, 1),
  DELIVERY_BACKOFF_BASE_MS: int(500, 1),
  DELIVERY_BACKOFF_MAX_MS: int(60_000, 1),
  DELIVERY_LEASE_MS: z.coerce.number().int().min(1).optional(),
});

export function deliveryPolicyFromEnv(env: Record<string, string | undefined> = process.env): DeliveryPolicy {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Delivery settings are invalid: ${problems}`);
  }
  const e = parsed.data;
  // A delivery makes up to three calls (CRM: customer, lookup, invoice); the lease covers them.
  const minLease = 3 * e.SERVICE_TIMEOUT_MS + 1_000;
  return {
    timeoutMs: e.SERVICE_TIMEOUT_MS,
    maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
    backoff: {
      baseMs: e.DELIVERY_BACKOFF_BASE_MS,
      maxMs: Math.max(e.DELIVERY_BACKOFF_BASE_MS, e.DELIVERY_BACKOFF_MAX_MS),
    },
    leaseMs: Math.max(minLease, e.DELIVERY_LEASE_MS ?? 0),
  };
}
