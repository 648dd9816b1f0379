// Prices a contract's month: each billing group's usage aggregated per project and service,
// the customer's contract, and the month's FX rates in; one invoice's lines and totals per
// billing group out. Pure.
//
// Where amounts become yen (each step rounds once, HALF_UP unless stated):
//   1. Usage line: net = cost + credits (credits are negative), in the export currency;
//      yen = net x FX rate (JPY: x 1) x (1 + markupRate)           -> rounded per line.
//   2. Operations fee, per billing group: opsFeeRate x the group's cloud cost in yen after
//      credits and before markup (the unrounded sum of step 1 without markup) -> rounded once.
//   3. Contract-level fees, once per contract and month, on the contract's fee group only:
//      the monthly minimum's top-up, opsFeeMinimumJpy minus the sum of every group's step-2
//      fee when positive, and the fixed fees (contract amounts, already yen).
//   4. Contract discount: discountRate x the sum of lines 1-3 of each tax rate of an invoice ->
//      one negative line per tax rate, rounded once (a qualified invoice states tax per rate).
//   5. Consumption tax: once per tax rate over the invoice, with the contract's rounding
//      mode (lib/money/invoice-totals.ts).
// A contract with one billing group gets what a single invoice always got: its fee is at
// least the minimum (fee + top-up = max(fee, minimum)), plus the fixed fees.
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
  /** This group's operations fee (step 2), before any top-up. */
  opsFeeJpy: Yen;
  /** The contract-level fees on this invoice (step 3): non-zero on the fee group only. */
  topUpJpy: Yen;
  fixedFeesJpy: Yen;
}

export interface GroupUsage {
  billingGroupId: string;
  usage: ReadonlyArray<UsageAggregate>;
}

export interface PricedContractMonth {
  feeGroupId: string;
  /** Every group's operations fee added up (step 2). */
  opsFeesJpy: Yen;
  /** The monthly minimum's top-up charged on the fee group (step 3). */
  topUpJpy: Yen;
  byGroup: Map<string, PricedDraft>;
}

export class MissingFxRateError extends Error {
  constructor(readonly currency: string) {
    super(`no FX rate for ${currency}`);
  }
}

const feeLine = (description: string, amountJpy: Yen, taxRate: TaxRateCode): PricedLine => ({
  kind: "OPS_FEE",
  projectId: null,
  serviceId: null,
  serviceDescription: null,
  description,
  amountJpy,
  taxRate,
  sourceCost: null,
  sourceCurrency: null,
  fxRate: null,
  skuDetail: null,
});

/** The top-up line's text: the minimum is a term of the contract, so the text is stable. */
export function topUpDescription(minimumJpy: Yen): string {
  const yen = minimumJpy.toLocaleString("en-US");
  return (
    `運用代行費 月額最低料金(契約全体 ¥${yen})までの差額 / ` +
    `Operations fee: top-up to the contract's monthly minimum (¥${yen})`
  );
}

/** Steps 1 and 2 for one billing group. */
function priceGroupUsage(
  usage: ReadonlyArray<UsageAggregate>,
  terms: ContractTerms,
  fxRates: Readonly<Record<string, string>>,
) {
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
  // No fee on a month whose credits cover its cost; the minimum is the contract's (step 3).
  const opsFeeJpy = opsRate.gt(0) && cloudCost.gt(0) ? roundToYen(cloudCost.times(opsRate), "HALF_UP") : 0n;
  if (opsFeeJpy > 0n) {
    const percent = opsRate.times(100).toString();
    lines.push(feeLine(`運用代行費 ${percent}% / Operations fee ${percent}%`, opsFeeJpy, terms.taxRate));
  }
  return { lines, usedRates, cloudCost, opsFeeJpy };
}

/** Step 4: one negative line per tax rate. */
function discountLines(lines: ReadonlyArray<PricedLine>, discountRate: DecimalInput): PricedLine[] {
  const discount = dec(discountRate);
  if (!discount.gt(0)) return [];
  const percent = discount.times(100).toString();
  const byRate = new Map<TaxRateCode, Yen>();
  for (const l of lines) byRate.set(l.taxRate, (byRate.get(l.taxRate) ?? 0n) + l.amountJpy);
  return [...byRate].flatMap(([taxRate, base]): PricedLine[] => {
    const amount = roundToYen(dec(base).times(discount), "HALF_UP");
    if (amount === 0n) return [];
    return [
      {
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
      },
    ];
  });
}

/**
 * Prices every billing group of one contract for one month. `groups` must include the fee
 * group, with no usage if it has none: it still carries the contract-level fees.
 */
export function priceContractMonth(
  groups: ReadonlyArray<GroupUsage>,
  terms: ContractTerms,
  fxRates: Readonly<Record<string, string>>,
  feeGroupId: string,
): PricedContractMonth {
  if (!groups.some((g) => g.billingGroupId === feeGroupId))
    throw new Error(`the fee group ${feeGroupId} is not among the groups priced`);
  const priced = groups.map((g) => ({ id: g.billingGroupId, ...priceGroupUsage(g.usage, terms, fxRates) }));
  const opsFeesJpy = priced.reduce((sum, g) => sum + g.opsFeeJpy, 0n);
  const topUpJpy = terms.opsFeeMinimumJpy > opsFeesJpy ? terms.opsFeeMinimumJpy - opsFeesJpy : 0n;

  const byGroup = new Map<string, PricedDraft>();
  for (const g of priced) {
    const lines = [...g.lines];
    let fixedFeesJpy = 0n;
    const isFeeGroup = g.id === feeGroupId;
    if (isFeeGroup) {
      if (topUpJpy > 0n) lines.push(feeLine(topUpDescription(terms.opsFeeMinimumJpy), topUpJpy, terms.taxRate));
      for (const fee of terms.fixedFees) {
        fixedFeesJpy += fee.amountJpy;
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
    }
    lines.push(...discountLines(lines, terms.discountRate));
    byGroup.set(g.id, {
      ...computeInvoiceTotals(lines, terms.taxRounding),
      lines,
      fxRates: [...g.usedRates]
        .map(([currency, rate]) => ({ currency, rate }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
      cloudCostJpy: g.cloudCost.toString(),
      opsFeeJpy: g.opsFeeJpy,
      topUpJpy: isFeeGroup ? topUpJpy : 0n,
      fixedFeesJpy,
    });
  }
  return { feeGroupId, opsFeesJpy, topUpJpy, byGroup };
}

/** One billing group that is its contract's only one (and so its fee group). */
export function priceDraft(
  usage: ReadonlyArray<UsageAggregate>,
  terms: ContractTerms,
  fxRates: Readonly<Record<string, string>>,
): PricedDraft {
  const priced = priceContractMonth([{ billingGroupId: "", usage }], terms, fxRates, "").byGroup.get("");
  if (!priced) throw new Error("unreachable: the one group was priced");
  return priced;
}
