// `npm run einvoice:backfill`: e-invoices for documents released before the console made them,
// or whose e-invoice was blocked when their PDF was sent and has since been fixed (say, a
// customer's participant ID was set). Each released document whose PDF the document service
// holds but whose XML it does not is generated, validated, stored and attached to that
// document (POST /documents/{id}/einvoice, under a stable key). Documents not delivered yet are
// left to their delivery, which carries the XML beside the PDF.
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { loadReleasedInvoice } from "@/lib/release/pdf-model";
import type { DocumentsClient } from "@/lib/services/types";
import { einvoiceAttachKey, ensureEInvoice, markEInvoiceDelivered, ruleList } from "./ensure-einvoice";

export type BackfillSummary = {
  attached: string[];
  waiting: string[];
  blocked: Array<{ number: string; rules: string[] }>;
  failed: Array<{ number: string; error: string }>;
};

export async function backfillEInvoices({
  documents,
  actor,
  timeoutMs,
}: {
  documents: DocumentsClient;
  actor: AuditActor;
  timeoutMs: number;
}): Promise<BackfillSummary> {
  const candidates = await db.invoice.findMany({
    where: { number: { not: null }, OR: [{ einvoice: null }, { einvoice: { deliveredAt: null } }] },
    orderBy: { number: "asc" },
    select: {
      id: true,
      deliveries: { where: { service: "DOCUMENTS" }, select: { status: true, externalId: true } },
    },
  });
  const summary: BackfillSummary = { attached: [], waiting: [], blocked: [], failed: [] };
  for (const candidate of candidates) {
    const invoice = await loadReleasedInvoice(db, candidate.id);
    if (!invoice?.number) continue;
    const einvoice = await ensureEInvoice(invoice);
    if (!einvoice.ok) {
      const rules = [...new Set(einvoice.problems.map((p) => p.rule))];
      summary.blocked.push({ number: invoice.number, rules });
      await db.$transaction((tx) =>
        recordAuditEvent(tx, {
          actor,
          action: "einvoice.blocked",
          target: { type: "invoice", id: invoice.id },
          outcome: "REFUSED",
          reason: `The e-invoice fails JP PINT rules ${ruleList(einvoice.problems)}; it was not attached.`,
          after: { rules },
        }),
      );
      continue;
    }
    const delivery = candidate.deliveries[0];
    if (delivery?.status !== "SENT" || !delivery.externalId) {
      summary.waiting.push(invoice.number);
      continue;
    }
    const documentId = delivery.externalId;
    const result = await documents.attachEInvoice(
      { idempotencyKey: einvoiceAttachKey(invoice.id), documentId, einvoice },
      { timeoutMs },
    );
    if (result.kind !== "sent" || result.einvoiceSha256 !== einvoice.sha256) {
      const error = result.kind === "sent" ? "the document service holds another e-invoice" : result.error;
      summary.failed.push({ number: invoice.number, error });
      continue;
    }
    const at = new Date();
    await db.$transaction(async (tx) => {
      await markEInvoiceDelivered(tx, invoice.id, documentId, at);
      await recordAuditEvent(tx, {
        actor,
        action: "einvoice.delivered",
        target: { type: "invoice", id: invoice.id },
        after: { documentId, sha256: einvoice.sha256, by: "backfill" },
      });
    });
    summary.attached.push(invoice.number);
  }
  return summary;
}
