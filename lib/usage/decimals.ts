// Amounts, quantities and rates from usage exports, kept exactly as exported. Each value is
// turned into one canonical decimal text (no exponent, no trailing zeros, no "-0"), so "1.50",
// "1.5" and "1.5e0" are the same number everywhere: stored, summed and compared. A value the
// console cannot keep exactly is refused, never rounded.

/** Digits allowed before the decimal point: far above any real charge, in any currency. */
export const MAX_INTEGER_DIGITS = 15;
/** Digits allowed after it: enough for the float artefacts exporters write (0.30000000000000004). */
export const MAX_DECIMAL_PLACES = 30;

const NUMBER = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;
// Already canonical: the common case passes through without being rebuilt.
const CANONICAL = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{0,29}[1-9])?$/;

export type DecimalProblem = "not-a-number" | "number-out-of-range" | "too-many-decimals";

/** The canonical text of a decimal number, or why it cannot be kept exactly. */
export function canonicalDecimal(text: string): { value: string } | { problem: DecimalProblem } {
  if (CANONICAL.test(text) && text !== "-0") return { value: text };
  const m = NUMBER.exec(text.trim());
  if (!m) return { problem: "not-a-number" };
  const [, sign = "", intText = "", fracText = "", expText] = m;
  if (!intText && !fracText) return { problem: "not-a-number" };
  // An exponent far beyond the limits is refused before it is expanded.
  const exponent = expText === undefined ? 0 : Number(expText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return { problem: "number-out-of-range" };
  let digits = `${intText}${fracText}`.replace(/^0+/, "");
  // The value is digits x 10^-scale.
  let scale = fracText.length - exponent;
  if (!digits) return { value: "0" };
  // Trailing zeros of the digits are not part of the value's precision.
  const trimmed = digits.replace(/0+$/, "");
  scale -= digits.length - trimmed.length;
  digits = trimmed;
  if (scale > MAX_DECIMAL_PLACES) return { problem: "too-many-decimals" };
  let int: string;
  let frac: string;
  if (scale <= 0) {
    int = digits + "0".repeat(-scale);
    frac = "";
  } else if (scale >= digits.length) {
    int = "0";
    frac = "0".repeat(scale - digits.length) + digits;
  } else {
    int = digits.slice(0, digits.length - scale);
    frac = digits.slice(digits.length - scale);
  }
  if (int.length > MAX_INTEGER_DIGITS) return { problem: "number-out-of-range" };
  return { value: `${sign === "-" ? "-" : ""}${int}${frac ? `.${frac}` : ""}` };
}

/** English reason for a decimal problem, for the import report. */
export function decimalProblemReason(problem: DecimalProblem, value: string): string {
  switch (problem) {
    case "not-a-number":
      return `"${value.slice(0, 40)}" is not a number`;
    case "number-out-of-range":
      return (
        `"${value.slice(0, 40)}" is out of range ` + `(more than ${MAX_INTEGER_DIGITS} digits before the decimal point)`
      );
    case "too-many-decimals":
      return (
        `"${value.slice(0, 40)}" has more than ${MAX_DECIMAL_PLACES} decimal places; amounts are kept exactly, ` +
        "never rounded"
      );
  }
}
