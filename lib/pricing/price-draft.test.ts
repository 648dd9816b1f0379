import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MissingFxRateError, priceDraft, type ContractTerms, type UsageAggregate } from "./price-draft";

const usage = (
  projectId: string,
  serviceDescription: string,
  currency: string,
  cost: string,
  credits: string,
): UsageAggregate => ({
  projectId,
  serviceId: serviceDescription.toUpperCase().replace(/\W/g, ""),
  serviceDescription,
  currency,
  cost,
  credits,
  rows: 1,
  skus: [],
});

const standard: ContractTerms = {
  markupRate: "0.08",
  opsFeeRate: "0.10",
  opsFeeMinimumJpy: 30_000n,
  discountRate: "0",
  taxRate: "STANDARD_10",
  taxRounding: "FLOOR",
  fixedFees: [],
};

describe("pricing a draft: worked examples", () => {
  it("JPY and USD usage with markup, ops fee above the minimum, tax FLOOR", () => {
    // Compute Engine (JPY): 250,000 - 12,345.5 = 237,654.5 yen; x 1.08 = 256,666.86 -> 256,667
    // BigQuery (USD): 1,000.25 - 0.25 = 1,000 USD x 150.24 = 150,240 yen; x 1.08 = 162,259.2 -> 162,259
    // Cloud cost before markup = 237,654.5 + 150,240 = 387,894.5; ops fee 10% = 38,789.45 -> 38,789 (> 30,000)
    // Subtotal = 256,667 + 162,259 + 38,789 = 457,715; tax 10% = 45,771.5 -> 45,771 (FLOOR); total 503,486
    const draft = priceDraft(
      [
        usage("shop-prod", "Compute Engine", "JPY", "250000", "-12345.5"),
        usage("shop-prod", "BigQuery", "USD", "1000.25", "-0.25"),
      ],
      standard,
      { USD: "150.24" },
    );
    expect(draft.lines.map((l) => [l.kind, l.serviceDescription, l.amountJpy])).toEqual([
      ["USAGE", "BigQuery", 162_259n],
      ["USAGE", "Compute Engine", 256_667n],
      ["OPS_FEE", null, 38_789n],
    ]);
    expect(draft.subtotalJpy).toBe(457_715n);
    expect(draft.taxJpy).toBe(45_771n);
    expect(draft.totalJpy).toBe(503_486n);
    expect(draft.fxRates).toEqual([{ currency: "USD", rate: "150.24" }]);
    expect(draft.lines[0]!.sourceCost).toBe("1000");
    expect(draft.lines[0]!.fxRate).toBe("150.24");
  });

  it("small usage: the monthly minimum applies; a fixed fee; contract discount per rate; HALF_UP tax", () => {
    // Usage 10,000 yen, markup -3% -> 9,700. Ops fee 5% of 10,000 = 500 < minimum 20,000 -> 20,000.
    // Fixed fee 30,000. Lines 9,700 + 20,000 + 30,000 = 59,700; discount 2% = 1,194 -> -1,194.
    // Subtotal 58,506; tax 10% = 5,850.6 -> 5,851 (HALF_UP); total 64,357.
    const draft = priceDraft(
      [usage("lab-dev", "Cloud Storage", "JPY", "10000", "0")],
      {
        markupRate: "-0.03",
        opsFeeRate: "0.05",
        opsFeeMinimumJpy: 20_000n,
        discountRate: "0.02",
        taxRate: "STANDARD_10",
        taxRounding: "HALF_UP",
        fixedFees: [{ description: "Support", amountJpy: 30_000n, taxRate: "STANDARD_10" }],
      },
      {},
    );
    expect(draft.lines.map((l) => [l.kind, l.amountJpy])).toEqual([
      ["USAGE", 9_700n],
      ["OPS_FEE", 20_000n],
      ["FIXED_FEE", 30_000n],
      ["DISCOUNT", -1_194n],
    ]);
    expect([draft.subtotalJpy, draft.taxJpy, draft.totalJpy]).toEqual([58_506n, 5_851n, 64_357n]);
  });

  it("credits beyond cost make a negative usage line (flagged later) and the ops fee falls back to the minimum", () => {
    const draft = priceDraft([usage("promo", "Compute Engine", "JPY", "1000", "-1500")], standard, {});
    expect(draft.lines[0]!.amountJpy).toBe(-540n); // -500 x 1.08
    expect(draft.lines[1]!.amountJpy).toBe(30_000n);
  });

  it("refuses usage in a currency without the month's rate", () => {
    expect(() => priceDraft([usage("p", "S", "EUR", "1", "0")], standard, { USD: "150" })).toThrow(MissingFxRateError);
  });
});

describe("pricing a draft: invariants", () => {
  const agg = fc
    .record({
      projectId: fc.constantFrom("a-prod", "b-dev", "c-stg"),
      serviceDescription: fc.constantFrom("Compute Engine", "BigQuery", "Cloud SQL"),
      currency: fc.constantFrom("JPY", "USD"),
      cost: fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 100).toString()),
      credits: fc.integer({ min: -100_000, max: 0 }).map((n) => (n / 100).toString()),
    })
    .map((u) => usage(`${u.projectId}-${u.currency}`, u.serviceDescription, u.currency, u.cost, u.credits));

  it("lines plus tax equal the total, and the order of usage does not matter", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(agg, { selector: (u) => `${u.projectId}|${u.serviceDescription}`, maxLength: 12 }),
        (rows) => {
          const a = priceDraft(rows, { ...standard, discountRate: "0.015" }, { USD: "149.87" });
          const b = priceDraft([...rows].reverse(), { ...standard, discountRate: "0.015" }, { USD: "149.87" });
          expect(a.lines.reduce((s, l) => s + l.amountJpy, 0n) + a.taxJpy).toBe(a.totalJpy);
          expect(b).toEqual(a);
        },
      ),
    );
  });
});
