// Compares the audit chain in the database with the checkpoints the document service holds
// (post-audit-checkpoint.ts), in sequence order, and names the first checkpoint the database no
// longer matches. This catches what walking the chain alone cannot: rows rewritten with every
// hash after them recomputed, so that the chain is consistent with itself.
import type { AuditCheckpoint, AuditCheckpointsClient } from "@/lib/services/audit-checkpoints-client";
import { db } from "@/lib/db";

export interface CheckpointMismatch {
  checkpoint: AuditCheckpoint;
  /** "missing": the event is gone; "hash": it is there with another hash. */
  problem: "missing" | "hash";
  databaseHash: string | null;
}

export interface CheckpointsStatus {
  ok: boolean;
  /** Checkpoints compared (up to and including the first mismatch). */
  checked: number;
  latest: AuditCheckpoint | null;
  firstMismatch: CheckpointMismatch | null;
}

export async function verifyCheckpoints({
  client,
  pageSize = 1000,
}: {
  client: AuditCheckpointsClient;
  pageSize?: number;
}): Promise<{ kind: "ok"; status: CheckpointsStatus } | { kind: "failed"; error: string }> {
  let after = 0n;
  let checked = 0;
  let latest: AuditCheckpoint | null = null;
  for (;;) {
    const page = await client.page(after, pageSize);
    if (page.kind === "failed") return page;
    const rows = await db.auditEvent.findMany({
      where: { seq: { in: page.items.map((checkpoint) => checkpoint.seq) } },
      select: { seq: true, hash: true },
    });
    const hashes = new Map(rows.map((row) => [row.seq, row.hash]));
    for (const checkpoint of page.items) {
      checked++;
      latest = checkpoint;
      const databaseHash = hashes.get(checkpoint.seq) ?? null;
      if (databaseHash !== checkpoint.hash) {
        const firstMismatch: CheckpointMismatch = {
          checkpoint,
          problem: databaseHash === null ? "missing" : "hash",
          databaseHash,
        };
        return { kind: "ok", status: { ok: false, checked, latest, firstMismatch } };
      }
    }
    const last = page.items.at(-1);
    if (!last || page.items.length < pageSize) break;
    after = last.seq;
  }
  return { kind: "ok", status: { ok: true, checked, latest, firstMismatch: null } };
}

/** One line: the first checkpoint the database no longer matches, or how many match. */
export function describeCheckpoints(status: CheckpointsStatus): string {
  const m = status.firstMismatch;
  if (m) {
    const c = m.checkpoint;
    const what =
      m.problem === "missing"
        ? `event #${c.seq} is no longer in the database`
        : `event #${c.seq} has hash ${m.databaseHash} in the database, the checkpoint holds ${c.hash}`;
    return (
      `audit chain does not match checkpoint ${c.id} (event #${c.seq}, posted ${c.receivedAt.toISOString()}, ` +
      `${c.trigger}): ${what}; the chain was changed at or before event #${c.seq}`
    );
  }
  if (!status.latest) return "no audit checkpoints yet";
  return (
    `${status.checked} audit checkpoints match; the latest vouches for event #${status.latest.seq} ` +
    `(posted ${status.latest.receivedAt.toISOString()})`
  );
}
