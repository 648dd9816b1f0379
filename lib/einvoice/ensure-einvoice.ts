// A released invoice's e-invoice: generated from the invoice, its frozen issuer and its customer,
// validated, and stored with its SHA-256 the first time it passes, so every download, delivery
// and export carries the same bytes (like the PDF in lib/delivery/payloads.ts). A document that
// fails validation is not stored: it is generated again next time, after the data was fixed.
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import type { ReleasedInvoice } from "@/lib/release/pdf-model";
import type { EInvoiceFile } from "@/lib/services/types";
import { buildJpPintXml } from "./build-jp-pint";
import { einvoiceInputOf } from "./einvoice-input";
import { JP_PINT_CUSTOMIZATION_ID } from "./jp-pint";
import { validateJpPint, type EInvoiceProblem } from "./validate-jp-pint";

export type StoredEInvoice = EInvoiceFile & { deliveredAt: Date | null; documentId: string | null };
export type EInvoiceOutcome = ({ ok: true } & StoredEInvoice) | { ok: false; problems: EInvoiceProblem[] };

export const einvoiceFileName = (number: string) => `${number}.xml`;
/** Stable per invoice, so every attempt to attach its e-invoice sends the same key. */
export const einvoiceAttachKey = (invoiceId: string) => `einvoice-${invoiceId}`;

/** Generates and validates without storing (the invoice page shows why a document is blocked). */
export function renderEInvoice(invoice: ReleasedInvoice) {
  const document = buildJpPintXml(einvoiceInputOf(invoice));
  const problems = validateJpPint(document.xml);
  return problems.length > 0 ? { ok: false as const, problems } : { ok: true as const, ...document };
}

function storedFile(
  row: {
    xml: Uint8Array;
    sha256: string;
    customizationId: string;
    deliveredAt: Date | null;
    documentId: string | null;
  },
  number: string,
): { ok: true } & StoredEInvoice {
  return {
    ok: true,
    fileName: einvoiceFileName(number),
    xml: row.xml,
    sha256: row.sha256,
    customizationId: row.customizationId,
    deliveredAt: row.deliveredAt,
    documentId: row.documentId,
  };
}

export async function ensureEInvoice(invoice: ReleasedInvoice): Promise<EInvoiceOutcome> {
  const number = invoice.number ?? "";
  const stored = await db.invoiceEInvoice.findUnique({ where: { invoiceId: invoice.id } });
  if (stored) return storedFile(stored, number);
  const rendered = renderEInvoice(invoice);
  if (!rendered.ok) return rendered;
  const xml = Buffer.from(rendered.xml, "utf8");
  const sha256 = createHash("sha256").update(xml).digest("hex");
  // Two renderers racing both write the same bytes; the first row wins and both use it.
  await db.invoiceEInvoice.createMany({
    data: [{ invoiceId: invoice.id, xml, sha256, customizationId: JP_PINT_CUSTOMIZATION_ID }],
    skipDuplicates: true,
  });
  return storedFile(await db.invoiceEInvoice.findUniqueOrThrow({ where: { invoiceId: invoice.id } }), number);
}

/** Records, in the caller's transaction, that the document service holds this e-invoice. */
export async function markEInvoiceDelivered(tx: Tx, invoiceId: string, documentId: string, at: Date) {
  await tx.invoiceEInvoice.updateMany({
    where: { invoiceId, deliveredAt: null },
    data: { deliveredAt: at, documentId },
  });
}

/** The rule ids of a blocked e-invoice, for audit events and error text. */
export const ruleList = (problems: EInvoiceProblem[]) => [...new Set(problems.map((p) => p.rule))].join(", ");
