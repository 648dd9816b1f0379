// A customer's contract changes after its drafts were generated: regenerating must refresh
// everything derived from the contract and the FX rate, so the invoice stays workable.
// Property test against PostgreSQL: for each contract field in turn (and a replaced contract,
// and the month's FX rate), a random new value, a regeneration, then three checks:
//   1. the content hash recomputed from the stored rows equals the stored one;
//   2. the invoice can be edited, submitted and approved (real commands, different people);
//   3. the lines and totals are the new terms' (priced independently from the known usage).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TaxRate, TaxRounding } from "@/lib/generated/prisma/enums";
import { editInvoice } from "@/lib/invoices/edit-invoice";
import { contractTermsOf, dueDateFor, generateDrafts } from "@/lib/invoices/generate-drafts";
import { dec } from "@/lib/money/money";
import { contractFeesFor } from "@/lib/pricing/contract-fees";
import { type GroupUsage, priceContractMonth, type UsageAggregate } from "@/lib/pricing/price-draft";
import { addUsage, customerWithGroups, expectHashHolds } from "../support/drafts";
import { person } from "../support/invoices";

const system = { id: null, email: "system:test", name: "test", roles: ["FINANCE"] as const };
const month = "2031-07";
const usd = (projectId: string, cost: string): UsageAggregate => ({
  projectId,
  serviceId: "BIGQUERY",
  serviceDescription: "BigQuery",
  currency: "USD",
  cost,
  credits: "0",
  rows: 1,
  skus: [],
});
const jpy = (projectId: string, cost: string): UsageAggregate => ({ ...usd(projectId, cost), currency: "JPY" });

const rate = (max: number) => fc.integer({ min: 0, max }).map((n) => dec(n).div(1_000_000).toString());
const TAX_RATES: TaxRate[] = ["STANDARD_10", "REDUCED_8", "EXEMPT"];
const ROUNDINGS: TaxRounding[] = ["FLOOR", "HALF_UP", "CEIL"];
const taxRate = fc.constantFrom(...TAX_RATES);
const taxRounding = fc.constantFrom(...ROUNDINGS);
/** Another value than `current`: a change drawn from three values must not be none. */
const another = <T>(values: T[]) =>
  fc.integer({ min: 1, max: values.length - 1 }).map((k) => (current: T) => {
    const next = values[(values.indexOf(current) + k) % values.length];
    if (next === undefined) throw new Error("unreachable: an index modulo the length");
    return next;
  });
const fixedFees = fc.array(
  fc.record({
    description: fc.constantFrom("Support", "Monitoring", "Reporting"),
    amountJpy: fc.bigInt({ min: 1n, max: 100_000n }),
    taxRate,
  }),
  { maxLength: 3 },
);
const allTerms = fc.record({
  markupRate: fc.integer({ min: -50_000, max: 200_000 }).map((n) => dec(n).div(1_000_000).toString()),
  opsFeeRate: rate(200_000),
  opsFeeMinimumJpy: fc.bigInt({ min: 0n, max: 300_000n }),
  discountRate: rate(100_000),
  taxRate,
  taxRounding,
  paymentTermsDays: fc.integer({ min: 0, max: 120 }),
});

type World = Awaited<ReturnType<typeof customerWithGroups>>;
type TermsOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Change = (w: World, original: TermsOf<typeof allTerms>) => Promise<void>;

/** Each contract field in turn, with an arbitrary of its change. */
const CHANGES: Record<string, fc.Arbitrary<Change>> = {
  markupRate: allTerms.map((t) => (w) => setTerms(w, { markupRate: t.markupRate })),
  opsFeeRate: allTerms.map((t) => (w) => setTerms(w, { opsFeeRate: t.opsFeeRate })),
  opsFeeMinimumJpy: allTerms.map((t) => (w) => setTerms(w, { opsFeeMinimumJpy: t.opsFeeMinimumJpy })),
  discountRate: allTerms.map((t) => (w) => setTerms(w, { discountRate: t.discountRate })),
  taxRate: another(TAX_RATES).map((next) => (w, t) => setTerms(w, { taxRate: next(t.taxRate) })),
  taxRounding: another(ROUNDINGS).map((next) => (w, t) => setTerms(w, { taxRounding: next(t.taxRounding) })),
  paymentTermsDays: allTerms.map((t) => (w) => setTerms(w, { paymentTermsDays: t.paymentTermsDays })),
  fixedFees: fixedFees.map((fees) => async (w) => {
    await db.pricingFixedFee.deleteMany({ where: { contractId: w.contract.id } });
    await db.pricingFixedFee.createMany({ data: fees.map((f) => ({ ...f, contractId: w.contract.id })) });
  }),
  // The fee group was the default group (none named): the other group takes the fees.
  feeGroupId: fc.constant<Change>((w) => setTerms(w, { feeGroupId: w.groups[1]?.id ?? null })),
  // A new contract from the invoice month on replaces the one in force: a new contract id.
  contractId: fc.tuple(allTerms, fixedFees).map(([t, fees]) => async (w) => {
    await db.pricingContract.create({
      data: {
        ...t,
        customerId: w.customer.id,
        name: "renewed",
        fromMonth: month,
        fixedFees: { create: fees },
      },
    });
  }),
  fxRate: fc.integer({ min: 1_000_000, max: 300_000_000 }).map((n) => async () => {
    await setFxRate(dec(n).div(1_000_000).toString());
  }),
};

