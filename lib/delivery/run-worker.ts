// The delivery worker's loop: claim what is due, deliver up to `concurrency` at once, poll
// again. Several workers (processes) may run: claims skip rows another worker holds. On stop
// it finishes the deliveries in flight; if it is killed instead, their leases lapse and
// another worker resends them with the same idempotency keys.
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { claimDue } from "./claim";
import { deliverClaimed, type AttemptRecord, type DeliveryDeps } from "./deliver";
import { sleepUntilAborted } from "@/lib/async/sleep-until-aborted";

export const workerActor = (holder: string): AuditActor => ({ id: null, email: `system:delivery-worker:${holder}` });

export interface WorkerOptions {
  deps: DeliveryDeps;
  /** Names this worker on claims and attempts, e.g. worker-<host>-<pid>. */
  holder: string;
  concurrency: number;
  pollMs: number;
  signal: AbortSignal;
  onAttempt?: (record: AttemptRecord) => void;
  onError?: (error: unknown) => void;
}

export async function runWorker({
  deps,
  holder,
  concurrency,
  pollMs,
  signal,
  onAttempt,
  onError,
}: WorkerOptions): Promise<void> {
  const actor = workerActor(holder);
  const inFlight = new Set<Promise<void>>();
  while (!signal.aborted) {
    const free = concurrency - inFlight.size;
    let claimed = 0;
    if (free > 0) {
      try {
        const claims = await claimDue(holder, free, deps.policy.leaseMs);
        claimed = claims.length;
        for (const claim of claims) {
          const task: Promise<void> = deliverClaimed(claim, deps, actor)
            .then((record) => onAttempt?.(record))
            .catch((error) => onError?.(error))
            .finally(() => inFlight.delete(task));
          inFlight.add(task);
        }
      } catch (error) {
        onError?.(error);
      }
    }
    // Busy: wake when a slot frees up. Idle: wait for the next poll.
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    else if (claimed === 0) await Promise.race([sleepUntilAborted(pollMs, signal), ...inFlight]);
  }
  await Promise.allSettled(inFlight);
}
