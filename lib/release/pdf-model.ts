// The PDF model of a released invoice, read only from what release froze onto it (number,
// issue date, issuer) and its lines: the same invoice always prints the same document.
import type { Db, Tx } from "@/lib/db";
import type { InvoicePdfModel } from "@/lib/pdf/invoice-pdf-model";
import { contractFeesNote } from "@/lib/pricing/contract-fees";
import type { TaxRateCode } from "@/lib/services/types";
import { dateOnly, periodOfMonth } from "./invoice-number";
import { issuerSchema } from "./release-settings";

export async function loadReleasedInvoice(client: Db | Tx, invoiceId: string) {
  const invoice = await client.invoice.findUnique({
    where: { id: invoiceId },
    include: {
      lines: { orderBy: { position: "asc" } },
      customer: {
        select: {
          code: true,
          name: true,
          nameKana: true,
          registrationNumber: true,
          address: true,
          peppolScheme: true,
          peppolId: true,
        },
      },
      correctsInvoice: { select: { number: true, issueDate: true } },
    },
  });
  if (!invoice?.number || !invoice.issueDate) return null;
  return invoice;
}

export type ReleasedInvoice = NonNullable<Awaited<ReturnType<typeof loadReleasedInvoice>>>;

/** The number and issue date release froze on the invoice (YYYY-MM-DD); loadReleasedInvoice
 * returns only invoices that have both, so a missing one is a bug, not a state. */
export function releasedIdentity(invoice: Pick<ReleasedInvoice, "id" | "number" | "issueDate">): {
  number: string;
  issueDate: string;
} {
  if (!invoice.number || !invoice.issueDate) throw new Error(`invoice ${invoice.id} has no number or issue date`);
  return { number: invoice.number, issueDate: dateOnly(invoice.issueDate) };
}

/** What a released invoice's PDF model reads (the customer preview passes a lighter row). */
type ReleasedSource = PdfSourceInvoice &
  Pick<ReleasedInvoice, "id" | "number" | "issueDate" | "issuer"> & {
    correctsInvoice: { number: string | null } | null;
  };

export function pdfModelOf(invoice: ReleasedSource): InvoicePdfModel {
  return buildPdfModel(invoice, {
    ...releasedIdentity(invoice),
    issuer: issuerSchema.parse(invoice.issuer),
    correctsNumber: invoice.correctsInvoice?.number ?? null,
  });
}

/** What a PDF model needs of an invoice: its header, customer and lines (released or not). */
export type PdfSourceInvoice = Pick<
  ReleasedInvoice,
  | "kind"
  | "month"
  | "dueDate"
  | "recipientName"
  | "recipientDept"
  | "recipientAddress"
  | "taxBreakdown"
  | "subtotalJpy"
  | "taxJpy"
  | "totalJpy"
  | "notesPrinted"
  | "billingGroupId"
  | "contractFees"
> & {
  customer: Pick<ReleasedInvoice["customer"], "code" | "registrationNumber">;
  lines: Array<
    Pick<
      ReleasedInvoice["lines"][number],
      | "description"
      | "projectId"
      | "serviceDescription"
      | "quantity"
      | "unit"
      | "unitPriceJpy"
      | "amountJpy"
      | "taxRate"
    >
  >;
};

/**
 * The model from an invoice and what is printed about its issue: number, issue date, issuer and
 * the number it corrects. Release freezes these; the customer preview supplies stand-ins.
 */
export function buildPdfModel(
  invoice: PdfSourceInvoice,
  issue: { number: string; issueDate: string; issuer: InvoicePdfModel["issuer"]; correctsNumber: string | null },
): InvoicePdfModel {
  const period = periodOfMonth(invoice.month);
  return {
    kind: invoice.kind,
    number: issue.number,
    correctsNumber: issue.correctsNumber,
    issueDate: issue.issueDate,
    dueDate: dateOnly(invoice.dueDate),
    periodStart: period.start,
    periodEnd: period.end,
    issuer: issue.issuer,
    recipient: {
      name: invoice.recipientName,
      department: invoice.recipientDept,
      address: invoice.recipientAddress,
      customerCode: invoice.customer.code,
      registrationNumber: invoice.customer.registrationNumber,
    },
    lines: invoice.lines.map((l) => ({
      description: l.description,
      detail: [l.projectId, l.serviceDescription].filter(Boolean).join(" / ") || null,
      quantity: l.quantity.toString(),
      unit: l.unit,
      unitPriceJpy: l.unitPriceJpy?.toString() ?? null,
      amountJpy: l.amountJpy,
      taxRate: l.taxRate as TaxRateCode,
    })),
    taxBreakdown: (invoice.taxBreakdown as Array<{ taxRate: TaxRateCode; baseJpy: string; taxJpy: string }>).map(
      (t) => ({ taxRate: t.taxRate, baseJpy: BigInt(t.baseJpy), taxJpy: BigInt(t.taxJpy) }),
    ),
    subtotalJpy: invoice.subtotalJpy,
    taxJpy: invoice.taxJpy,
    totalJpy: invoice.totalJpy,
    // Where the contract-level fees were charged comes first, then finance's own notes.
    notesPrinted:
      [contractFeesNote(invoice.contractFees, invoice.billingGroupId), invoice.notesPrinted]
        .filter(Boolean)
        .join("\n") || null,
    locale: "ja",
  };
}
