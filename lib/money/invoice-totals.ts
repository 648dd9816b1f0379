// An invoice's totals under the qualified-invoice rule: the tax is computed once per tax rate
// over the sum of that rate's lines, never per line.
import { sumYen, taxOn, type RoundingMode, type TaxRateCode, type Yen } from "./money";

export interface TaxBreakdownEntry {
  taxRate: TaxRateCode;
  baseJpy: Yen;
  taxJpy: Yen;
}

export interface InvoiceTotals {
  subtotalJpy: Yen;
  taxJpy: Yen;
  totalJpy: Yen;
  taxBreakdown: TaxBreakdownEntry[];
}

const ORDER: TaxRateCode[] = ["STANDARD_10", "REDUCED_8", "EXEMPT"];

export function computeInvoiceTotals(
  lines: ReadonlyArray<{ amountJpy: Yen; taxRate: TaxRateCode }>,
  rounding: RoundingMode,
): InvoiceTotals {
  const bases = new Map<TaxRateCode, Yen>();
  for (const line of lines) bases.set(line.taxRate, (bases.get(line.taxRate) ?? 0n) + line.amountJpy);
  const taxBreakdown = ORDER.flatMap((taxRate) => {
    const baseJpy = bases.get(taxRate);
    return baseJpy === undefined ? [] : [{ taxRate, baseJpy, taxJpy: taxOn(baseJpy, taxRate, rounding) }];
  });
  const subtotalJpy = sumYen(taxBreakdown.map((t) => t.baseJpy));
  const taxJpy = sumYen(taxBreakdown.map((t) => t.taxJpy));
  return { subtotalJpy, taxJpy, totalJpy: subtotalJpy + taxJpy, taxBreakdown };
}

/** JSON-safe form for Invoice.taxBreakdown. */
export function taxBreakdownJson(breakdown: TaxBreakdownEntry[]) {
  return breakdown.map((t) => ({ taxRate: t.taxRate, baseJpy: t.baseJpy.toString(), taxJpy: t.taxJpy.toString() }));
}
