// The content of an invoice version as one plain value: what versions store, what diffs
// compare, and what an approval's content hash covers. Any change to it voids approvals.
import { createHash } from "node:crypto";
import { stringify } from "safe-stable-stringify";
import { Decimal } from "@/lib/money/money";

export interface InvoiceLineSnapshot {
  position: number;
  kind: string;
  manual: boolean;
  edited: boolean;
  projectId: string | null;
  serviceId: string | null;
  serviceDescription: string | null;
  description: string;
  /** Decimal as a string. */
  quantity: string;
  unit: string | null;
  /** Decimal yen as a string, or null. */
  unitPriceJpy: string | null;
  /** Integer yen as a string. */
  amountJpy: string;
  taxRate: string;
  reason: string | null;
  sourceCost: string | null;
  sourceCurrency: string | null;
  fxRate: string | null;
}

export interface InvoiceSnapshot {
  kind: string;
  month: string;
  customerId: string;
  billingGroupId: string;
  correctsInvoiceId: string | null;
  recipientName: string;
  recipientDept: string | null;
  recipientAddress: string | null;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  notesPrinted: string | null;
  notesInternal: string | null;
  currency: string;
  fxRates: unknown;
  taxRounding: string;
  subtotalJpy: string;
  taxJpy: string;
  totalJpy: string;
  taxBreakdown: unknown;
  /**
   * Where the contract-level fees were charged, for a contract billed on several invoices
   * (lib/pricing/contract-fees.ts). Absent otherwise, so the hashes of invoices made before it
   * existed are unchanged.
   */
  contractFees?: unknown;
  lines: InvoiceLineSnapshot[];
}

type Decimalish = { toString(): string };

export interface InvoiceLike {
  kind: string;
  month: string;
  customerId: string;
  billingGroupId: string;
  correctsInvoiceId: string | null;
  recipientName: string;
  recipientDept: string | null;
  recipientAddress: string | null;
  dueDate: Date | null;
  notesPrinted: string | null;
  notesInternal: string | null;
  currency: string;
  fxRates: unknown;
  taxRounding: string;
  subtotalJpy: bigint;
  taxJpy: bigint;
  totalJpy: bigint;
  taxBreakdown: unknown;
  contractFees?: unknown;
  lines: Array<{
    position: number;
    kind: string;
    manual: boolean;
    edited: boolean;
    projectId: string | null;
    serviceId: string | null;
    serviceDescription: string | null;
    description: string;
    quantity: Decimalish;
    unit: string | null;
    unitPriceJpy: Decimalish | null;
    amountJpy: bigint;
    taxRate: string;
    reason: string | null;
    sourceCost: Decimalish | null;
    sourceCurrency: string | null;
    fxRate: Decimalish | null;
  }>;
}

// Decimals in plain notation: the database's Decimal writes 4e-17 where generation's writes
// 0.00000000000000004, and the hash recomputed from the rows must equal the one generated.
const plain = (text: string) => (/e/i.test(text) ? new Decimal(text).toFixed() : text);
const str = (v: Decimalish | null) => (v === null ? null : plain(v.toString()));

export function snapshotOf(invoice: InvoiceLike): InvoiceSnapshot {
  return {
    kind: invoice.kind,
    month: invoice.month,
    customerId: invoice.customerId,
    billingGroupId: invoice.billingGroupId,
    correctsInvoiceId: invoice.correctsInvoiceId,
    recipientName: invoice.recipientName,
    recipientDept: invoice.recipientDept,
    recipientAddress: invoice.recipientAddress,
    dueDate: invoice.dueDate ? invoice.dueDate.toISOString().slice(0, 10) : null,
    notesPrinted: invoice.notesPrinted,
    notesInternal: invoice.notesInternal,
    currency: invoice.currency,
    fxRates: invoice.fxRates,
    taxRounding: invoice.taxRounding,
    subtotalJpy: invoice.subtotalJpy.toString(),
    taxJpy: invoice.taxJpy.toString(),
    totalJpy: invoice.totalJpy.toString(),
    taxBreakdown: invoice.taxBreakdown,
    ...(invoice.contractFees !== null && invoice.contractFees !== undefined && { contractFees: invoice.contractFees }),
    lines: [...invoice.lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        position: l.position,
        kind: l.kind,
        manual: l.manual,
        edited: l.edited,
        projectId: l.projectId,
        serviceId: l.serviceId,
        serviceDescription: l.serviceDescription,
        description: l.description,
        quantity: plain(l.quantity.toString()),
        unit: l.unit,
        unitPriceJpy: str(l.unitPriceJpy),
        amountJpy: l.amountJpy.toString(),
        taxRate: l.taxRate,
        reason: l.reason,
        sourceCost: str(l.sourceCost),
        sourceCurrency: l.sourceCurrency,
        fxRate: str(l.fxRate),
      })),
  };
}

/** SHA-256 of the snapshot's canonical JSON (keys sorted), hex. */
export function contentHash(snapshot: InvoiceSnapshot): string {
  return createHash("sha256")
    .update(stringify(snapshot) ?? "")
    .digest("hex");
}
