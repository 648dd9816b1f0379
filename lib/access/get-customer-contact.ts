// A customer's contact and bank data as one actor may see it. Finance, managers and admins
// see it unmasked; support only through an approved, unexpired access grant. Every read of
// unmasked data is an audit event ("customer.unmasked-read"), so use is recorded too.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide, assertAllowed } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { activeGrantOf } from "./find-active-grant";
import { UUID } from "@/lib/uuid";
import { maskContact, type ContactData } from "./mask";

export interface CustomerContactDto extends ContactData {
  contactName: string | null;
  masked: boolean;
  /** The grant that unmasks it for support, with its end. */
  grant: { id: string; expiresAt: string } | null;
  /** Support's own request still waiting for a manager. */
  pendingRequest: { id: string; createdAt: string } | null;
  /** Whether this actor may ask for access (support, masked, nothing pending). */
  canRequest: boolean;
}

export async function getCustomerContact({
  actor,
  customerId,
  now = new Date(),
}: {
  actor: Actor;
  customerId: string;
  now?: Date;
}): Promise<CustomerContactDto> {
  const byRole = decide(actor, "customer.viewUnmasked", { kind: "customer", hasActiveGrant: false }).allowed;
  // One query: the customer's contact and, for someone who needs a grant to unmask it, their
  // approved grants and their latest request still waiting (both keyed by requester and customer).
  const [customer] = UUID.test(customerId)
    ? await readRows<
        Array<{
          id: string;
          contactName: string | null;
          contactEmail: string | null;
          contactPhone: string | null;
          bankDetails: string | null;
          grants: Array<{ id: string; expiresAt: string | null; expiryRecorded: boolean }>;
          pending: { id: string; createdAt: string } | null;
        }>
      >(Prisma.sql`
        SELECT c.id::text, c."contactName", c."contactEmail", c."contactPhone", c."bankDetails",
               coalesce((SELECT json_agg(json_build_object(
                                  'id', g.id, 'expiresAt', g."expiresAt", 'expiryRecorded', g."expiryRecorded"))
                         FROM "AccessGrant" g WHERE ${!byRole} AND g."requesterId" = ${actor.id}::uuid
                           AND g."customerId" = c.id AND g.status = 'APPROVED'), '[]') AS grants,
               (SELECT json_build_object('id', g.id, 'createdAt', g."createdAt") FROM "AccessGrant" g
                WHERE ${!byRole} AND g."requesterId" = ${actor.id}::uuid AND g."customerId" = c.id
                  AND g.status = 'REQUESTED' ORDER BY g."createdAt" DESC LIMIT 1) AS pending
        FROM "Customer" c WHERE c.id = ${customerId}::uuid`)
    : [];
  if (!customer) throw new AppError("NOT_FOUND", "No such customer.", { details: { rule: "not-found" } });
  assertAllowed(actor, "customer.view");

  const grant = byRole
    ? null
    : await activeGrantOf(
        customer.grants.map((g) => ({ ...g, expiresAt: g.expiresAt === null ? null : new Date(g.expiresAt) })),
        { requesterId: actor.id, customerId, now },
      );
  const unmasked =
    byRole || decide(actor, "customer.viewUnmasked", { kind: "customer", hasActiveGrant: grant !== null }).allowed;
  const data: ContactData = {
    contactEmail: customer.contactEmail,
    contactPhone: customer.contactPhone,
    bankDetails: customer.bankDetails,
  };

  if (unmasked) {
    await recordAuditEventNow({
      actor,
      action: "customer.unmasked-read",
      target: { type: "customer", id: customerId },
      metadata: {
        fields: ["contactEmail", "contactPhone", "bankDetails"],
        via: grant ? "grant" : "role",
        grantId: grant?.id ?? null,
      },
    });
    return {
      contactName: customer.contactName,
      ...data,
      masked: false,
      grant: grant ? { id: grant.id, expiresAt: grant.expiresAt.toISOString() } : null,
      pendingRequest: null,
      canRequest: false,
    };
  }
  const pending = customer.pending;
  return {
    contactName: customer.contactName,
    ...maskContact(data),
    masked: true,
    grant: null,
    pendingRequest: pending ? { id: pending.id, createdAt: new Date(pending.createdAt).toISOString() } : null,
    canRequest: !pending && decide(actor, "accessGrant.request").allowed,
  };
}
