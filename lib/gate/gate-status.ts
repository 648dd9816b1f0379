// What the invoice page shows about the gate: who submitted, who approved this version, what
// is missing before release, and which decisions this person may take.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import { decide, type Disqualified } from "@/lib/authz/policy";
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";
import { requiredApprovers, validApprovers, type ApprovalFact } from "./approval-rules";

/** What the gate status is built from (read by lib/invoices/get-invoice-page.ts). */
export interface GateFacts {
  status: InvoiceStatus;
  version: number;
  contentHash: string;
  totalJpy: bigint;
  submittedById: string | null;
  submittedAt: Date | null;
  /** Oldest first. */
  approvals: ReadonlyArray<ApprovalFact & { reason: string | null }>;
  /** Everyone its history disqualifies from deciding (lib/gate/participants.ts), with why. */
  disqualified: Disqualified;
  /** Names of the people above (submitter and approvers); an unknown id shows as itself. */
  names: ReadonlyMap<string, string>;
  twoApproverThresholdJpy: bigint;
}

export function gateStatusFrom(invoice: GateFacts, actor: Actor) {
  const required = requiredApprovers(invoice.totalJpy, invoice.twoApproverThresholdJpy);
  const approvers = validApprovers(invoice.approvals, invoice.version, invoice.contentHash, invoice.disqualified);
  const nameOf = (id: string) => invoice.names.get(id) ?? id;
  const name = (id: string | null) => (id ? nameOf(id) : null);
  const approveDecision = decide(actor, "invoice.approve", {
    kind: "invoice",
    invoice: { disqualified: invoice.disqualified },
  });
  const lastRejection = [...invoice.approvals].reverse().find((a) => a.decision === "REJECTED");
  return {
    status: invoice.status,
    version: invoice.version,
    submittedBy: name(invoice.submittedById),
    submittedAt: invoice.submittedAt?.toISOString() ?? null,
    approvers: approvers.map(nameOf),
    required,
    rejection:
      invoice.status === "DRAFT" && lastRejection
        ? { by: name(lastRejection.approverId), reason: lastRejection.reason }
        : null,
    canSubmit: invoice.status === "DRAFT" && decide(actor, "invoice.submit").allowed,
    canDecide: invoice.status === "SUBMITTED" && approveDecision.allowed && !approvers.includes(actor.id),
    /** For a manager who may not decide: the rule (screens translate it) and its English text. */
    whyNotDecide:
      invoice.status === "SUBMITTED" && !approveDecision.allowed && actor.roles.includes("MANAGER")
        ? { rule: approveDecision.rule, message: approveDecision.message }
        : null,
  };
}

export type GateStatus = ReturnType<typeof gateStatusFrom>;

/**
 * Submitted invoices waiting for this manager: never ones they submitted, edited or requested
 * in any round (lib/gate/participants.ts), nor ones they already approved in this version.
 */
export async function listApprovalQueue(actor: Actor) {
  const rows = await db.$queryRaw<
    Array<{
      id: string;
      customerCode: string;
      customerName: string;
      month: string;
      version: number;
      totalJpy: bigint;
      previousTotalJpy: bigint | null;
      flags: string[];
      submittedAt: Date | null;
    }>
  >`
    SELECT i.id::text, c.code AS "customerCode", c.name AS "customerName", i.month, i.version, i."totalJpy",
      i."previousTotalJpy", i.flags, i."submittedAt"
    FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
    WHERE i.status = 'SUBMITTED'
      AND NOT EXISTS (SELECT 1 FROM "InvoiceParticipant" p
        WHERE p."userId" = ${actor.id}::uuid AND p."invoiceId" = i.id)
      AND NOT EXISTS (SELECT 1 FROM "Approval" a WHERE a."invoiceId" = i.id AND a."approverId" = ${actor.id}::uuid
        AND a.version = i.version AND a.decision = 'APPROVED' AND a."voidedAt" IS NULL)
    ORDER BY i."submittedAt" ASC NULLS LAST LIMIT 500`;
  return rows.map((r) => ({
    ...r,
    totalJpy: r.totalJpy.toString(),
    changeJpy: r.previousTotalJpy === null ? null : (r.totalJpy - r.previousTotalJpy).toString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
  }));
}
