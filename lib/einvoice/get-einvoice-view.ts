// What the invoice page shows about an invoice's e-invoice: where it goes (the customer's Peppol
// participant ID, when set), and once released whether it is ready, with the document service,
// or blocked by validation and why. Reading never stores: the XML is stored on first download
// or delivery.
import { db } from "@/lib/db";
import { loadReleasedInvoice } from "@/lib/release/pdf-model";
import { renderEInvoice } from "./ensure-einvoice";
import { formatParticipant, participantOf } from "./participant";
import type { EInvoiceReason } from "./validate-jp-pint";

export type EInvoiceView = {
  participant: string | null;
  /** No participant ID: the XML names the buyer by its registration number (scheme 0221). */
  addressedByRegistration: boolean;
  released: boolean;
  available: boolean;
  delivered: boolean;
  blocked: { reasons: EInvoiceReason[]; rules: string[] } | null;
};

export async function getEInvoiceView(invoiceId: string): Promise<EInvoiceView | null> {
  const row = await db.invoice.findUnique({
    where: { id: invoiceId },
    select: {
      number: true,
      customer: { select: { peppolScheme: true, peppolId: true, registrationNumber: true } },
      einvoice: { select: { deliveredAt: true } },
    },
  });
  if (!row) return null;
  const participant = participantOf(row.customer.peppolScheme, row.customer.peppolId);
  const base = {
    participant: participant ? formatParticipant(participant) : null,
    addressedByRegistration: !participant && row.customer.registrationNumber !== null,
    released: row.number !== null,
    available: false,
    delivered: false,
    blocked: null,
  };
  if (!row.number) return base;
  if (row.einvoice) return { ...base, available: true, delivered: row.einvoice.deliveredAt !== null };
  const invoice = await loadReleasedInvoice(db, invoiceId);
  if (!invoice) return base;
  const rendered = renderEInvoice(invoice);
  if (rendered.ok) return { ...base, available: true };
  return {
    ...base,
    blocked: {
      reasons: [...new Set(rendered.problems.map((p) => p.reason))],
      rules: [...new Set(rendered.problems.map((p) => p.rule))],
    },
  };
}
