// Prices one billing group's month: usage aggregated per project and service, the customer's
// contract, and the month's FX rates in, invoice lines and totals out. Pure.
//
// Where amounts become yen (each step rounds once, HALF_UP unless stated):
//   1. Usage line: net = cost + credits (credits are negative), in the export currency;
//      yen = net x FX rate (JPY: x 1) x (1 + markupRate)           -> rounded per line.
//   2. Operations fee: opsFeeRate x the month's cloud cost in yen after credits and before
//      markup (the unrounded sum of step 1 without markup)         -> rounded once;
//      at least opsFeeMinimumJpy.
//   3. Fixed fees: contract amounts, already yen.
//   4. Contract discount: discountRate x the sum of lines 1-3 of each tax rate -> one
//      negative line per tax rate, rounded once (a qualified invoice states tax per rate).
//   5. Consumption tax: once per tax rate over the invoice, with the contract's rounding
//      mode (lib/money/invoice-totals.ts).
import { computeInvoiceTotals, type InvoiceTotals } from "@/lib/money/invoice-totals";
import {
  Decimal,
  dec,
  roundToYen,
  toJpy,
  type DecimalInput,
  type RoundingMode,
  type TaxRateCode,
  type Yen,
} from "@/lib/money/money";

export interface SkuDetail {
  skuId: string;
  description: string;
  cost: string;
  credits: string;
  usageAmount: string | null;
  unit: string | null;
  rows: number;
}

export interface UsageAggregate {
  projectId: string;
  serviceId: string;
  serviceDescription: string;
  currency: string;
  cost: string;
  credits: string;
  rows: number;
  skus: SkuDetail[];
}

export interface ContractTerms {
  markupRate: DecimalInput;
  opsFeeRate: DecimalInput;
  opsFeeMinimumJpy: Yen;
  discountRate: DecimalInput;
  taxRate: TaxRateCode;
  taxRounding: RoundingMode;
  fixedFees: ReadonlyArray<{ description: string; amountJpy: Yen; taxRate: TaxRateCode }>;
}

export type PricedLineKind = "USAGE" | "OPS_FEE" | "FIXED_FEE" | "DISCOUNT";

export interface PricedLine {
  kind: PricedLineKind;
  projectId: string | null;
  serviceId: string | null;
  serviceDescription: string | null;
  description: string;
  amountJpy: Yen;
  taxRate: TaxRateCode;
  sourceCost: string | null;
  sourceCurrency: string | null;
  fxRate: string | null;
  skuDetail: SkuDetail[] | null;
}

export interface PricedDraft extends InvoiceTotals {
  lines: PricedLine[];
  fxRates: Array<{ currency: string; rate: string }>;
  cloudCostJpy: string;
}

export class MissingFxRateError extends Error {
  constructor(readonly currency: string) {
    super(`no FX rate for ${currency}`);
  }
}

export function priceDraft(
  usage: ReadonlyArray<UsageAggregate>,
  terms: ContractTerms,
  fxRates: Readonly<Record<string, string>>,
): PricedDraft {
  const markup = dec(1).plus(dec(terms.markupRate));
  const usedRates = new Map<string, string>();
  let cloudCost = new Decimal(0);
  const lines: PricedLine[] = [];

  const sorted = [...usage].sort(
    (a, b) =>
      a.projectId.localeCompare(b.projectId) ||
      a.serviceDescription.localeCompare(b.serviceDescription) ||
      a.currency.localeCompare(b.currency),
  );
  for (const u of sorted) {
    const net = dec(u.cost).plus(dec(u.credits));
    const rate = u.currency === "JPY" ? null : fxRates[u.currency];
    if (u.currency !== "JPY" && rate === undefined) throw new MissingFxRateError(u.currency);
    if (rate) usedRates.set(u.currency, rate);
    const jpy = toJpy(net, u.currency, rate ?? null);
    cloudCost = cloudCost.plus(jpy);
    lines.push({
      kind: "USAGE",
      projectId: u.projectId,
      serviceId: u.serviceId,
      serviceDescription: u.serviceDescription,
      description: `${u.serviceDescription} — ${u.projectId}`,
      amountJpy: roundToYen(jpy.times(markup), "HALF_UP"),
      taxRate: terms.taxRate,
      sourceCost: net.toString(),
      sourceCurrency: u.currency,
      fxRate: rate ?? null,
      skuDetail: u.skus,
    });
  }

  const opsRate = dec(terms.opsFeeRate);
  if (opsRate.gt(0) || terms.opsFeeMinimumJpy > 0n) {
    const computed = cloudCost.gt(0) ? roundToYen(cloudCost.times(opsRate), "HALF_UP") : 0n;
    const fee = computed > terms.opsFeeMinimumJpy ? computed : terms.opsFeeMinimumJpy;
    const usesMinimum = fee !== computed;
    lines.push({
      kind: "OPS_FEE",
      projectId: null,
      serviceId: null,
      serviceDescription: null,
      description: usesMinimum
        ? `運用代行費 (月額最低料金) / Operations fee (monthly minimum)`
        : `運用代行費 ${opsRate.times(100).toString()}% / Operations fee ${opsRate.times(100).toString()}%`,
      amountJpy: fee,
      taxRate: terms.taxRate,
      sourceCost: null,
      sourceCurrency: null,
      fxRate: null,
      skuDetail: null,
    });
  }

  for (const fee of terms.fixedFees) {
    lines.push({
      kind: "FIXED_FEE",
      projectId: null,
      serviceId: null,
      serviceDescription: null,
      description: fee.description,
      amountJpy: fee.amountJpy,
      taxRate: fee.taxRate,
      sourceCost: null,
      sourceCurrency: null,
      fxRate: null,
      skuDetail: null,
    });
  }

  const discount = dec(terms.discountRate);
  if (discount.gt(0)) {
    const percent = discount.times(100).toString();
    const byRate = new Map<TaxRateCode, Yen>();
    for (const l of lines) byRate.set(l.taxRate, (byRate.get(l.taxRate) ?? 0n) + l.amountJpy);
    for (const [taxRate, base] of byRate) {
      const amount = roundToYen(dec(base).times(discount), "HALF_UP");
      if (amount === 0n) continue;
      lines.push({
        kind: "DISCOUNT",
        projectId: null,
        serviceId: null,
        serviceDescription: null,
        description: `契約割引 ${percent}% / Contract discount ${percent}%`,
        amountJpy: -amount,
        taxRate,
        sourceCost: null,
        sourceCurrency: null,
        fxRate: null,
        skuDetail: null,
      });
    }
  }

  const totals = computeInvoiceTotals(lines, terms.taxRounding);
  return {
    ...totals,
    lines,
    fxRates: [...usedRates]
      .map(([currency, rate]) => ({ currency, rate }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
    cloudCostJpy: cloudCost.toString(),
  };
}
