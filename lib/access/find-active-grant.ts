// Whether a person holds an approved, unexpired grant for a customer's unmasked data. The
// comparison with now is the expiry; a grant found past its time has its expiry recorded.
import { db } from "@/lib/db";
import { expireAccessGrants } from "./expire-access-grants";

export interface ActiveGrant {
  id: string;
  expiresAt: Date;
}

export interface GrantFact {
  id: string;
  expiresAt: Date | null;
  expiryRecorded: boolean;
}

export async function findActiveGrant({
  requesterId,
  customerId,
  now = new Date(),
}: {
  requesterId: string;
  customerId: string;
  now?: Date;
}): Promise<ActiveGrant | null> {
  const grants = await db.accessGrant.findMany({
    where: { requesterId, customerId, status: "APPROVED" },
    select: { id: true, expiresAt: true, expiryRecorded: true },
  });
  return activeGrantOf(grants, { requesterId, customerId, now });
}

/**
 * From this person's APPROVED grants for the customer (loaded by the caller): the active one,
 * recording any expiry due.
 */
export async function activeGrantOf(
  grants: readonly GrantFact[],
  { requesterId, customerId, now }: { requesterId: string; customerId: string; now: Date },
): Promise<ActiveGrant | null> {
  if (grants.some((g) => g.expiresAt !== null && g.expiresAt <= now && !g.expiryRecorded)) {
    await expireAccessGrants({ now, customerId, requesterId, by: "check" });
  }
  const active = grants
    .filter((g): g is GrantFact & { expiresAt: Date } => g.expiresAt !== null && g.expiresAt > now)
    .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0];
  return active ? { id: active.id, expiresAt: active.expiresAt } : null;
}
