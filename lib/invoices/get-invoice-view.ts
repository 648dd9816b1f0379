// Read side of an invoice for the console: header, lines grouped by project and service
// with SKU detail, tax per rate, FX used, and the version history.
import type { InvoiceKind, InvoiceStatus, LineKind, TaxRate, TaxRounding } from "@/lib/generated/prisma/enums";
import { contractFeesPlace } from "@/lib/pricing/contract-fees";
import type { SkuDetail } from "@/lib/pricing/price-draft";

// The project usage page's read moved to lib/usage/get-project-usage.ts; re-exported so its page
// keeps its import.
export { getProjectUsage } from "@/lib/usage/get-project-usage";

/** What the invoice view is built from (read by lib/invoices/get-invoice-page.ts). */
export interface InvoiceViewFacts {
  id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  version: number;
  month: string;
  number: string | null;
  customer: { id: string; code: string; name: string; registrationNumber: string | null };
  billingGroup: string;
  recipientName: string;
  recipientDept: string | null;
  dueDate: Date | null;
  issuer: unknown;
  subtotalJpy: string;
  taxJpy: string;
  totalJpy: string;
  previousTotalJpy: string | null;
  taxBreakdown: unknown;
  taxRounding: TaxRounding;
  fxRates: unknown;
  flags: string[];
  notesPrinted: string | null;
  billingGroupId: string;
  /** Invoice.contractFees: where the contract-level fees were charged (lib/pricing/contract-fees.ts). */
  contractFees: unknown;
  /** The invoice of the same month that carries them, when it is not this one. */
  feeInvoiceId: string | null;
  /** By position. */
  lines: Array<{
    id: string;
    position: number;
    kind: LineKind;
    manual: boolean;
    edited: boolean;
    projectId: string | null;
    serviceId: string | null;
    description: string;
    amountJpy: string;
    computedAmountJpy: string | null;
    taxRate: TaxRate;
    reason: string | null;
    sourceCost: string | null;
    sourceCurrency: string | null;
    fxRate: string | null;
    skuDetail: unknown;
  }>;
  /** Newest first, with the author's name when known. */
  versions: Array<{
    version: number;
    cause: string;
    createdAt: Date;
    createdById: string | null;
    createdByName: string | null;
    contentHash: string;
  }>;
}

export function invoiceViewFrom(invoice: InvoiceViewFacts) {
  const lines = invoice.lines.map((l) => ({
    id: l.id,
    position: l.position,
    kind: l.kind,
    manual: l.manual,
    edited: l.edited,
    projectId: l.projectId,
    serviceId: l.serviceId,
    description: l.description,
    amountJpy: l.amountJpy,
    computedAmountJpy: l.computedAmountJpy,
    taxRate: l.taxRate,
    reason: l.reason,
    sourceCost: l.sourceCost,
    sourceCurrency: l.sourceCurrency,
    fxRate: l.fxRate,
    skus: (l.skuDetail as SkuDetail[] | null) ?? [],
  }));
  const groups = new Map<string, typeof lines>();
  for (const l of lines) {
    const key = l.projectId ?? "";
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  return {
    id: invoice.id,
    kind: invoice.kind,
    status: invoice.status,
    version: invoice.version,
    month: invoice.month,
    number: invoice.number,
    customer: invoice.customer,
    billingGroup: invoice.billingGroup,
    recipientName: invoice.recipientName,
    recipientDept: invoice.recipientDept,
    dueDate: invoice.dueDate?.toISOString().slice(0, 10) ?? null,
    issuer: (invoice.issuer ?? null) as { name?: string; registrationNumber?: string } | null,
    subtotalJpy: invoice.subtotalJpy,
    taxJpy: invoice.taxJpy,
    totalJpy: invoice.totalJpy,
    previousTotalJpy: invoice.previousTotalJpy,
    taxBreakdown: invoice.taxBreakdown as Array<{ taxRate: string; baseJpy: string; taxJpy: string }>,
    taxRounding: invoice.taxRounding,
    fxRates: invoice.fxRates as Array<{ currency: string; rate: string }>,
    flags: invoice.flags,
    notesPrinted: invoice.notesPrinted,
    contractFees: contractFeesView(invoice),
    projectGroups: [...groups].map(([projectId, groupLines]) => ({ projectId: projectId || null, lines: groupLines })),
    versions: invoice.versions.map((v) => ({
      version: v.version,
      cause: v.cause,
      createdAt: v.createdAt.toISOString(),
      by: v.createdById ? (v.createdByName ?? v.createdById) : "system",
      contentHash: v.contentHash,
    })),
  };
}

export type InvoiceView = ReturnType<typeof invoiceViewFrom>;

function contractFeesView(invoice: Pick<InvoiceViewFacts, "contractFees" | "billingGroupId" | "feeInvoiceId">) {
  const place = contractFeesPlace(invoice.contractFees, invoice.billingGroupId);
  if (!place) return null;
  return place.here ? place : { ...place, invoiceId: invoice.feeInvoiceId };
}
