import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec, roundToYen } from "@/lib/money/money";
import {
  MissingFxRateError,
  priceContractMonth,
  priceDraft,
  topUpDescription,
  type ContractTerms,
  type GroupUsage,
  type UsageAggregate,
} from "./price-draft";

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
    // Usage 10,000 yen, markup -3% -> 9,700. Ops fee 5% of 10,000 = 500 < minimum 20,000, so the
    // top-up to the minimum is 19,500 (the one group is the fee group): fees 500 + 19,500 = 20,000.
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
      ["OPS_FEE", 500n],
      ["OPS_FEE", 19_500n],
      ["FIXED_FEE", 30_000n],
      ["DISCOUNT", -1_194n],
    ]);
    expect(draft.lines[2]?.description).toBe(topUpDescription(20_000n));
    expect([draft.subtotalJpy, draft.taxJpy, draft.totalJpy]).toEqual([58_506n, 5_851n, 64_357n]);
  });

  it("credits beyond cost make a negative usage line (flagged later) and the ops fee falls back to the minimum", () => {
    const draft = priceDraft([usage("promo", "Compute Engine", "JPY", "1000", "-1500")], standard, {});
    // -500 x 1.08 = -540; no percentage fee on a negative cost, so the top-up is the whole minimum.
    expect(draft.lines.map((l) => [l.kind, l.amountJpy])).toEqual([
      ["USAGE", -540n],
      ["OPS_FEE", 30_000n],
    ]);
    expect([draft.opsFeeJpy, draft.topUpJpy]).toEqual([0n, 30_000n]);
  });

  it("refuses usage in a currency without the month's rate", () => {
    expect(() => priceDraft([usage("p", "S", "EUR", "1", "0")], standard, { USD: "150" })).toThrow(MissingFxRateError);
  });
});

