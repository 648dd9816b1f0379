// How much a credit note may still credit: the original invoice's total less what its other
// credit notes (released or on their way) already credit. Checked when a credit note is edited
// and again, under the original's row lock, when it is released.
import type { Tx } from "@/lib/db";

export interface CreditNoteRoom {
  originalTotalJpy: bigint;
  creditedElsewhereJpy: bigint;
  /** The most this credit note may credit, as a positive amount. */
  availableJpy: bigint;
}

export async function creditNoteRoom(
  tx: Tx,
  creditNote: { id: string; correctsInvoiceId: string | null },
  { lock = false } = {},
): Promise<CreditNoteRoom | null> {
  if (!creditNote.correctsInvoiceId) return null;
  const [original] = lock
    ? await tx.$queryRaw<
        Array<{ totalJpy: bigint }>
      >`SELECT "totalJpy" FROM "Invoice" WHERE id = ${creditNote.correctsInvoiceId}::uuid FOR UPDATE`
    : await tx.$queryRaw<
        Array<{ totalJpy: bigint }>
      >`SELECT "totalJpy" FROM "Invoice" WHERE id = ${creditNote.correctsInvoiceId}::uuid`;
  if (!original) return null;
  const [others] = await tx.$queryRaw<Array<{ credited: bigint | null }>>`
    SELECT -sum("totalJpy")::bigint AS credited FROM "Invoice"
    WHERE "correctsInvoiceId" = ${creditNote.correctsInvoiceId}::uuid AND kind = 'CREDIT_NOTE' AND status <> 'VOIDED'
      AND id <> ${creditNote.id}::uuid`;
  const creditedElsewhereJpy = others?.credited ?? 0n;
  return {
    originalTotalJpy: original.totalJpy,
    creditedElsewhereJpy,
    availableJpy: original.totalJpy - creditedElsewhereJpy,
  };
}

/** Whether a credit note with this total (zero or negative) fits in the room left. */
export const creditFits = (totalJpy: bigint, room: CreditNoteRoom) => -totalJpy <= room.availableJpy;
