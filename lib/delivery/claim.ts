// Claiming deliveries: a worker or the release action takes a delivery with a lease before
// calling the service, so two processes never send the same delivery at once. The lease
// runs out if its holder dies, and the next claimant sends again with the same idempotency
// key, so the service answers with what it already did. The CRM record links to the stored
// PDF, so a CRM delivery is claimable only once its document delivery has been sent.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { DeliveryService } from "@/lib/generated/prisma/enums";

export interface ClaimedDelivery {
  id: string;
  invoiceId: string;
  service: DeliveryService;
  idempotencyKey: string;
  attempts: number;
  /** Unique per claim: recording an outcome checks the delivery is still held by it. */
  claimToken: string;
}

const newToken = (holder: string) => `${holder}:${randomUUID()}`;

/** Who holds a claim: its token up to the first ":", as `newToken` built it. */
export function claimHolder(token: string): string {
  const colon = token.indexOf(":");
  return colon < 0 ? token : token.slice(0, colon);
}

/** Up to `limit` deliveries that are due, oldest first, skipping rows another claimant has locked. */
export async function claimDue(holder: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const token = newToken(holder);
  return db.$queryRaw<ClaimedDelivery[]>`
    UPDATE "Delivery" d SET "claimedBy" = ${token}, "claimedUntil" = now() + ${leaseMs} * interval '1 millisecond'
    WHERE d.id IN (
      SELECT c.id FROM "Delivery" c
      WHERE c.status = 'PENDING' AND c."nextAttemptAt" <= now()
        AND (c."claimedUntil" IS NULL OR c."claimedUntil" < now())
        AND (c.service = 'DOCUMENTS' OR EXISTS (
          SELECT 1 FROM "Delivery" doc
          WHERE doc."invoiceId" = c."invoiceId" AND doc.service = 'DOCUMENTS' AND doc.status = 'SENT'))
      ORDER BY c."nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d.id::text, d."invoiceId"::text AS "invoiceId", d.service::text AS service, d."idempotencyKey",
      d.attempts, d."claimedBy" AS "claimToken"`;
}

/**
 * The release and retry actions deliver one invoice's pending deliveries at once, whatever
 * their backoff says, unless a worker holds them.
 */
export async function claimForInvoice(
  holder: string,
  invoiceId: string,
  service: DeliveryService,
  leaseMs: number,
): Promise<ClaimedDelivery | null> {
  const token = newToken(holder);
  const rows = await db.$queryRaw<ClaimedDelivery[]>`
    UPDATE "Delivery" d SET "claimedBy" = ${token}, "claimedUntil" = now() + ${leaseMs} * interval '1 millisecond'
    WHERE d.id IN (
      SELECT c.id FROM "Delivery" c
      WHERE c."invoiceId" = ${invoiceId}::uuid AND c.service = ${service}::"DeliveryService" AND c.status = 'PENDING'
        AND (c."claimedUntil" IS NULL OR c."claimedUntil" < now())
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d.id::text, d."invoiceId"::text AS "invoiceId", d.service::text AS service, d."idempotencyKey",
      d.attempts, d."claimedBy" AS "claimToken"`;
  return rows[0] ?? null;
}

/** Gives a claim back without an attempt (a worker shutting down before it called). */
export async function releaseClaim(claim: ClaimedDelivery) {
  await db.delivery.updateMany({
    where: { id: claim.id, claimedBy: claim.claimToken },
    data: { claimedBy: null, claimedUntil: null },
  });
}
