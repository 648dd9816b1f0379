// Qualified-invoice issuer registration numbers (適格請求書発行事業者登録番号): "T" followed by
// the 13-digit corporate number, whose first digit is a check digit over the other twelve:
// check = 9 - (sum over n = 1..12 of P(n) * Q(n)) mod 9, with P(n) the n-th digit counted
// from the right of the 12 and Q(n) = 1 for odd n, 2 for even n.

export function corporateCheckDigit(twelveDigits: string): number {
  if (!/^\d{12}$/.test(twelveDigits)) throw new Error("expected 12 digits");
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(twelveDigits[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidRegistrationNumber(value: string): boolean {
  if (!/^T\d{13}$/.test(value)) return false;
  return Number(value.charAt(1)) === corporateCheckDigit(value.slice(2));
}

/** Builds a valid corporate number (法人番号) from twelve base digits (demo data, tests). */
export function corporateNumberFrom(twelveDigits: string): string {
  return `${corporateCheckDigit(twelveDigits)}${twelveDigits}`;
}

/** Builds a valid registration number from twelve base digits (demo data, tests). */
export function registrationNumberFrom(twelveDigits: string): string {
  return `T${corporateNumberFrom(twelveDigits)}`;
}
