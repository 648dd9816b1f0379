import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainUsageLine } from "./explain-usage-line";
import { priceDraft } from "./price-draft";

describe("explaining a usage line's amount", () => {
  it("reconciles a USD line: 28.383532 USD x 150.24 x 1.08 = 4,605 yen", () => {
    // 28.383532 x 150.24 = 4,264.341847... ; x 1.08 = 4,605.489... -> 4,605 (half up)
    const e = explainUsageLine({
      sourceCost: "28.383532",
      sourceCurrency: "USD",
      fxRate: "150.24",
      markupRate: "0.08",
    });
    expect(e).toEqual({ jpyBeforeMarkup: "4264.34184768", markupFactor: "1.08", computedJpy: 4605n });
  });

  it("applies no rate to yen, and a negative markup (a discount) as a factor below one", () => {
    expect(explainUsageLine({ sourceCost: "10000", sourceCurrency: "JPY", fxRate: null, markupRate: "-0.03" })).toEqual(
      {
        jpyBeforeMarkup: "10000",
        markupFactor: "0.97",
        computedJpy: 9700n,
      },
    );
  });

  it("gives the amount pricing gives, for any cost, rate and markup", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 10_000, max: 30_000_000 }),
        fc.integer({ min: -500, max: 5_000 }),
        fc.constantFrom("JPY", "USD"),
        (microCost, centiRate, basisMarkup, currency) => {
          const cost = (microCost / 1_000_000).toFixed(6);
          const rate = currency === "JPY" ? null : (centiRate / 100_000).toFixed(5);
          const markup = (basisMarkup / 10_000).toFixed(4);
          const priced = priceDraft(
            [
              {
                projectId: "p",
                serviceId: "s",
                serviceDescription: "Service",
                currency,
                cost,
                credits: "0",
                rows: 1,
                skus: [],
              },
            ],
            {
              markupRate: markup,
              opsFeeRate: "0",
              opsFeeMinimumJpy: 0n,
              discountRate: "0",
              taxRate: "STANDARD_10",
              taxRounding: "FLOOR",
              fixedFees: [],
            },
            rate ? { USD: rate } : {},
          );
          const line = priced.lines.find((l) => l.kind === "USAGE");
          expect(
            explainUsageLine({ sourceCost: cost, sourceCurrency: currency, fxRate: rate, markupRate: markup })
              .computedJpy,
          ).toBe(line?.amountJpy);
        },
      ),
    );
  });
});
