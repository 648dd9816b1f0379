import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/money/money";
import { canonicalDecimal } from "./decimals";

const value = (text: string) => {
  const r = canonicalDecimal(text);
  return "value" in r ? r.value : r.problem;
};

describe("canonical decimals", () => {
  it.each([
    ["1.5", "1.5"],
    ["1.50", "1.5"],
    ["1.5e0", "1.5"],
    ["15E-1", "1.5"],
    ["0.15e1", "1.5"],
    ["+1.5", "1.5"],
    [" 1.5 ", "1.5"],
    ["-0", "0"],
    ["-0.000", "0"],
    [".25", "0.25"],
    ["25.", "25"],
    ["007", "7"],
    ["1e3", "1000"],
    ["-4.16E-5", "-0.0000416"],
    ["0.30000000000000004", "0.30000000000000004"],
    ["12.34567890123", "12.34567890123"],
  ])("%s is %s", (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ["twelve", "not-a-number"],
    ["", "not-a-number"],
    [".", "not-a-number"],
    ["1,5", "not-a-number"],
    ["NaN", "not-a-number"],
    ["Infinity", "not-a-number"],
    ["1e16", "number-out-of-range"],
    ["1234567890123456", "number-out-of-range"],
    ["1e99999", "number-out-of-range"],
    ["5e-324", "too-many-decimals"],
    ["0.0000000000000000000000000000001", "too-many-decimals"],
  ])("%s is refused: %s", (text, problem) => {
    expect(value(text)).toBe(problem);
  });

  it("keeps the exact value of any number it accepts, however it is written", () => {
    const number = fc
      .tuple(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.integer({ min: 0, max: 20 }))
      .map(([n, places]) => new Decimal(n.toString()).dividedBy(new Decimal(10).pow(places)));
    fc.assert(
      fc.property(number, fc.integer({ min: -5, max: 5 }), (d, shift) => {
        // The same value written with an exponent and trailing zeros.
        const mantissa = d.times(new Decimal(10).pow(-shift)).toFixed();
        const spelled = `${mantissa}${mantissa.includes(".") ? "0" : ".0"}e${shift}`;
        const r = canonicalDecimal(spelled);
        if ("problem" in r) return;
        expect(new Decimal(r.value).eq(d)).toBe(true);
        expect(r.value).toBe(d.toFixed());
        expect(canonicalDecimal(r.value)).toEqual({ value: r.value });
      }),
    );
  });
});
