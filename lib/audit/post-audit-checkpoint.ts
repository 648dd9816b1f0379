// The audit checkpoint job: posts the audit chain's head (sequence number, hash and time) to the
// document service, outside the console's database. A database administrator can rewrite audit
// rows and recompute every hash after them, leaving a chain that verifies on its own; it no longer
// matches the checkpoints, and audit:verify names the first one it does not match.
//
// Run hourly (the scheduled job audit-checkpoint, lib/jobs/definitions.ts) and after every release
// (after the release commits). Before posting, the events since the last checkpoint are verified, so each
// checkpoint vouches for a chain that was intact up to it; a chain that is not is refused, and the
// refusal is an audit event. One function, safe to run from several processes at once: the same
// head twice is one checkpoint (idempotency key per head, and the service keeps one per sequence).
import {
  auditCheckpointsClientFromEnv,
  type AuditCheckpoint,
  type AuditCheckpointsClient,
  type ChainHead,
  type CheckpointTrigger,
} from "@/lib/services/audit-checkpoints-client";
import { db } from "@/lib/db";
import { recordAuditEventNow } from "./record-audit-event";
import { describeChainBreak, verifyAuditChain } from "./verify-audit-chain";
import { logFor } from "@/lib/log/logger";

export const CHECKPOINT_ACTION = "audit.checkpoint";

export type CheckpointOutcome =
  | { kind: "empty" }
  /** The service already holds this head. */
  | { kind: "unchanged"; checkpoint: AuditCheckpoint }
  | { kind: "posted"; checkpoint: AuditCheckpoint; verified: number }
  /** The chain does not match the last checkpoint or does not verify since it: nothing was posted. */
  | { kind: "refused"; reason: string }
  /** The service could not be asked or did not store it; the next run tries again. */
  | { kind: "failed"; error: string };

/** The chain's last event, or null when there is none. */
export async function readChainHead(): Promise<ChainHead | null> {
  const head = await db.auditEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true, occurredAt: true },
  });
  return head ?? null;
}

async function refuse(reason: string, trigger: CheckpointTrigger, head: ChainHead, latest: AuditCheckpoint | null) {
  logFor("audit").error({ reason }, "checkpoint refused");
  await recordAuditEventNow({
    actor: { id: null, email: "system:audit-checkpoint" },
    action: CHECKPOINT_ACTION,
    outcome: "REFUSED",
    reason,
    metadata: {
      trigger,
      head: { seq: head.seq.toString(), hash: head.hash },
      latestCheckpoint: latest ? { id: latest.id, seq: latest.seq.toString(), hash: latest.hash } : null,
    },
  });
  return { kind: "refused", reason } as const;
}

export async function postAuditCheckpoint({
  trigger,
  client = auditCheckpointsClientFromEnv(),
  signal,
}: {
  trigger: CheckpointTrigger;
  client?: AuditCheckpointsClient;
  signal?: AbortSignal;
}): Promise<CheckpointOutcome> {
  const head = await readChainHead();
  if (!head) return { kind: "empty" };
  const found = await client.latest({ signal });
  if (found.kind === "failed") return { kind: "failed", error: found.error };
  const latest = found.checkpoint;
  if (latest && latest.seq === head.seq && latest.hash === head.hash) return { kind: "unchanged", checkpoint: latest };

  if (latest) {
    if (latest.seq > head.seq)
      return refuse(
        `the chain ends at event #${head.seq}, but checkpoint ${latest.id} vouches for event #${latest.seq}`,
        trigger,
        head,
        latest,
      );
    const anchored = await db.auditEvent.findUnique({ where: { seq: latest.seq }, select: { hash: true } });
    if (anchored?.hash !== latest.hash)
      return refuse(
        `event #${latest.seq} no longer has the hash checkpoint ${latest.id} holds: the chain was rewritten`,
        trigger,
        head,
        latest,
      );
  }
  const since = await verifyAuditChain({ after: latest, through: head.seq });
  if (!since.ok) return refuse(describeChainBreak(since), trigger, head, latest);

  const posted = await client.post(head, trigger, { signal });
  if (posted.kind === "failed") return { kind: "failed", error: posted.error };
  if (posted.kind === "conflict")
    return refuse(
      `the document service holds another hash for event #${head.seq}` +
        (posted.checkpoint ? ` (checkpoint ${posted.checkpoint.id})` : "") +
        ": the chain was rewritten",
      trigger,
      head,
      latest,
    );
  return posted.existing
    ? { kind: "unchanged", checkpoint: posted.checkpoint }
    : { kind: "posted", checkpoint: posted.checkpoint, verified: since.verified };
}

/** One line for logs. */
export function describeCheckpointOutcome(outcome: CheckpointOutcome): string {
  switch (outcome.kind) {
    case "empty":
      return "audit checkpoint: the chain is empty, nothing to post";
    case "unchanged":
      return `audit checkpoint: event #${outcome.checkpoint.seq} is already checkpointed (${outcome.checkpoint.id})`;
    case "posted":
      return (
        `audit checkpoint: posted event #${outcome.checkpoint.seq} (${outcome.checkpoint.id}), ` +
        `${outcome.verified} events verified since the last`
      );
    case "refused":
      return `audit checkpoint refused: ${outcome.reason}`;
    case "failed":
      return `audit checkpoint failed, will try again: ${outcome.error}`;
  }
}
