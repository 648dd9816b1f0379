// The PDF model of a released invoice, read only from what release froze onto it (number,
// issue date, issuer) and its lines: the same invoice always prints the same document.
import type { Db, Tx } from "@/lib/db";
import type { InvoicePdfModel } from "@/lib/pdf/invoice-pdf-model";
import type { TaxRateCode } from "@/lib/services/types";
import { periodOfMonth } from "./invoice-number";
import { issuerSchema } from "./release-settings";

const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function loadReleasedInvoice(client: Db | Tx, invoiceId: string) {
  const invoice = await client.invoice.findUnique({
    where: { id: invoiceId },
    include: { lines: { orderBy: { position: "asc" } }, customer: { select: { code: true, name: true, nameKana: true, registrationNumber: true, address: true } }, correctsInvoice: { select: { number: true } } },
  });
  if (!invoice || !invoice.number || !invoice.issueDate) return null;
  return invoice;
}

export type ReleasedInvoice = NonNullable<Awaited<ReturnType<typeof loadReleasedInvoice>>>;

export function pdfModelOf(invoice: ReleasedInvoice): InvoicePdfModel {
  const issuer = issuerSchema.parse(invoice.issuer);
  const period = periodOfMonth(invoice.month);
  return {
    kind: invoice.kind,
    number: invoice.number!,
    correctsNumber: invoice.correctsInvoice?.number ?? null,
    issueDate: dateOnly(invoice.issueDate)!,
    dueDate: dateOnly(invoice.dueDate),
    periodStart: period.start,
    periodEnd: period.end,
    issuer,
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
    taxBreakdown: (invoice.taxBreakdown as Array<{ taxRate: TaxRateCode; baseJpy: string; taxJpy: string }>).map((t) => ({ taxRate: t.taxRate, baseJpy: BigInt(t.baseJpy), taxJpy: BigInt(t.taxJpy) })),
    subtotalJpy: invoice.subtotalJpy,
    taxJpy: invoice.taxJpy,
    totalJpy: invoice.totalJpy,
    notesPrinted: invoice.notesPrinted,
    locale: "ja",
  };
}
