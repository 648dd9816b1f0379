import { Refusal } from "@/lib/errors";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { transition } from "@/lib/invoices/state-machine";
import { approvalsComplete, requiredApprovers, validApprovers } from "./approval-rules";
import { lockInvoiceForGate, twoApproverThreshold } from "./load-for-gate";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

/**
 * A manager approves exactly the version they looked at. The approval is bound to that
 * version and its content hash; it counts once per person; a large invoice waits for a second.
 */
export function approveInvoice({
  actor,
  invoiceId,
  expectedVersion,
}: {
  actor: Actor;
  invoiceId: string;
  expectedVersion: number;
}) {
  return withRefusalAudit(actor, "invoice.approve", { type: "invoice", id: invoiceId }, () =>
    db.$transaction(async (tx) => {
      const { invoice, disqualified, currentHash } = await lockInvoiceForGate(tx, invoiceId);
      // Whoever submitted, edited or requested it in any round since generation may not decide.
      assertAllowed(actor, "invoice.approve", { kind: "invoice", invoice: { disqualified } });
      if (invoice.version !== expectedVersion)
        throw new Refusal(
          "CONFLICT",
          "stale-version",
          `The invoice changed since you opened it (now version ${invoice.version}). ` +
            "Look at it again before approving.",
          { version: invoice.version },
        );
      if (currentHash !== invoice.contentHash)
        throw new Refusal(
          "INVALID_STATE",
          "content-mismatch",
          "The invoice's content does not match its recorded version; it cannot be approved.",
        );
      if (invoice.status !== "SUBMITTED") {
        const refused = transition(invoice.status, "approve");
        throw new Refusal(
          "INVALID_STATE",
          "state",
          refused.allowed ? "the invoice is not waiting for approval" : refused.reason,
        );
      }
      if (validApprovers(invoice.approvals, invoice.version, currentHash, disqualified).includes(actor.id)) {
        throw new Refusal(
          "ALREADY_DONE",
          "same-approver",
          "You already approved this version; a second approval must come from someone else.",
        );
      }
      const threshold = await twoApproverThreshold(tx);
      await tx.approval.create({
        data: {
          invoiceId,
          version: invoice.version,
          contentHash: currentHash,
          approverId: actor.id,
          decision: "APPROVED",
        },
      });
      const approvals = [
        ...invoice.approvals,
        {
          approverId: actor.id,
          version: invoice.version,
          contentHash: currentHash,
          decision: "APPROVED" as const,
          voidedAt: null,
        },
      ];
      const complete = approvalsComplete(
        approvals,
        invoice.version,
        currentHash,
        invoice.totalJpy,
        threshold,
        disqualified,
      );
      const next = transition(invoice.status, "approve", { approvalsComplete: complete });
      if (!next.allowed) throw new Refusal("INVALID_STATE", "state", next.reason);
      if (next.to !== invoice.status) await tx.invoice.update({ where: { id: invoiceId }, data: { status: next.to } });
      const required = requiredApprovers(invoice.totalJpy, threshold);
      await recordAuditEvent(tx, {
        actor,
        action: "invoice.approve",
        target: { type: "invoice", id: invoiceId },
        before: { status: invoice.status },
        after: {
          status: next.to,
          version: invoice.version,
          contentHash: currentHash,
          approvers: validApprovers(approvals, invoice.version, currentHash, disqualified).length,
          required,
        },
      });
      return {
        id: invoiceId,
        status: next.to,
        version: invoice.version,
        approvers: validApprovers(approvals, invoice.version, currentHash, disqualified).length,
        required,
      };
    }),
  );
}
