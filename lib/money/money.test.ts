import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeInvoiceTotals } from "./invoice-totals";
import { dec, roundToYen, taxOn, toJpy, type RoundingMode, type TaxRateCode } from "./money";

describe("rounding to yen", () => {
  it.each([
    ["1234.4", "HALF_UP", 1234n],
    ["1234.5", "HALF_UP", 1235n],
    ["-1234.5", "HALF_UP", -1235n],
    ["1234.9", "FLOOR", 1234n],
    ["-1234.9", "FLOOR", -1234n],
    ["1234.1", "CEIL", 1235n],
    ["-1234.1", "CEIL", -1235n],
    ["0.0000001", "CEIL", 1n],
    ["1234", "CEIL", 1234n],
  ] as Array<[string, RoundingMode, bigint]>)("%s %s -> %s", (amount, mode, expected) => {
    expect(roundToYen(amount, mode)).toBe(expected);
  });

  it("never moves an amount by a yen or more, and a credit rounds like its charge", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.constantFrom<RoundingMode>("FLOOR", "HALF_UP", "CEIL"),
        (whole, micro, mode) => {
          const amount = dec(whole.toString()).plus(dec(micro).div(1_000_000));
          const rounded = roundToYen(amount, mode);
          expect(dec(rounded).minus(amount).abs().lt(1)).toBe(true);
          expect(roundToYen(amount.neg(), mode)).toBe(-rounded);
        },
      ),
    );
  });
});

describe("FX conversion", () => {
  it("converts exactly, without float error", () => {
    // 0.1 + 0.2 USD at 150.24 yen: 0.3 x 150.24 = 45.072 exactly (a float sum would give 45.07200000000001).
    expect(toJpy(dec("0.1").plus("0.2"), "USD", "150.24").toString()).toBe("45.072");
    expect(toJpy("1234.5", "JPY", null).toString()).toBe("1234.5");
    expect(() => toJpy("1", "EUR", null)).toThrow(/EUR/);
  });
});

describe("tax per rate, once per invoice", () => {
  it("worked example: three 10% lines and one 8% line, FLOOR", () => {
    // 10%: 1,001 + 2,002 + 3,003 = 6,006 -> 600.6 -> 600.  8%: 1,999 -> 159.92 -> 159.
    // Subtotal 8,005 + tax 759 = 8,764.
    const totals = computeInvoiceTotals(
      [
        { amountJpy: 1001n, taxRate: "STANDARD_10" },
        { amountJpy: 2002n, taxRate: "STANDARD_10" },
        { amountJpy: 1999n, taxRate: "REDUCED_8" },
        { amountJpy: 3003n, taxRate: "STANDARD_10" },
      ],
      "FLOOR",
    );
    expect(totals).toEqual({
      subtotalJpy: 8005n,
      taxJpy: 759n,
      totalJpy: 8764n,
      taxBreakdown: [
        { taxRate: "STANDARD_10", baseJpy: 6006n, taxJpy: 600n },
        { taxRate: "REDUCED_8", baseJpy: 1999n, taxJpy: 159n },
      ],
    });
  });

  it("worked example: rounding once differs from rounding per line", () => {
    // Three lines of 15 yen at 10%: per line 1.5 -> 1 each = 3; once per rate 45 -> 4.5 -> 4 (FLOOR), 5 (HALF_UP).
    const lines = Array.from({ length: 3 }, () => ({ amountJpy: 15n, taxRate: "STANDARD_10" as const }));
    expect(computeInvoiceTotals(lines, "FLOOR").taxJpy).toBe(4n);
    expect(computeInvoiceTotals(lines, "HALF_UP").taxJpy).toBe(5n);
    expect(computeInvoiceTotals(lines, "CEIL").taxJpy).toBe(5n);
  });

  it("exempt lines carry no tax", () => {
    expect(taxOn(123_456n, "EXEMPT", "CEIL")).toBe(0n);
  });

  const line = fc.record({
    amountJpy: fc.bigInt({ min: -5_000_000n, max: 50_000_000n }),
    taxRate: fc.constantFrom<TaxRateCode>("STANDARD_10", "REDUCED_8", "EXEMPT"),
  });
  const mode = fc.constantFrom<RoundingMode>("FLOOR", "HALF_UP", "CEIL");

  it("subtotal plus tax is the total, and the subtotal is the sum of the lines", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), mode, (lines, rounding) => {
        const t = computeInvoiceTotals(lines, rounding);
        expect(t.subtotalJpy + t.taxJpy).toBe(t.totalJpy);
        expect(t.subtotalJpy).toBe(lines.reduce((s, l) => s + l.amountJpy, 0n));
      }),
    );
  });

  it("the order of lines does not matter", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), mode, (lines, rounding) => {
        expect(computeInvoiceTotals([...lines].reverse(), rounding)).toEqual(computeInvoiceTotals(lines, rounding));
      }),
    );
  });

  it("each rate's tax is within one yen of the exact tax (one rounding step per rate)", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), mode, (lines, rounding) => {
        for (const entry of computeInvoiceTotals(lines, rounding).taxBreakdown) {
          const exact = dec(entry.baseJpy).times(
            entry.taxRate === "STANDARD_10" ? "0.1" : entry.taxRate === "REDUCED_8" ? "0.08" : "0",
          );
          expect(dec(entry.taxJpy).minus(exact).abs().lt(1)).toBe(true);
        }
      }),
    );
  });
});
