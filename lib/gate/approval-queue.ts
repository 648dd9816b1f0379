// The manager's queue as the approvals page shows it: the submitted invoices waiting for this
// manager (gate-status.ts listApprovalQueue) with whether they have opened each one in its
// current version (the condition for bulk approval) and how long it has waited.
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db";
import { listApprovalQueue } from "./gate-status";
import { viewedVersions } from "./record-invoice-view";

export async function getApprovalQueue(actor: Actor, now = new Date()) {
  const rows = await listApprovalQueue(actor);
  const views = await viewedVersions(
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const seen = views.get(row.id) ?? [];
    return {
      ...row,
      viewedCurrent: seen.includes(row.version),
      lastViewedVersion: seen.at(-1) ?? null,
      waitingMinutes: row.submittedAt
        ? Math.max(0, Math.floor((now.getTime() - new Date(row.submittedAt).getTime()) / 60_000))
        : null,
    };
  });
}

export type ApprovalQueueRow = Awaited<ReturnType<typeof getApprovalQueue>>[number];

/** The change share beyond which drafts are flagged "moved", e.g. "0.3" (shown in the flag's label). */
export async function flagChangeShare(): Promise<string> {
  const setting = await db.setting.findUnique({ where: { key: "drafts.flagChangeShare" } });
  return typeof setting?.value === "string" || typeof setting?.value === "number" ? String(setting.value) : "0.3";
}
