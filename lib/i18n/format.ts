// Display formatting shared by server and client components. Amounts arrive as integer yen
// (bigint, or its decimal string) and are never turned into floats for display.
import { dec, displayAmount } from "@/lib/money/money";
import type { Locale } from "./define";

const tag = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-US");

// Building an Intl formatter costs far more than using one (a page formats hundreds of
// amounts), so each kind is built once per locale and reused; formatters are stateless.
function perLocale<F>(make: (tag: string) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>();
  return (locale) => {
    const found = made.get(locale);
    if (found) return found;
    const f = make(tag(locale));
    made.set(locale, f);
    return f;
  };
}
const yenFormat = perLocale((t) => new Intl.NumberFormat(t, { style: "currency", currency: "JPY" }));
const integerFormat = perLocale((t) => new Intl.NumberFormat(t));
const dateTimeFormat = perLocale(
  (t) => new Intl.DateTimeFormat(t, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }),
);
const dateFormat = perLocale((t) => new Intl.DateTimeFormat(t, { dateStyle: "medium", timeZone: "Asia/Tokyo" }));
const percentFormat = perLocale((t) => new Intl.NumberFormat(t, { style: "percent", maximumFractionDigits: 1 }));

export function formatYen(amount: bigint | string | number, locale: Locale): string {
  const value = typeof amount === "bigint" ? amount : BigInt(amount);
  return yenFormat(locale).format(value);
}

/**
 * A decimal string, without float conversion; with its currency it is an amount, shown by the
 * money module's rule (lib/money displayAmount): "1234.5600" USD -> "1,234.56 USD", and yen
 * never with decimals ("84327604.471241" JPY -> "84,327,604 JPY").
 */
export function formatDecimal(value: string, locale: Locale, currency?: string): string {
  const shown = currency ? displayAmount(value, currency) : value;
  const [int = "0", frac = ""] = shown.replace(/^-/, "").split(".");
  const grouped = integerFormat(locale).format(BigInt(int));
  const sign = shown.startsWith("-") ? "-" : "";
  const fraction = frac.replace(/0+$/, "");
  return `${sign}${grouped}${fraction ? `.${fraction}` : ""}${currency ? ` ${currency}` : ""}`;
}

export function formatDateTime(value: Date | string, locale: Locale): string {
  return dateTimeFormat(locale).format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale): string {
  return dateFormat(locale).format(new Date(value));
}

export function formatPercent(ratio: string | number, locale: Locale): string {
  return percentFormat(locale).format(Number(ratio));
}

/** A rate as a percentage, exactly (no float): "0.075" -> "7.5%"; signed: "0.08" -> "+8%", "-0.03" -> "-3%". */
export function formatRatePercent(rate: string, signed = false): string {
  const percent = dec(rate).times(100);
  return `${signed && percent.gt(0) ? "+" : ""}${percent.toString()}%`;
}
