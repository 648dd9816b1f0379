// Masking of a customer's contact and bank data for support. Pure: what is shown is decided
// per actor in customer-contact.ts; this only turns a value into its masked form. A masked
// value keeps just enough to confirm a caller's details ("ends in 5678"), never enough to
// contact them or move money.

export const MASK = "•";

/** "taro.yamada@aoba.example.jp" -> "t•••@a•••.jp": first letters and the top-level domain. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf("@");
  if (at <= 0) return MASK.repeat(3);
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const tld = domain.includes(".") ? domain.slice(domain.lastIndexOf(".")) : "";
  return `${local[0]}${MASK.repeat(3)}@${domain[0] ?? ""}${MASK.repeat(3)}${tld}`;
}

/** "03-1234-5678" -> "••-••••-5678": every digit but the last four, separators kept. */
export function maskPhone(value: string): string {
  return maskDigitsExceptLast(value, 4);
}

/**
 * "みずほ銀行 大手町支店 普通 1234567" -> "••••• 67": the bank and branch say where the money
 * goes, so nothing of them is shown; the account's last two digits confirm which account.
 */
export function maskBankDetails(value: string): string {
  const digits = value.replace(/\D/g, "");
  return digits.length >= 6 ? `${MASK.repeat(5)} ${digits.slice(-2)}` : MASK.repeat(5);
}

function maskDigitsExceptLast(value: string, keep: number): string {
  const total = value.replace(/\D/g, "").length;
  let seen = 0;
  let out = "";
  for (const ch of value) {
    if (/\d/.test(ch)) {
      seen++;
      out += seen > total - keep ? ch : MASK;
    } else out += ch;
  }
  // Too short to show four digits without showing most of it.
  return total <= keep * 2 ? out.replace(/\d/g, MASK) : out;
}

export interface ContactData {
  contactEmail: string | null;
  contactPhone: string | null;
  bankDetails: string | null;
}

export function maskContact(contact: ContactData): ContactData {
  return {
    contactEmail: contact.contactEmail === null ? null : maskEmail(contact.contactEmail),
    contactPhone: contact.contactPhone === null ? null : maskPhone(contact.contactPhone),
    bankDetails: contact.bankDetails === null ? null : maskBankDetails(contact.bankDetails),
  };
}
