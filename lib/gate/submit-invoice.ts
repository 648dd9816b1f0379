import { Refusal } from "@/lib/errors";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { transition } from "@/lib/invoices/state-machine";
import { lockInvoiceForGate } from "./load-for-gate";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { recordParticipant } from "./participants";

/** Finance submits the version they looked at for approval. */
export function submitInvoice({
  actor,
  invoiceId,
  expectedVersion,
}: {
  actor: Actor;
  invoiceId: string;
  expectedVersion: number;
}) {
  return withRefusalAudit(actor, "invoice.submit", { type: "invoice", id: invoiceId }, () =>
    db.$transaction(async (tx) => {
      const { invoice } = await lockInvoiceForGate(tx, invoiceId);
      assertAllowed(actor, "invoice.submit");
      if (invoice.version !== expectedVersion)
        throw new Refusal(
          "CONFLICT",
          "stale-version",
          `The invoice changed since you opened it (now version ${invoice.version}). Reload and check it again.`,
          { version: invoice.version },
        );
      const next = transition(invoice.status, "submit");
      if (!next.allowed) throw new Refusal("INVALID_STATE", "state", next.reason);
      await tx.invoice.update({
        where: { id: invoiceId },
        data: { status: next.to, submittedById: actor.id, submittedAt: new Date(), rejectionReason: null },
      });
      // submittedById names only the latest submitter; the gate reads every round from here.
      await recordParticipant(tx, { invoiceId, userId: actor.id, act: "SUBMITTED", version: invoice.version });
      await recordAuditEvent(tx, {
        actor,
        action: "invoice.submit",
        target: { type: "invoice", id: invoiceId },
        before: { status: invoice.status },
        after: { status: next.to, version: invoice.version },
      });
      return { id: invoiceId, status: next.to, version: invoice.version };
    }),
  );
}
