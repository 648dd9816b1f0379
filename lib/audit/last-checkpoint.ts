import "server-only";
// The admin page's view of the audit checkpoints: the last one the document service holds, and
// whether the database still has that event with that hash (one row read; audit:verify compares
// every checkpoint). A short wait: the page must not hang on an unreachable service.
import { db } from "@/lib/db";
import { auditCheckpointsClientFromEnv, type AuditCheckpointsClient } from "@/lib/services/audit-checkpoints-client";
import { readChainHead } from "./post-audit-checkpoint";

export type LastCheckpointView =
  | { state: "unreachable"; error: string }
  | { state: "none" }
  | {
      state: "matches" | "mismatch";
      checkpoint: { id: string; seq: string; hash: string; occurredAt: string; receivedAt: string; trigger: string };
      /** Events written after the checkpointed one (not yet vouched for outside the database). */
      eventsSince: string;
    };

export async function getLastCheckpoint({
  client = auditCheckpointsClientFromEnv(),
  timeoutMs = 3000,
}: {
  client?: AuditCheckpointsClient;
  timeoutMs?: number;
} = {}): Promise<LastCheckpointView> {
  const found = await client.latest({ signal: AbortSignal.timeout(timeoutMs) });
  if (found.kind === "failed") return { state: "unreachable", error: found.error };
  const c = found.checkpoint;
  if (!c) return { state: "none" };
  const [event, head] = await Promise.all([
    db.auditEvent.findUnique({ where: { seq: c.seq }, select: { hash: true } }),
    readChainHead(),
  ]);
  const since = head && head.seq > c.seq ? head.seq - c.seq : 0n;
  return {
    state: event?.hash === c.hash ? "matches" : "mismatch",
    checkpoint: {
      id: c.id,
      seq: c.seq.toString(),
      hash: c.hash,
      occurredAt: c.occurredAt.toISOString(),
      receivedAt: c.receivedAt.toISOString(),
      trigger: c.trigger,
    },
    eventsSince: since.toString(),
  };
}
