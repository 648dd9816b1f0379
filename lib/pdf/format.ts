// What the invoice PDF prints for values: yen and decimal amounts, dates and periods in the
// model's locale, tax-rate labels and the document's title. Plain functions, no layout.
import type { TaxRateCode } from "../services/types";
import type { InvoicePdfModel } from "./invoice-pdf-model";

/** `¥1,234,567`, negative as `-¥1,234`; bigint all the way (amounts may exceed 2^53). */
export function formatYen(amount: bigint): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString();
  return `${negative ? "-" : ""}¥${groupThousands(digits)}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A decimal string with thousands separators and without trailing fractional zeros. */
export function formatDecimal(value: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value.trim();
  const [, minus, digits = "", fractionDigits = ""] = m;
  const fraction = fractionDigits.replace(/0+$/, "");
  const int = groupThousands(digits.replace(/^0+(?=\d)/, ""));
  const sign = minus && (int !== "0" || fraction) ? "-" : "";
  return `${sign}${int}${fraction ? `.${fraction}` : ""}`;
}

export function formatUnitPrice(value: string): string {
  const formatted = formatDecimal(value);
  return formatted.startsWith("-") ? `-¥${formatted.slice(1)}` : `¥${formatted}`;
}

function parseDate(value: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

export function formatDate(value: string, locale: InvoicePdfModel["locale"]): string {
  const p = parseDate(value);
  if (!p) return value;
  return locale === "ja" ? `${p.y}年${p.m}月${p.d}日` : value;
}

export function formatPeriod(start: string, end: string, locale: InvoicePdfModel["locale"]): string {
  const s = parseDate(start);
  const e = parseDate(end);
  if (locale === "ja" && s && e && s.y === e.y) return `${formatDate(start, locale)}〜${e.m}月${e.d}日`;
  return `${formatDate(start, locale)}〜${formatDate(end, locale)}`;
}

/** A line's rate as printed in its tax column. */
export const TAX_LABEL: Record<TaxRateCode, string> = { STANDARD_10: "10%", REDUCED_8: "8%※", EXEMPT: "非課税" };
/** A rate as printed in the per-rate breakdown. */
export const TAX_BASE_LABEL: Record<TaxRateCode, string> = {
  STANDARD_10: "10%対象",
  REDUCED_8: "8%対象※",
  EXEMPT: "非課税",
};

/** The document's title in both languages. */
export function titles(model: InvoicePdfModel): { ja: string; en: string } {
  if (model.kind === "CREDIT_NOTE") return { ja: "適格返還請求書", en: "Credit note" };
  if (model.kind === "VOID") return { ja: "請求書 取消", en: "Void" };
  return { ja: "請求書", en: "Invoice" };
}
