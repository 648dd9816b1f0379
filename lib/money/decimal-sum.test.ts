import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecimalSum, formatScaled, parseScaled } from "./decimal-sum";
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
    // More than 9 decimals round half away from zero, like numeric(24, 9).
    [["0.0000000005"], "0.000000001"],
    [["-0.0000000005"], "-0.000000001"],
    [["0.0000000004"], "0"],
    [["-0.000000001", "0.0000000001"], "-0.000000001"],
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
    const value = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
      .map(([n, places]) => new Decimal(n.toString()).dividedBy(new Decimal(10).pow(places)).toFixed());
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (values) => {
        const exact = values.reduce((acc, v) => acc.plus(new Decimal(v).toDecimalPlaces(9)), new Decimal(0));
        expect(sumOf(values)).toBe(exact.toFixed());
        expect(sumOf([...values].reverse())).toBe(exact.toFixed());
      }),
    );
  });

  it("formats and parses nano-units", () => {
    expect(formatScaled(12_500_000_000n)).toBe("12.5");
    expect(formatScaled(-1n)).toBe("-0.000000001");
    expect(formatScaled(0n)).toBe("0");
    expect(parseScaled("-12.5")).toBe(-12_500_000_000n);
  });
});
