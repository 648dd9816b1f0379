// How a usage line's yen amount follows from its cloud cost, for a reviewer reconciling the
// invoice by hand: cost after credits in its currency, times the month's FX rate (none for
// yen), times (1 + the contract's markup), rounded half up to whole yen: the same steps as
// step 1 of price-draft.ts (a test checks the two agree).
import { dec, roundToYen, toJpy, type DecimalInput } from "@/lib/money/money";

export interface UsageLineExplanation {
  /** Cost after credits in yen before markup, exact (decimal string). */
  jpyBeforeMarkup: string;
  /** 1 + markup, as the factor applied (decimal string, e.g. "1.08"). */
  markupFactor: string;
  /** What the contract gives for this cost: the amount a line that was not edited has. */
  computedJpy: bigint;
}

export function explainUsageLine(line: {
  sourceCost: DecimalInput;
  sourceCurrency: string;
  fxRate: DecimalInput | null;
  markupRate: DecimalInput;
}): UsageLineExplanation {
  const jpy = toJpy(line.sourceCost, line.sourceCurrency, line.fxRate);
  const factor = dec(1).plus(dec(line.markupRate));
  return {
    jpyBeforeMarkup: jpy.toString(),
    markupFactor: factor.toString(),
    computedJpy: roundToYen(jpy.times(factor), "HALF_UP"),
  };
}
