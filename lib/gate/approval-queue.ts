// The manager's queue as the approvals page shows it: the submitted invoices waiting for this
// manager (gate-status.ts listApprovalQueue) with whether they have opened each one in its
// current version (the condition for bulk approval), how long it has waited, how many approvers
// it needs and has, and where "What changed" leads (lib/invoices/what-changed.ts).
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db";
import { whatChangedHref } from "@/lib/invoices/what-changed";
import { requiredApprovers, validApprovers } from "./approval-rules";
import { listApprovalQueue } from "./gate-status";
import { disqualifiedFrom } from "./participants";
import { twoApproverThreshold } from "./load-for-gate";
import { viewedVersions } from "./record-invoice-view";

function byInvoice<T extends { invoiceId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.invoiceId);
    if (group) group.push(item);
    else groups.set(item.invoiceId, [item]);
  }
  return groups;
}

export async function getApprovalQueue(actor: Actor, now = new Date()) {
  const rows = await listApprovalQueue(actor);
  const ids = rows.map((r) => r.id);
  const [views, threshold, decisions, participants] = await Promise.all([
    viewedVersions(actor, ids),
    twoApproverThreshold(),
    ids.length
      ? db.approval.findMany({
          where: { invoiceId: { in: ids } },
          select: {
            invoiceId: true,
            approverId: true,
            version: true,
            contentHash: true,
            decision: true,
            voidedAt: true,
            createdAt: true,
            // The invoice's current content: an approval counts only if it binds exactly that.
            invoice: { select: { contentHash: true } },
          },
        })
      : [],
    // Whose approvals never count (lib/gate/participants.ts), so the count is the gate's.
    ids.length
      ? db.invoiceParticipant.findMany({
          where: { invoiceId: { in: ids } },
          select: { invoiceId: true, userId: true, act: true },
        })
      : [],
  ]);
  // Grouped once: a queue of hundreds would otherwise scan every list once per row.
  const decisionsOf = byInvoice(decisions);
  const participantsOf = byInvoice(participants);
  return rows.map((row) => {
    const seen = views.get(row.id) ?? [];
    const own = decisionsOf.get(row.id) ?? [];
    return {
      ...row,
      viewedCurrent: seen.includes(row.version),
      lastViewedVersion: seen.at(-1) ?? null,
      waitingMinutes: row.submittedAt
        ? Math.max(0, Math.floor((now.getTime() - new Date(row.submittedAt).getTime()) / 60_000))
        : null,
      required: requiredApprovers(BigInt(row.totalJpy), threshold),
      approvers: validApprovers(
        own,
        row.version,
        own[0]?.invoice.contentHash ?? "",
        disqualifiedFrom(participantsOf.get(row.id) ?? []),
      ).length,
      changesHref: whatChangedHref(
        row.id,
        row.version,
        own.map((d) => ({ version: d.version, at: d.createdAt })),
      ),
    };
  });
}

export type ApprovalQueueRow = Awaited<ReturnType<typeof getApprovalQueue>>[number];

/** The change share beyond which drafts are flagged "moved", e.g. "0.3" (shown in the flag's label). */
export async function flagChangeShare(): Promise<string> {
  const setting = await db.setting.findUnique({ where: { key: "drafts.flagChangeShare" } });
  return typeof setting?.value === "string" || typeof setting?.value === "number" ? String(setting.value) : "0.3";
}
