// A customer's contact and bank data as one actor may see it. Finance, managers and admins
// see it unmasked; support only through an approved, unexpired access grant. Every read of
// unmasked data is an audit event ("customer.unmasked-read"), so use is recorded too.
import { db } from "@/lib/db";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { findActiveGrant } from "./find-active-grant";
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

export async function getCustomerContact({ actor, customerId, now = new Date() }: { actor: Actor; customerId: string; now?: Date }): Promise<CustomerContactDto> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true, contactName: true, contactEmail: true, contactPhone: true, bankDetails: true } });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer.");
  const view = decide(actor, "customer.view");
  if (!view.allowed) throw new AppError("FORBIDDEN", view.message);

  const byRole = decide(actor, "customer.viewUnmasked", { kind: "customer", hasActiveGrant: false }).allowed;
  const grant = byRole ? null : await findActiveGrant({ requesterId: actor.id, customerId, now });
  const unmasked = byRole || decide(actor, "customer.viewUnmasked", { kind: "customer", hasActiveGrant: grant !== null }).allowed;
  const data: ContactData = { contactEmail: customer.contactEmail, contactPhone: customer.contactPhone, bankDetails: customer.bankDetails };

  if (unmasked) {
    await recordAuditEventNow({
      actor,
      action: "customer.unmasked-read",
      target: { type: "customer", id: customerId },
      metadata: { fields: ["contactEmail", "contactPhone", "bankDetails"], via: grant ? "grant" : "role", grantId: grant?.id ?? null },
    });
    return { contactName: customer.contactName, ...data, masked: false, grant: grant ? { id: grant.id, expiresAt: grant.expiresAt.toISOString() } : null, pendingRequest: null, canRequest: false };
  }
  const pending = await db.accessGrant.findFirst({ where: { requesterId: actor.id, customerId, status: "REQUESTED" }, orderBy: { createdAt: "desc" }, select: { id: true, createdAt: true } });
  return {
    contactName: customer.contactName,
    ...maskContact(data),
    masked: true,
    grant: null,
    pendingRequest: pending ? { id: pending.id, createdAt: pending.createdAt.toISOString() } : null,
    canRequest: !pending && decide(actor, "accessGrant.request").allowed,
  };
}
