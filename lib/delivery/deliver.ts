// One delivery attempt: build the payload, call the service with the delivery's idempotency
// key, then record the outcome only if the claim is still ours (a lapsed claim means another
// claimant took over and records its own attempt). Every attempt is an audit event.
import { db } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import {
  einvoiceAttachKey,
  ensureEInvoice,
  markEInvoiceDelivered,
  ruleList,
  type EInvoiceOutcome,
} from "@/lib/einvoice/ensure-einvoice";
import { currentRequest, newRequestId, runWithRequest } from "@/lib/log/request-context";
import { loadReleasedInvoice } from "@/lib/release/pdf-model";
import type { CrmClient, DocumentsClient, ServiceCallResult } from "@/lib/services/types";
import { afterRetryableFailure } from "./backoff";
import { type ClaimedDelivery, claimHolder } from "./claim";
import { crmDeliveryFor, documentUploadFor, ensureInvoiceDocument, type RenderPdf } from "./payloads";
import type { DeliveryPolicy } from "./policy";

export interface DeliveryDeps {
  crm: CrmClient;
  documents: DocumentsClient;
  renderPdf: RenderPdf;
  policy: DeliveryPolicy;
  random?: () => number;
}

export type AttemptOutcome = "sent" | "retry" | "failed";

export type AttemptRecord = {
  deliveryId: string;
  service: ClaimedDelivery["service"];
  outcome: AttemptOutcome | "claim-lost";
  status: "PENDING" | "SENT" | "FAILED" | null;
  error: string | null;
};

type Called = { result: ServiceCallResult; einvoice: EInvoiceOutcome | null };

