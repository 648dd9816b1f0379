import { Refusal } from "@/lib/errors";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { transition } from "@/lib/invoices/state-machine";
import { lockInvoiceForGate } from "./load-for-gate";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

/** A manager sends an invoice back to finance with a reason; existing approvals are voided. */
export function rejectInvoice({
  actor,
  invoiceId,
  expectedVersion,
  reason,
}: {
  actor: Actor;
  invoiceId: string;
  expectedVersion: number;
  reason: string;
}) {
  return withRefusalAudit(actor, "invoice.reject", { type: "invoice", id: invoiceId }, () =>
    db.$transaction(async (tx) => {
      const { invoice, disqualified } = await lockInvoiceForGate(tx, invoiceId);
      assertAllowed(actor, "invoice.reject", { kind: "invoice", invoice: { disqualified } });
      if (!reason.trim()) throw new Refusal("INVALID_INPUT", "reason-required", "Say why the invoice is rejected.");
      if (invoice.version !== expectedVersion)
        throw new Refusal(
          "CONFLICT",
          "stale-version",
          `The invoice changed since you opened it (now version ${invoice.version}).`,
          { version: invoice.version },
        );
      const next = transition(invoice.status, "reject");
      if (!next.allowed) throw new Refusal("INVALID_STATE", "state", next.reason);
      await tx.approval.updateMany({
        where: { invoiceId, voidedAt: null, decision: "APPROVED" },
        data: { voidedAt: new Date(), voidReason: "rejected" },
      });
      await tx.approval.create({
        data: {
          invoiceId,
          version: invoice.version,
          contentHash: invoice.contentHash,
          approverId: actor.id,
          decision: "REJECTED",
          reason: reason.trim(),
        },
      });
      await tx.invoice.update({ where: { id: invoiceId }, data: { status: next.to, rejectionReason: reason.trim() } });
      await recordAuditEvent(tx, {
        actor,
        action: "invoice.reject",
        target: { type: "invoice", id: invoiceId },
        reason: reason.trim(),
        before: { status: invoice.status },
        after: { status: next.to },
      });
      return { id: invoiceId, status: next.to };
    }),
  );
}
