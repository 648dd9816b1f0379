// The managers' queue: pending requests (oldest first) and recent decisions. Expired grants
// are swept first so the list and the audit log agree on what is still active.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { expireAccessGrants } from "./expire-access-grants";

export interface AccessRequestRow {
  id: string;
  status: "REQUESTED" | "APPROVED" | "REJECTED" | "EXPIRED";
  reason: string;
  createdAt: string;
  decidedAt: string | null;
  expiresAt: string | null;
  durationMinutes: number | null;
  customer: { id: string; code: string; name: string };
  requester: { id: string; name: string; email: string };
  approver: { id: string; name: string } | null;
  /** The viewer asked for this themselves, so they cannot decide it. */
  own: boolean;
}

export async function listAccessRequests({
  actor,
  now = new Date(),
  recent = 20,
}: {
  actor: Actor;
  now?: Date;
  recent?: number;
}) {
  assertAllowed(actor, "accessGrant.decide");
  await expireAccessGrants({ now });
  const include = { customer: { select: { id: true, code: true, name: true } } } as const;
  const [pending, decided] = await Promise.all([
    db.accessGrant.findMany({ where: { status: "REQUESTED" }, orderBy: { createdAt: "asc" }, take: 200, include }),
    db.accessGrant.findMany({
      where: { status: { not: "REQUESTED" } },
      orderBy: { decidedAt: "desc" },
      take: recent,
      include,
    }),
  ]);
  const peopleIds = [
    ...new Set([...pending, ...decided].flatMap((g) => [g.requesterId, g.approverId]).filter((x): x is string => !!x)),
  ];
  const people = new Map(
    (await db.user.findMany({ where: { id: { in: peopleIds } }, select: { id: true, name: true, email: true } })).map(
      (u) => [u.id, u],
    ),
  );
  const row = (g: (typeof pending)[number]): AccessRequestRow => ({
    id: g.id,
    status: g.status,
    reason: g.reason,
    createdAt: g.createdAt.toISOString(),
    decidedAt: g.decidedAt?.toISOString() ?? null,
    expiresAt: g.expiresAt?.toISOString() ?? null,
    durationMinutes: g.durationMinutes,
    customer: g.customer,
    requester: people.get(g.requesterId) ?? { id: g.requesterId, name: g.requesterId, email: "" },
    approver: g.approverId ? { id: g.approverId, name: people.get(g.approverId)?.name ?? g.approverId } : null,
    own: g.requesterId === actor.id,
  });
  return { pending: pending.map(row), decided: decided.map(row) };
}
