// What the e-invoice is generated from: the PDF model of the released invoice (built from the
// invoice, its frozen issuer and its customer by lib/release/pdf-model.ts, so the XML states
// the same numbers as the PDF, computed once), the invoice it corrects, and where the buyer
// receives e-invoices.
import type { InvoicePdfModel } from "@/lib/pdf/invoice-pdf-model";
import { dateOnly } from "@/lib/release/invoice-number";
import { pdfModelOf, type ReleasedInvoice } from "@/lib/release/pdf-model";
import { participantOf, type PeppolParticipant } from "./participant";

export type EInvoiceInput = {
  model: InvoicePdfModel;
  /** The preceding invoice a credit note or void corrects (ibg-03): number and issue date. */
  corrects: { number: string; issueDate: string } | null;
  /** The customer's Peppol participant ID, when an admin set one. */
  buyerParticipant: PeppolParticipant | null;
};

export function einvoiceInputOf(invoice: ReleasedInvoice): EInvoiceInput {
  const corrected = invoice.correctsInvoice;
  const correctedOn = dateOnly(corrected?.issueDate ?? null);
  return {
    model: pdfModelOf(invoice),
    corrects: corrected?.number && correctedOn ? { number: corrected.number, issueDate: correctedOn } : null,
    buyerParticipant: participantOf(invoice.customer.peppolScheme, invoice.customer.peppolId),
  };
}
