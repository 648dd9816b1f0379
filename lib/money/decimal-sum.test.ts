import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecimalSum, formatScaledAt, toScaled } from "./decimal-sum";
import { Decimal } from "./money";

const sumOf = (values: string[]) => {
  const s = new DecimalSum();
  for (const v of values) s.add(v);
  return s.toString();
};

describe("DecimalSum", () => {
  it.each([
    [["0.1", "0.2"], "0.3"],
    [["-100.5", "-0.25", "1"], "-99.75"],
    [[".5", "-.5"], "0"],
    [["3", "4."], "7"],
    [["1e3", "2.5E-1"], "1000.25"],
    // More than 9 decimals are kept exactly: usage amounts are never rounded.
    [["0.0000000005"], "0.0000000005"],
    [["-0.0000000005"], "-0.0000000005"],
    [["0.00000000001", "0.00000000002"], "0.00000000003"],
    [["-0.000000001", "0.0000000001"], "-0.0000000009"],
    [["0.30000000000000004", "1.2"], "1.50000000000000004"],
    [["1.2345678901e-3", "1"], "1.0012345678901"],
    [["999999999999999.999999999", "0.000000001"], "1000000000000000"],
  ])("%j sums to %s", (values, expected) => {
    expect(sumOf(values)).toBe(expected);
  });

  it("carries into a bigint long before a JavaScript integer would lose precision", () => {
    const s = new DecimalSum();
    for (let i = 0; i < 20_000; i++) s.add("987654321098765.123456789");
    expect(s.toString()).toBe(new Decimal("987654321098765.123456789").times(20_000).toFixed());
  });

  it("equals the exact Decimal sum for any values, in any order", () => {
    // The oracle must be exact too: the console's Decimal keeps 50 significant digits, and a sum
    // of these values can need 51 (21 integer digits and 30 decimals).
    const Exact = Decimal.clone({ precision: 200 });
    const value = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 30 }))
      .map(([n, places]) => new Decimal(n.toString()).dividedBy(new Decimal(10).pow(places)).toFixed());
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (values) => {
        const exact = values.reduce((acc, v) => acc.plus(new Exact(v)), new Exact(0));
        expect(sumOf(values)).toBe(exact.toFixed());
        expect(sumOf([...values].reverse())).toBe(exact.toFixed());
      }),
    );
  });

  it("adds sums to sums exactly, whatever their scales", () => {
    const a = new DecimalSum();
    a.add("1.5");
    a.add("0.00000000001");
    const b = new DecimalSum();
    b.add("-0.5");
    b.addSum(a);
    expect(b.toString()).toBe("1.00000000001");
  });

  it("formats and parses scaled integers", () => {
    expect(formatScaledAt(12_500_000_000n, 9)).toBe("12.5");
    expect(formatScaledAt(-1n, 9)).toBe("-0.000000001");
    expect(formatScaledAt(0n, 9)).toBe("0");
    expect(formatScaledAt(120n, 0)).toBe("120");
    expect(toScaled("-12.5")).toEqual({ n: -125n, scale: 1 });
    expect(toScaled("1.5e3")).toEqual({ n: 1500n, scale: 0 });
  });
});
