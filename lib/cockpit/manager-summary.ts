// A manager's part of the home page: how many invoices wait for their decision (any month), how
// many of those need two approvers and already have the first, and support's access requests
// waiting for a manager.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";
import { getApprovalQueue } from "@/lib/gate/approval-queue";

export async function approvalQueueSummary(actor: Actor) {
  const queue = await getApprovalQueue(actor);
  return {
    waiting: queue.length,
    /** Of those, invoices above the two-approver threshold. */
    needTwo: queue.filter((r) => r.required === 2).length,
    /** Of those, the ones that already have their first approval: this manager would be the second. */
    needSecond: queue.filter((r) => r.required === 2 && r.approvers === 1).length,
    oldestSubmittedAt: queue[0]?.submittedAt ?? null,
  };
}

export type ApprovalQueueSummary = Awaited<ReturnType<typeof approvalQueueSummary>>;

/** Support's pending access requests this manager may decide (not their own). */
export async function accessToDecide(actor: Actor) {
  const [row] = await readRows<Array<{ pending: bigint; oldest: Date | null }>>(Prisma.sql`
    SELECT count(*) AS pending, min("createdAt") AS oldest FROM "AccessGrant"
    WHERE status = 'REQUESTED' AND "requesterId" <> ${actor.id}::uuid`);
  return { pending: Number(row?.pending ?? 0), oldest: row?.oldest?.toISOString() ?? null };
}
