// The audit log's hash chain: each event's hash covers the previous event's hash and the
// event's own canonical content, so changing, removing or reordering any event breaks the
// chain from that event on. Pure, so the writer and the verifier share it.
import { createHash } from "node:crypto";
import { stringify } from "safe-stable-stringify";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  seq: bigint;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
}

/**
 * Canonical text of an event: keys sorted at every depth (PostgreSQL's jsonb reorders keys, so
 * the stored JSON must hash the same as the JSON that was written), undefined as null.
 */
export function canonicalEvent(event: ChainedFields): string {
  return (
    stringify({
      seq: event.seq.toString(),
      occurredAt: event.occurredAt.toISOString(),
      actorId: event.actorId,
      actorEmail: event.actorEmail,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      outcome: event.outcome,
      reason: event.reason,
      ip: event.ip,
      userAgent: event.userAgent,
      before: event.before ?? null,
      after: event.after ?? null,
      metadata: event.metadata ?? null,
    }) ?? ""
  );
}

export function chainHash(prevHash: string, event: ChainedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalEvent(event)).digest("hex");
}

export type ChainBreak = { seq: bigint; problem: "gap" | "prev-hash" | "hash" };

/** Checks events in seq order, continuing from `previous` (null = the chain's start). */
export function verifyChainSegment(
  events: Iterable<ChainedFields & { prevHash: string; hash: string }>,
  previous: { seq: bigint; hash: string } | null,
): { ok: true; last: { seq: bigint; hash: string } | null; count: number } | { ok: false; broken: ChainBreak } {
  let last = previous;
  let count = 0;
  for (const event of events) {
    const expectedSeq = last ? last.seq + 1n : 1n;
    if (event.seq !== expectedSeq) return { ok: false, broken: { seq: event.seq, problem: "gap" } };
    const expectedPrev = last ? last.hash : GENESIS_HASH;
    if (event.prevHash !== expectedPrev) return { ok: false, broken: { seq: event.seq, problem: "prev-hash" } };
    if (chainHash(event.prevHash, event) !== event.hash)
      return { ok: false, broken: { seq: event.seq, problem: "hash" } };
    last = { seq: event.seq, hash: event.hash };
    count++;
  }
  return { ok: true, last, count };
}
