// The audit jobs a delivery worker runs for now, on plain intervals (a scheduler will take them
// over; each job is one function): the audit checkpoint (post-audit-checkpoint.ts) at start and
// then every `checkpointEveryMs`, sooner again after a failure; and the summary of suppressed
// refusals (record-refused-request.ts) every `sweepEveryMs`. Several workers may run it: both
// jobs are safe to run at once.
// (The jobs are passed in, so this loop has no database of its own and is tested alone.)
import type { CheckpointOutcome } from "./post-audit-checkpoint";
import { sleepUntilAborted } from "@/lib/async/sleep-until-aborted";

/** After a failed checkpoint, the next attempt comes this soon (or at the interval, if shorter). */
export const CHECKPOINT_RETRY_MS = 5 * 60_000;

export interface AuditScheduleOptions {
  /** 0 turns the checkpoint job off. */
  checkpointEveryMs: number;
  sweepEveryMs?: number;
  /** After a failed checkpoint (default CHECKPOINT_RETRY_MS, or the interval if shorter). */
  retryAfterFailureMs?: number;
  signal: AbortSignal;
  /** postAuditCheckpoint({ trigger: "schedule" }) */
  checkpoint: () => Promise<CheckpointOutcome>;
  /** summarizeSuppressedRefusals() */
  sweep: () => Promise<unknown>;
  onCheckpoint?: (outcome: CheckpointOutcome) => void;
  onError?: (job: "checkpoint" | "sweep", error: unknown) => void;
}

export async function runAuditSchedule({
  checkpointEveryMs,
  sweepEveryMs = 60_000,
  retryAfterFailureMs = CHECKPOINT_RETRY_MS,
  signal,
  checkpoint,
  sweep,
  onCheckpoint,
  onError,
}: AuditScheduleOptions): Promise<void> {
  let nextCheckpoint = checkpointEveryMs > 0 ? Date.now() : Number.POSITIVE_INFINITY;
  let nextSweep = Date.now() + sweepEveryMs;
  while (!signal.aborted) {
    const now = Date.now();
    if (now >= nextCheckpoint) {
      let again = checkpointEveryMs;
      try {
        const outcome = await checkpoint();
        onCheckpoint?.(outcome);
        if (outcome.kind === "failed") again = Math.min(checkpointEveryMs, retryAfterFailureMs);
      } catch (error) {
        onError?.("checkpoint", error);
        again = Math.min(checkpointEveryMs, retryAfterFailureMs);
      }
      nextCheckpoint = Date.now() + again;
    }
    if (now >= nextSweep) {
      try {
        await sweep();
      } catch (error) {
        onError?.("sweep", error);
      }
      nextSweep = Date.now() + sweepEveryMs;
    }
    await sleepUntilAborted(Math.max(0, Math.min(nextCheckpoint, nextSweep) - Date.now()), signal);
  }
}