async function setTerms(w: World, data: Prisma.PricingContractUncheckedUpdateInput) {
  await db.pricingContract.update({ where: { id: w.contract.id }, data });
}

async function setFxRate(value: string) {
  await db.fxRate.upsert({
    where: { month_fromCurrency_toCurrency: { month, fromCurrency: "USD", toCurrency: "JPY" } },
    create: { month, fromCurrency: "USD", rate: value },
    update: { rate: value },
  });
}

/** The customer's invoices as the new terms price them, from the usage the test put in. */
async function expectedInvoices(w: World, usage: GroupUsage[]) {
  const contract = await db.pricingContract.findFirstOrThrow({
    where: { customerId: w.customer.id, fromMonth: { lte: month } },
    orderBy: { fromMonth: "desc" },
    include: { fixedFees: true },
  });
  const fx = await db.fxRate.findUniqueOrThrow({
    where: { month_fromCurrency_toCurrency: { month, fromCurrency: "USD", toCurrency: "JPY" } },
  });
  const feeGroup = w.groups.find((g) => g.id === contract.feeGroupId) ?? w.groups[0];
  if (!feeGroup) throw new Error("the world has groups");
  const priced = priceContractMonth(usage, contractTermsOf(contract), { USD: fx.rate.toString() }, feeGroup.id);
  return { contract, priced, contractFees: contractFeesFor(feeGroup, usage.length) };
}

describe("regenerating after the contract changed", () => {
  let finance: Actor;
  let managers: Actor[];
  beforeAll(async () => {
    finance = await person("FINANCE");
    managers = [await person("MANAGER"), await person("MANAGER")];
  });

  for (const [field, change] of Object.entries(CHANGES)) {
    it(`${field}: the hash holds, the gate works, the totals follow the new terms`, async () => {
      await fc.assert(
        fc.asyncProperty(allTerms, change, async (terms, applyChange) => {
          await setFxRate("150.24");
          const w = await customerWithGroups({
            groups: ["Default", "Web"],
            contract: terms,
            fixedFees: [{ description: "Support", amountJpy: 50_000n }],
          });
          const [main, web] = w.groups as [World["groups"][0], World["groups"][0]];
          await addUsage([
            { projectId: main.projectId, service: "BigQuery", currency: "JPY", cost: "98765.4", month },
            { projectId: web.projectId, service: "BigQuery", currency: "USD", cost: "321.45", month },
          ]);
          const usage: GroupUsage[] = [
            { billingGroupId: main.id, usage: [jpy(main.projectId, "98765.4")] },
            { billingGroupId: web.id, usage: [usd(web.projectId, "321.45")] },
          ];
          await generateDrafts({ actor: system, month, billingGroupIds: [main.id] });

          await applyChange(w, terms);
          const summary = await generateDrafts({ actor: system, month, billingGroupIds: [main.id] });
          expect(summary.skipped).toEqual([]);
          // Generating again right away finds nothing to do.
          expect(await generateDrafts({ actor: system, month, billingGroupIds: [main.id] })).toMatchObject({
            created: 0,
            updated: 0,
            unchanged: 2,
          });

          const expected = await expectedInvoices(w, usage);
          const invoices = await db.invoice.findMany({
            where: { customerId: w.customer.id, month },
            include: { lines: { orderBy: { position: "asc" } } },
          });
          expect(invoices).toHaveLength(2);
          for (const invoice of invoices) {
            // 1. The hash recomputed from the rows is the stored one.
            await expectHashHolds(invoice);

            // 3. Lines, totals and every contract-derived field follow the new terms.
            const priced = expected.priced.byGroup.get(invoice.billingGroupId);
            expect(invoice.lines.map((l) => [l.kind, l.description, l.amountJpy, l.taxRate])).toEqual(
              priced?.lines.map((l) => [l.kind, l.description, l.amountJpy, l.taxRate]),
            );
            expect([invoice.subtotalJpy, invoice.taxJpy, invoice.totalJpy]).toEqual([
              priced?.subtotalJpy,
              priced?.taxJpy,
              priced?.totalJpy,
            ]);
            expect(invoice.contractId).toBe(expected.contract.id);
            expect(invoice.taxRounding).toBe(expected.contract.taxRounding);
            expect(invoice.fxRates).toEqual(priced?.fxRates);
            expect(invoice.contractFees).toEqual(expected.contractFees);
            expect(invoice.dueDate).toEqual(dueDateFor(month, expected.contract.paymentTermsDays));

            // 2. Edited and submitted by finance, approved by managers who did neither.
            const edited = await editInvoice({
              actor: finance,
              invoiceId: invoice.id,
              expectedVersion: invoice.version,
              changes: {
                added: [
                  {
                    kind: "MANUAL",
                    description: "Migration",
                    amountJpy: "1001",
                    taxRate: "STANDARD_10",
                    reason: "SOW",
                  },
                ],
              },
            });
            await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: edited.version });
            for (const manager of managers) {
              const current = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
              if (current.status === "APPROVED") break;
              await approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: edited.version });
            }
            expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("APPROVED");
          }
        }),
        { numRuns: 3 },
      );
    });
  }
});