describe("contract-level fees: once per contract, on the fee group (worked examples)", () => {
  const contract: ContractTerms = {
    markupRate: "0.08",
    opsFeeRate: "0.10",
    opsFeeMinimumJpy: 100_000n,
    discountRate: "0",
    taxRate: "STANDARD_10",
    taxRounding: "FLOOR",
    fixedFees: [{ description: "Support", amountJpy: 50_000n, taxRate: "STANDARD_10" }],
  };
  const threeGroups: GroupUsage[] = [
    { billingGroupId: "default", usage: [usage("shop-prod", "Compute Engine", "JPY", "300000", "0")] },
    { billingGroupId: "rd", usage: [usage("lab-dev", "BigQuery", "USD", "1333.5", "-0.17")] },
    { billingGroupId: "web", usage: [usage("web-prod", "Cloud Storage", "JPY", "123456.7", "0")] },
  ];
  const summary = (priced: ReturnType<typeof priceContractMonth>, id: string) => {
    const g = priced.byGroup.get(id);
    if (!g) throw new Error(`no invoice for ${id}`);
    return { lines: g.lines.map((l) => [l.kind, l.amountJpy]), totals: [g.subtotalJpy, g.taxJpy, g.totalJpy] };
  };

  it("three groups: each pays its own percentage fee; the top-up and the fixed fee go on the default group", () => {
    // default: 300,000 yen x 1.08 = 324,000; fee 10% of 300,000 = 30,000
    // rd:      (1,333.5 - 0.17) = 1,333.33 USD x 150 = 199,999.5 yen; x 1.08 = 215,999.46 -> 215,999;
    //          fee 10% of 199,999.5 = 19,999.95 -> 20,000
    // web:     123,456.7 yen x 1.08 = 133,333.236 -> 133,333; fee 12,345.67 -> 12,346
    // Fees 30,000 + 20,000 + 12,346 = 62,346 < minimum 100,000: top-up 37,654, once, on default.
    // default: 324,000 + 30,000 + 37,654 + 50,000 = 441,654; tax 44,165.4 -> 44,165 (FLOOR); 485,819
    // rd:      215,999 + 20,000 = 235,999; tax 23,599.9 -> 23,599; 259,598
    // web:     133,333 + 12,346 = 145,679; tax 14,567.9 -> 14,567; 160,246
    // The contract pays 100,000 in operations fees and 50,000 in fixed fees once: 823,332 before
    // tax, where three invoices each with the minimum and the fixed fee would have made 1,123,332.
    const priced = priceContractMonth(threeGroups, contract, { USD: "150" }, "default");
    expect([priced.opsFeesJpy, priced.topUpJpy]).toEqual([62_346n, 37_654n]);
    expect(summary(priced, "default")).toEqual({
      lines: [
        ["USAGE", 324_000n],
        ["OPS_FEE", 30_000n],
        ["OPS_FEE", 37_654n],
        ["FIXED_FEE", 50_000n],
      ],
      totals: [441_654n, 44_165n, 485_819n],
    });
    expect(summary(priced, "rd")).toEqual({
      lines: [
        ["USAGE", 215_999n],
        ["OPS_FEE", 20_000n],
      ],
      totals: [235_999n, 23_599n, 259_598n],
    });
    expect(summary(priced, "web")).toEqual({
      lines: [
        ["USAGE", 133_333n],
        ["OPS_FEE", 12_346n],
      ],
      totals: [145_679n, 14_567n, 160_246n],
    });
    const subtotal = [...priced.byGroup.values()].reduce((s, g) => s + g.subtotalJpy, 0n);
    expect(subtotal).toBe(823_332n);
  });

  it("a named fee group without usage carries the fixed fee alone; fees above the minimum need no top-up", () => {
    // Minimum 40,000; discount 2%; tax HALF_UP. Fee group "hq" has no projects this month.
    // default: 324,000 + 30,000 = 354,000; discount 7,080; 346,920; tax 34,692; 381,612
    // web:     133,333 + 12,346 = 145,679; discount 2,913.58 -> 2,914; 142,765; tax 14,276.5 -> 14,277; 157,042
    // Fees 30,000 + 12,346 = 42,346 >= 40,000: no top-up.
    // hq:      fixed fee 50,000; discount 1,000; 49,000; tax 4,900; 53,900
    const priced = priceContractMonth(
      [threeGroups[0] as GroupUsage, threeGroups[2] as GroupUsage, { billingGroupId: "hq", usage: [] }],
      { ...contract, opsFeeMinimumJpy: 40_000n, discountRate: "0.02", taxRounding: "HALF_UP" },
      {},
      "hq",
    );
    expect(priced.topUpJpy).toBe(0n);
    expect(summary(priced, "default")).toEqual({
      lines: [
        ["USAGE", 324_000n],
        ["OPS_FEE", 30_000n],
        ["DISCOUNT", -7_080n],
      ],
      totals: [346_920n, 34_692n, 381_612n],
    });
    expect(summary(priced, "web")).toEqual({
      lines: [
        ["USAGE", 133_333n],
        ["OPS_FEE", 12_346n],
        ["DISCOUNT", -2_914n],
      ],
      totals: [142_765n, 14_277n, 157_042n],
    });
    expect(summary(priced, "hq")).toEqual({
      lines: [
        ["FIXED_FEE", 50_000n],
        ["DISCOUNT", -1_000n],
      ],
      totals: [49_000n, 4_900n, 53_900n],
    });
  });

  it("refuses to price a contract without its fee group", () => {
    expect(() => priceContractMonth(threeGroups, contract, { USD: "150" }, "elsewhere")).toThrow(/fee group/);
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

  const terms = fc.record({
    markupRate: fc.constantFrom("0", "0.08", "-0.03"),
    opsFeeRate: fc.constantFrom("0", "0.05", "0.1"),
    opsFeeMinimumJpy: fc.bigInt({ min: 0n, max: 200_000n }),
    fixedFees: fc.array(
      fc.record({
        description: fc.constantFrom("Support", "Monitoring", "Reporting"),
        amountJpy: fc.bigInt({ min: 1n, max: 100_000n }),
        taxRate: fc.constantFrom("STANDARD_10" as const, "REDUCED_8" as const),
      }),
      { maxLength: 3 },
    ),
  });
  const groupsOf = fc
    .array(fc.uniqueArray(agg, { selector: (u) => `${u.projectId}|${u.serviceDescription}`, maxLength: 4 }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((groups) => groups.map((usage, i): GroupUsage => ({ billingGroupId: `g${i}`, usage })));

  it("a contract pays max(sum of the groups' fees, minimum) and its fixed fees once, wherever its fee group is", () => {
    fc.assert(
      fc.property(groupsOf, terms, fc.nat(), (groups, t, pick) => {
        const contractTerms: ContractTerms = { ...t, discountRate: "0", taxRate: "STANDARD_10", taxRounding: "FLOOR" };
        const feeGroupId = groups[pick % groups.length]?.billingGroupId ?? "g0";
        const priced = priceContractMonth(groups, contractTerms, { USD: "149.87" }, feeGroupId);
        const all = [...priced.byGroup.values()].flatMap((g) => g.lines);
        const sumOf = (kind: string) => all.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountJpy, 0n);
        const ownFees = [...priced.byGroup.values()].reduce((s, g) => s + g.opsFeeJpy, 0n);
        const minimum = contractTerms.opsFeeMinimumJpy;
        // The groups' own fees, plus the top-up when they fall short of the minimum.
        expect(sumOf("OPS_FEE")).toBe(ownFees + (minimum > ownFees ? minimum - ownFees : 0n));
        expect(sumOf("FIXED_FEE")).toBe(contractTerms.fixedFees.reduce((s, f) => s + f.amountJpy, 0n));
        for (const [id, g] of priced.byGroup) {
          if (id === feeGroupId) continue;
          // Elsewhere: usage and the group's own percentage fee only.
          expect(g.lines.filter((l) => l.kind === "FIXED_FEE")).toEqual([]);
          expect(g.lines.filter((l) => l.kind === "OPS_FEE").map((l) => l.amountJpy)).toEqual(
            g.opsFeeJpy > 0n ? [g.opsFeeJpy] : [],
          );
        }
        // Moving the fee group moves the fees, never changes what the contract pays before tax.
        const elsewhere = priceContractMonth(groups, contractTerms, { USD: "149.87" }, "g0");
        const subtotal = (p: typeof priced) => [...p.byGroup.values()].reduce((s, g) => s + g.subtotalJpy, 0n);
        expect(subtotal(elsewhere)).toBe(subtotal(priced));
      }),
    );
  });

  it("one group alone pays what one invoice always paid: max(fee, minimum) plus the fixed fees", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(agg, { selector: (u) => `${u.projectId}|${u.serviceDescription}`, maxLength: 6 }),
        terms,
        (rows, t) => {
          const contractTerms: ContractTerms = {
            ...t,
            discountRate: "0",
            taxRate: "STANDARD_10",
            taxRounding: "FLOOR",
          };
          const draft = priceDraft(rows, contractTerms, { USD: "149.87" });
          const cost = dec(draft.cloudCostJpy);
          const computed = cost.gt(0) ? roundToYen(cost.times(dec(contractTerms.opsFeeRate)), "HALF_UP") : 0n;
          const fees = draft.lines.filter((l) => l.kind === "OPS_FEE").reduce((s, l) => s + l.amountJpy, 0n);
          expect(fees).toBe(computed > contractTerms.opsFeeMinimumJpy ? computed : contractTerms.opsFeeMinimumJpy);
        },
      ),
    );
  });
});
