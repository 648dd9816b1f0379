// What the invoice page shows about release: whether this person may release it now (and
// why not), its deliveries, its PDF, and the corrections made to it.
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import { approvalsComplete, type ApprovalFact, type Ineligible } from "@/lib/gate/approval-rules";
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";
import { dateOnly } from "./invoice-number";
import { DELIVERY_SERVICES } from "./release-invoice";

export type DeliveryView = {
  id: string;
  service: "CRM" | "DOCUMENTS";
  status: "PENDING" | "SENT" | "FAILED";
  attempts: number;
  lastError: string | null;
  externalId: string | null;
  externalUrl: string | null;
  sentAt: string | null;
  nextAttemptAt: string | null;
  /** The CRM record waits until its document is stored. */
  waitingForDocument: boolean;
};

export function deliveryViews(
  rows: Array<{
    id: string;
    service: "CRM" | "DOCUMENTS";
    status: "PENDING" | "SENT" | "FAILED";
    attempts: number;
    lastError: string | null;
    externalId: string | null;
    externalUrl: string | null;
    sentAt: Date | null;
    nextAttemptAt: Date;
  }>,
): DeliveryView[] {
  const documentSent = rows.some((r) => r.service === "DOCUMENTS" && r.status === "SENT");
  return DELIVERY_SERVICES.flatMap((service) => rows.filter((r) => r.service === service)).map((r) => ({
    id: r.id,
    service: r.service,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    externalId: r.externalId,
    externalUrl: r.externalUrl,
    sentAt: r.sentAt?.toISOString() ?? null,
    nextAttemptAt: r.status === "PENDING" ? r.nextAttemptAt.toISOString() : null,
    waitingForDocument: r.service === "CRM" && r.status === "PENDING" && !documentSent,
  }));
}

/** What the release status is built from (read by lib/invoices/get-invoice-page.ts). */
export interface ReleaseFacts {
  kind: "INVOICE" | "CREDIT_NOTE" | "VOID";
  status: InvoiceStatus;
  number: string | null;
  issueDate: Date | null;
  version: number;
  contentHash: string;
  totalJpy: bigint;
  approvals: readonly ApprovalFact[];
  /** Whose approvals never count (lib/gate/participants.ts). */
  disqualified: Ineligible;
  deliveries: Parameters<typeof deliveryViews>[0];
  correctsInvoice: { id: string; number: string | null } | null;
  /** Oldest first. */
  corrections: Array<{
    id: string;
    kind: "INVOICE" | "CREDIT_NOTE" | "VOID";
    status: InvoiceStatus;
    number: string | null;
  }>;
  twoApproverThresholdJpy: bigint;
}

export function releaseStatusFrom(invoice: ReleaseFacts, actor: Actor) {
  const releaseDecision = decide(actor, "invoice.release");
  const complete =
    invoice.status === "APPROVED" &&
    approvalsComplete(
      invoice.approvals,
      invoice.version,
      invoice.contentHash,
      invoice.totalJpy,
      invoice.twoApproverThresholdJpy,
      invoice.disqualified,
    );
  const released = invoice.number !== null;
  return {
    kind: invoice.kind,
    status: invoice.status,
    number: invoice.number,
    issueDate: dateOnly(invoice.issueDate),
    released,
    canRelease: complete && releaseDecision.allowed,
    /** Shown to finance when release is not possible yet: the policy's refusal (screens translate its rule). */
    whyNotRelease: released
      ? null
      : !releaseDecision.allowed
        ? { rule: releaseDecision.rule, message: releaseDecision.message, params: releaseDecision.params }
        : complete
          ? null
          : ("approvals" as const),
    canRetry: decide(actor, "delivery.retry").allowed,
    canCorrect: invoice.kind === "INVOICE" && invoice.status === "RELEASED" && decide(actor, "invoice.correct").allowed,
    hasOpenVoid: invoice.corrections.some((c) => c.kind === "VOID"),
    deliveries: deliveryViews(invoice.deliveries),
    correctsInvoice: invoice.correctsInvoice,
    corrections: invoice.corrections,
  };
}

export type ReleaseStatus = ReturnType<typeof releaseStatusFrom>;
