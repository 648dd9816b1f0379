// Access grants expire by themselves: every check compares expiresAt with now, so an expired
// grant unmasks nothing even if no one recorded its expiry yet. The "accessGrant.expired"
// audit event is recorded exactly once per grant, by whichever comes first: the next check
// of that grant (lazily) or the sweep (the worker or a page calls it).
import { db, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { Prisma } from "@/lib/generated/prisma/client";

const EXPIRY_ACTOR = { id: null, email: "system:access-expiry" };

/** Marks due grants EXPIRED and records each one's expiry; returns how many it recorded. */
export async function expireAccessGrants({
  now = new Date(),
  customerId,
  requesterId,
  by = "sweep",
}: {
  now?: Date;
  customerId?: string;
  requesterId?: string;
  by?: "sweep" | "check";
} = {}): Promise<number> {
  return db.$transaction(async (tx) => expireDueGrantsIn(tx, { now, customerId, requesterId, by }));
}

export async function expireDueGrantsIn(
  tx: Tx,
  { now, customerId, requesterId, by }: { now: Date; customerId?: string; requesterId?: string; by: "sweep" | "check" },
) {
  // The conditional UPDATE claims each grant once, even with concurrent sweeps and checks.
  const expired = await tx.$queryRaw<
    Array<{ id: string; customerId: string; requesterId: string; approverId: string | null; expiresAt: Date }>
  >`
    UPDATE "AccessGrant" SET status = 'EXPIRED', "expiryRecorded" = true
    WHERE status = 'APPROVED' AND "expiresAt" <= ${now} AND NOT "expiryRecorded"
      ${customerId ? Prisma.sql`AND "customerId" = ${customerId}::uuid` : Prisma.empty}
      ${requesterId ? Prisma.sql`AND "requesterId" = ${requesterId}::uuid` : Prisma.empty}
    RETURNING id::text, "customerId"::text, "requesterId"::text, "approverId"::text, "expiresAt"`;
  for (const grant of expired.sort((a, b) => a.id.localeCompare(b.id))) {
    await recordAuditEvent(tx, {
      actor: EXPIRY_ACTOR,
      action: "accessGrant.expired",
      target: { type: "accessGrant", id: grant.id },
      before: { status: "APPROVED" },
      after: { status: "EXPIRED" },
      metadata: {
        customerId: grant.customerId,
        requesterId: grant.requesterId,
        approverId: grant.approverId,
        expiresAt: grant.expiresAt.toISOString(),
        recordedBy: by,
      },
    });
  }
  return expired.length;
}
