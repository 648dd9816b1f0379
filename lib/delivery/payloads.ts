// What each service receives for a released invoice. The PDF is rendered once, stored with
// its SHA-256, and every attempt and the download send those same bytes.
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { InvoicePdfModel } from "@/lib/pdf/invoice-pdf-model";
import { dateOnly } from "@/lib/release/invoice-number";
import { pdfModelOf, type ReleasedInvoice, releasedIdentity } from "@/lib/release/pdf-model";
import type { CrmDelivery, DocumentUpload, EInvoiceFile, TaxRateCode } from "@/lib/services/types";

export type RenderPdf = (model: InvoicePdfModel) => Promise<Uint8Array>;

export type StoredDocument = { pdf: Uint8Array; sha256: string };

export async function ensureInvoiceDocument(invoice: ReleasedInvoice, renderPdf: RenderPdf): Promise<StoredDocument> {
  const stored = await db.invoiceDocument.findUnique({ where: { invoiceId: invoice.id } });
  if (stored) return { pdf: stored.pdf, sha256: stored.sha256 };
  const pdf = await renderPdf(pdfModelOf(invoice));
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  // Two renderers racing both write the same bytes; the first row wins and both use it.
  await db.invoiceDocument.createMany({
    data: [{ invoiceId: invoice.id, pdf: Buffer.from(pdf), sha256 }],
    skipDuplicates: true,
  });
  const kept = await db.invoiceDocument.findUniqueOrThrow({ where: { invoiceId: invoice.id } });
  return { pdf: kept.pdf, sha256: kept.sha256 };
}

export function documentUploadFor(
  invoice: ReleasedInvoice,
  document: StoredDocument,
  idempotencyKey: string,
  einvoice: EInvoiceFile | null = null,
): DocumentUpload {
  const { number, issueDate } = releasedIdentity(invoice);
  return {
    idempotencyKey,
    fileName: `${number}.pdf`,
    pdf: document.pdf,
    // The same document as a JP PINT e-invoice, when it passed validation.
    ...(einvoice
      ? {
          einvoice: {
            fileName: einvoice.fileName,
            xml: einvoice.xml,
            sha256: einvoice.sha256,
            customizationId: einvoice.customizationId,
          },
        }
      : {}),
    metadata: {
      invoiceNumber: number,
      kind: invoice.kind,
      issueDate,
      totalJpy: invoice.totalJpy.toString(),
      counterpartyCode: invoice.customer.code,
      counterpartyName: invoice.customer.name,
      registrationNumber: invoice.customer.registrationNumber,
      month: invoice.month,
      sha256: document.sha256,
    },
  };
}

export function crmDeliveryFor(
  invoice: ReleasedInvoice,
  document: { externalId: string | null; externalUrl: string | null } | null,
  idempotencyKey: string,
): CrmDelivery {
  const { number, issueDate } = releasedIdentity(invoice);
  return {
    idempotencyKey,
    customer: {
      code: invoice.customer.code,
      name: invoice.customer.name,
      nameKana: invoice.customer.nameKana,
      registrationNumber: invoice.customer.registrationNumber,
      address: invoice.customer.address,
    },
    invoice: {
      kind: invoice.kind,
      number,
      correctsNumber: invoice.correctsInvoice?.number ?? null,
      month: invoice.month,
      issueDate,
      dueDate: dateOnly(invoice.dueDate),
      currency: "JPY",
      amountsByTaxRate: (invoice.taxBreakdown as Array<{ taxRate: TaxRateCode; baseJpy: string; taxJpy: string }>).map(
        (t) => ({ taxRate: t.taxRate, baseJpy: String(t.baseJpy), taxJpy: String(t.taxJpy) }),
      ),
      subtotalJpy: invoice.subtotalJpy.toString(),
      taxJpy: invoice.taxJpy.toString(),
      totalJpy: invoice.totalJpy.toString(),
      status: "ISSUED",
      documentUrl: document?.externalUrl ?? null,
      documentId: document?.externalId ?? null,
    },
  };
}
