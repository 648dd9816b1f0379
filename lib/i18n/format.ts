// Display formatting shared by server and client components. Amounts arrive as integer yen
// (bigint, or its decimal string) and are never turned into floats for display.
import type { Locale } from "./define";

const tag = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-US");

export function formatYen(amount: bigint | string | number, locale: Locale): string {
  const value = typeof amount === "bigint" ? amount : BigInt(amount);
  return new Intl.NumberFormat(tag(locale), { style: "currency", currency: "JPY" }).format(value);
}

/** A decimal string with its currency, e.g. "1234.5600" USD, without float conversion. */
export function formatDecimal(value: string, locale: Locale, currency?: string): string {
  const [int = "0", frac = ""] = value.replace(/^-/, "").split(".");
  const grouped = new Intl.NumberFormat(tag(locale)).format(BigInt(int));
  const sign = value.startsWith("-") ? "-" : "";
  const fraction = frac.replace(/0+$/, "");
  return `${sign}${grouped}${fraction ? "." + fraction : ""}${currency ? " " + currency : ""}`;
}

export function formatDateTime(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: "medium", timeZone: "Asia/Tokyo" }).format(new Date(value));
}

export function formatPercent(ratio: string | number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { style: "percent", maximumFractionDigits: 1 }).format(Number(ratio));
}