async function callService(
  claim: ClaimedDelivery,
  deps: DeliveryDeps,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Called> {
  const invoice = await loadReleasedInvoice(db, claim.invoiceId);
  if (!invoice) {
    const error = "The invoice has no number: it was never released.";
    return { result: { kind: "failed", error, httpStatus: null }, einvoice: null };
  }
  if (claim.service === "DOCUMENTS") {
    const document = await ensureInvoiceDocument(invoice, deps.renderPdf);
    // The e-invoice goes with the PDF when it passed validation; a blocked one never holds the PDF back.
    const einvoice = await ensureEInvoice(invoice);
    const file = einvoice.ok ? einvoice : null;
    const upload = documentUploadFor(invoice, document, claim.idempotencyKey, file);
    const result = await deps.documents.uploadInvoice(upload, { timeoutMs, signal });
    if (result.kind !== "sent" || !file || result.einvoiceSha256 === file.sha256) return { result, einvoice };
    // The service holds this PDF from before without the XML (an earlier attempt, or a document
    // released before e-invoices): attach it, under its own stable key.
    const attachment = { idempotencyKey: einvoiceAttachKey(invoice.id), documentId: result.externalId, einvoice: file };
    const attached = await deps.documents.attachEInvoice(attachment, { timeoutMs, signal });
    return {
      result: attached.kind === "sent" ? { ...result, einvoiceSha256: attached.einvoiceSha256 } : attached,
      einvoice,
    };
  }
  const document = await db.delivery.findUnique({
    where: { invoiceId_service: { invoiceId: claim.invoiceId, service: "DOCUMENTS" } },
    select: { externalId: true, externalUrl: true },
  });
  const result = await deps.crm.deliverInvoice(crmDeliveryFor(invoice, document, claim.idempotencyKey), {
    timeoutMs,
    signal,
  });
  return { result, einvoice: null };
}

export async function deliverClaimed(
  claim: ClaimedDelivery,
  deps: DeliveryDeps,
  actor: AuditActor,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<AttemptRecord> {
  const startedAt = new Date();
  let result: ServiceCallResult;
  let einvoice: EInvoiceOutcome | null = null;
  // The services receive the request id as X-Request-Id: the user's request when the release
  // action delivers, a new one per attempt in the worker; the audit event records it.
  const request = currentRequest() ?? { requestId: newRequestId() };
  try {
    ({ result, einvoice } = await runWithRequest(request, () =>
      callService(claim, deps, options.timeoutMs ?? deps.policy.timeoutMs, options.signal),
    ));
  } catch (error) {
    // Our own failure (database, rendering): worth another try later, like a network error.
    result = {
      kind: "retry",
      error: `console: ${error instanceof Error ? error.message : String(error)}`,
      httpStatus: null,
      retryAfterMs: null,
    };
  }
  const finishedAt = new Date();

  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ attempts: number; claimedBy: string | null; status: string }>>`
      SELECT attempts, "claimedBy", status::text FROM "Delivery" WHERE id = ${claim.id}::uuid FOR UPDATE`;
    if (!row || row.claimedBy !== claim.claimToken || row.status !== "PENDING") {
      return {
        deliveryId: claim.id,
        service: claim.service,
        outcome: "claim-lost" as const,
        status: null,
        error: null,
      };
    }
    const attempts = row.attempts + 1;
    const next =
      result.kind === "sent"
        ? ({ status: "SENT" } as const)
        : result.kind === "failed"
          ? ({ status: "FAILED" } as const)
          : afterRetryableFailure(
              attempts,
              deps.policy.maxAttempts,
              finishedAt,
              deps.policy.backoff,
              result.retryAfterMs,
              deps.random,
            );
    const outcome: AttemptOutcome = result.kind === "sent" ? "sent" : next.status === "FAILED" ? "failed" : "retry";
    const error = result.kind === "sent" ? null : result.error;
    await tx.delivery.update({
      where: { id: claim.id },
      data: {
        status: next.status,
        attempts,
        claimedBy: null,
        claimedUntil: null,
        lastHttpStatus: result.httpStatus,
        ...(result.kind === "sent"
          ? { externalId: result.externalId, externalUrl: result.externalUrl, sentAt: finishedAt, lastError: null }
          : { lastError: error }),
        ...(next.status === "PENDING" ? { nextAttemptAt: next.nextAttemptAt } : {}),
      },
    });
    await tx.deliveryAttempt.create({
      data: {
        deliveryId: claim.id,
        attemptNo: attempts,
        by: claimHolder(claim.claimToken),
        startedAt,
        finishedAt,
        outcome,
        httpStatus: result.httpStatus,
        error,
      },
    });
    const einvoiceDelivered = result.kind === "sent" && einvoice?.ok && result.einvoiceSha256 === einvoice.sha256;
    if (einvoiceDelivered && result.kind === "sent") {
      await markEInvoiceDelivered(tx, claim.invoiceId, result.externalId, finishedAt);
    }
    if (einvoice && !einvoice.ok) {
      // The XML is refused rather than sent invalid; the PDF went (or goes) on its own.
      await recordAuditEvent(tx, {
        actor,
        action: "einvoice.blocked",
        target: { type: "invoice", id: claim.invoiceId },
        outcome: "REFUSED",
        reason: `The e-invoice fails JP PINT rules ${ruleList(einvoice.problems)}; it was not sent.`,
        after: {
          rules: einvoice.problems.map((p) => p.rule),
          reasons: [...new Set(einvoice.problems.map((p) => p.reason))],
        },
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: outcome === "retry" ? "delivery.retry-scheduled" : `delivery.${outcome}`,
      target: { type: "invoice", id: claim.invoiceId },
      outcome: outcome === "sent" ? "SUCCESS" : "FAILURE",
      reason: error,
      after: {
        service: claim.service,
        attempt: attempts,
        status: next.status,
        requestId: request.requestId,
        httpStatus: result.httpStatus,
        externalId: result.kind === "sent" ? result.externalId : undefined,
        einvoiceSha256: einvoiceDelivered && einvoice?.ok ? einvoice.sha256 : undefined,
      },
    });
    return { deliveryId: claim.id, service: claim.service, outcome, status: next.status, error };
  });
}
