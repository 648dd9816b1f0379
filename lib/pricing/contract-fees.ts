// Where a contract's contract-level fees (the monthly minimum's top-up and the fixed fees) were
// charged, as recorded on each invoice of a contract billed on several invoices
// (Invoice.contractFees), and the note printed about it. Pure.

export interface ContractFees {
  feeGroupId: string;
  feeGroupName: string;
}

/** The stored form; null for a contract's only invoice, which needs no note. */
export function contractFeesFor(
  feeGroup: { id: string; name: string },
  invoicesOfContract: number,
): ContractFees | null {
  return invoicesOfContract > 1 ? { feeGroupId: feeGroup.id, feeGroupName: feeGroup.name } : null;
}

export function parseContractFees(value: unknown): ContractFees | null {
  if (!value || typeof value !== "object") return null;
  const { feeGroupId, feeGroupName } = value as Record<string, unknown>;
  return typeof feeGroupId === "string" && typeof feeGroupName === "string" ? { feeGroupId, feeGroupName } : null;
}

export type ContractFeesPlace = { here: true } | { here: false; groupName: string };

/** Whether this invoice (of billing group `billingGroupId`) carries the fees, or which one does. */
export function contractFeesPlace(value: unknown, billingGroupId: string): ContractFeesPlace | null {
  const fees = parseContractFees(value);
  if (!fees) return null;
  return fees.feeGroupId === billingGroupId ? { here: true } : { here: false, groupName: fees.feeGroupName };
}

const WHAT_JA = "契約単位の料金(固定費、運用代行費の月額最低料金までの差額)";
const WHAT_EN = "Contract-level fees (fixed fees, the top-up to the operations fee's monthly minimum)";

/** The printed note, in both languages like the rest of the printed invoice. */
export function contractFeesNote(value: unknown, billingGroupId: string): string | null {
  const place = contractFeesPlace(value, billingGroupId);
  if (!place) return null;
  return place.here
    ? `${WHAT_JA}は、ご契約の全請求書の分をこの請求書でご請求しています。\n` +
        `${WHAT_EN} for all of the contract's invoices are charged on this invoice.`
    : `${WHAT_JA}は「${place.groupName}」宛の請求書でご請求しています。\n` +
        `${WHAT_EN} are charged on the invoice for "${place.groupName}".`;
}
