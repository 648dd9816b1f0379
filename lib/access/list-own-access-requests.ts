// Support's own access requests and where each stands: waiting, approved until when, rejected,
// expired. Grants past their time are swept first (for this person only), so the status shown
// and the audit log agree.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { expireAccessGrants } from "./expire-access-grants";

export interface OwnAccessRequestRow {
  id: string;
  status: "REQUESTED" | "APPROVED" | "REJECTED" | "EXPIRED";
  reason: string;
  createdAt: string;
  decidedAt: string | null;
  expiresAt: string | null;
  durationMinutes: number | null;
  customer: { id: string; code: string; name: string };
  approver: { id: string; name: string } | null;
}

export async function listOwnAccessRequests({
  actor,
  now = new Date(),
  take = 50,
}: {
  actor: Actor;
  now?: Date;
  take?: number;
}): Promise<OwnAccessRequestRow[]> {
  assertAllowed(actor, "accessGrant.request");
  await expireAccessGrants({ now, requesterId: actor.id });
  const grants = await db.accessGrant.findMany({
    where: { requesterId: actor.id },
    orderBy: { createdAt: "desc" },
    take,
    include: { customer: { select: { id: true, code: true, name: true } } },
  });
  const approverIds = [...new Set(grants.map((g) => g.approverId).filter((x): x is string => !!x))];
  const approvers = new Map(
    (await db.user.findMany({ where: { id: { in: approverIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u,
    ]),
  );
  return grants.map((g) => ({
    id: g.id,
    status: g.status,
    reason: g.reason,
    createdAt: g.createdAt.toISOString(),
    decidedAt: g.decidedAt?.toISOString() ?? null,
    expiresAt: g.expiresAt?.toISOString() ?? null,
    durationMinutes: g.durationMinutes,
    customer: g.customer,
    approver: g.approverId ? (approvers.get(g.approverId) ?? { id: g.approverId, name: g.approverId }) : null,
  }));
}
