// When to try a delivery again: exponential backoff with full jitter (a random wait between
// zero and the capped exponential), so many workers retrying after an outage spread out
// instead of arriving together. A service's Retry-After is a floor, never shortened.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** The wait before attempt `attempt + 1`, after `attempt` failed attempts (attempt >= 1). */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
  retryAfterMs: number | null = null,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * exponential);
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxMs));
}

export type AfterFailure = { status: "PENDING"; nextAttemptAt: Date } | { status: "FAILED" };

/** After a retryable failure: wait and try again, or give up once the attempts are used up. */
export function afterRetryableFailure(
  attempts: number,
  maxAttempts: number,
  now: Date,
  policy: BackoffPolicy,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): AfterFailure {
  if (attempts >= maxAttempts) return { status: "FAILED" };
  return {
    status: "PENDING",
    nextAttemptAt: new Date(now.getTime() + backoffDelayMs(attempts, policy, random, retryAfterMs)),
  };
}
