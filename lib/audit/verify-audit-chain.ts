// Walks the whole audit chain in seq order, a page at a time (keyset on seq, so memory stays
// flat however long the log grows), and reports the first event that breaks it. The checks
// themselves are verifyChainSegment's (hash-chain.ts), shared with the writer's hashing.
import { db } from "@/lib/db";
import { verifyChainSegment, type ChainBreak } from "./hash-chain";

export interface ChainStatus {
  ok: boolean;
  /** Events verified before the break (all of them when ok). */
  verified: number;
  last: { seq: bigint; hash: string } | null;
  broken:
    | (ChainBreak & {
        action: string | null;
        occurredAt: Date | null;
        targetType: string | null;
        targetId: string | null;
      })
    | null;
  durationMs: number;
}

export async function verifyAuditChain({
  pageSize = 5000,
  onPage,
  after = null,
  through,
}: {
  pageSize?: number;
  onPage?: (verified: number) => void;
  /** Start after this event, trusted as it is (a checkpoint): null walks from the first event. */
  after?: { seq: bigint; hash: string } | null;
  /** Stop at this event (inclusive): a walk to a head read before it started. */
  through?: bigint;
} = {}): Promise<ChainStatus> {
  const started = performance.now();
  let previous: { seq: bigint; hash: string } | null = after;
  let verified = 0;
  for (;;) {
    const events = await db.auditEvent.findMany({
      where: { seq: { ...(previous ? { gt: previous.seq } : {}), ...(through === undefined ? {} : { lte: through }) } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    if (events.length === 0) break;
    const result = verifyChainSegment(events, previous);
    if (!result.ok) {
      const at = events.find((e) => e.seq === result.broken.seq) ?? null;
      const checkedInPage = events.findIndex((e) => e.seq === result.broken.seq);
      return {
        ok: false,
        verified: verified + Math.max(0, checkedInPage),
        last: previous,
        broken: {
          ...result.broken,
          action: at?.action ?? null,
          occurredAt: at?.occurredAt ?? null,
          targetType: at?.targetType ?? null,
          targetId: at?.targetId ?? null,
        },
        durationMs: performance.now() - started,
      };
    }
    verified += result.count;
    previous = result.last;
    onPage?.(verified);
    if (events.length < pageSize) break;
  }
  return { ok: true, verified, last: previous, broken: null, durationMs: performance.now() - started };
}

/** One line naming the first broken event, for the command and the admin page. */
export function describeChainBreak(status: ChainStatus): string {
  if (status.ok || !status.broken) return `audit chain intact: ${status.verified} events`;
  const b = status.broken;
  const what = {
    gap: "a missing or out-of-order event before it",
    "prev-hash": "its link to the previous event does not match",
    hash: "its content does not match its hash",
  }[b.problem];
  const target = b.targetType ? ` on ${b.targetType} ${b.targetId}` : "";
  const when = b.occurredAt ? `, ${b.occurredAt.toISOString()}` : "";
  return `audit chain broken at event seq ${b.seq} (${b.action ?? "?"}${target}${when}): ${what}`;
}
