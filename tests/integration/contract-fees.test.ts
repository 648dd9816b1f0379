// Contract-level fees against PostgreSQL: a customer split into several billing groups pays the
// operations-fee minimum and its fixed fees once a month, on the contract's fee group, and
// every invoice of the contract says where they were charged.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateDrafts } from "@/lib/invoices/generate-drafts";
import { topUpDescription } from "@/lib/pricing/price-draft";
import { setContractFeeGroup } from "@/lib/pricing/set-contract-fee-group";
import { loadInvoiceForPreview, previewModelOf } from "@/lib/release/preview-model";
import { addUsage, customerWithGroups, invoicesByGroup, expectHashHolds } from "../support/drafts";
import { person } from "../support/invoices";

const system = { id: null, email: "system:test", name: "test", roles: ["FINANCE"] as const };
const month = "2031-10";
const terms = {
  markupRate: "0.08",
  opsFeeRate: "0.10",
  opsFeeMinimumJpy: 100_000n,
  taxRounding: "FLOOR" as const,
  paymentTermsDays: 30,
};
const fixedFees = [{ description: "Support", amountJpy: 50_000n }];

function linesOf(invoice: { lines: Array<{ kind: string; amountJpy: bigint }> } | undefined) {
  return invoice?.lines.map((l) => [l.kind, l.amountJpy]);
}

describe("contract-level fees once per contract", () => {
  it("three groups: top-up and fixed fee once, on the default group; every invoice says where", async () => {
    const w = await customerWithGroups({ groups: ["Default", "R&D", "Web"], contract: terms, fixedFees });
    const [main, rd, web] = w.groups as [(typeof w.groups)[0], (typeof w.groups)[0], (typeof w.groups)[0]];
    await addUsage([
      { projectId: main.projectId, service: "Compute Engine", currency: "JPY", cost: "300000", month },
      { projectId: rd.projectId, service: "BigQuery", currency: "JPY", cost: "200000", month },
      { projectId: web.projectId, service: "Cloud Run", currency: "JPY", cost: "100000", month },
    ]);
    expect(await generateDrafts({ actor: system, month, billingGroupIds: [rd.id] })).toMatchObject({
      created: 3,
      skipped: [],
    });
    // Fees 10%: 30,000 + 20,000 + 10,000 = 60,000 < 100,000, so a top-up of 40,000 on Default.
    // Default: 324,000 + 30,000 + 40,000 + 50,000 = 444,000; tax 44,400; 488,400
    // R&D:     216,000 + 20,000 = 236,000; tax 23,600; 259,600
    // Web:     108,000 + 10,000 = 118,000; tax 11,800; 129,800
    // (Before the rule each invoice carried the minimum and the fixed fee: 150,000 more each.)
    const invoices = await invoicesByGroup(w.customer.id, month);
    expect(linesOf(invoices.get("Default"))).toEqual([
      ["USAGE", 324_000n],
      ["OPS_FEE", 30_000n],
      ["OPS_FEE", 40_000n],
      ["FIXED_FEE", 50_000n],
    ]);
    expect(invoices.get("Default")?.lines[2]?.description).toBe(topUpDescription(100_000n));
    expect(linesOf(invoices.get("R&D"))).toEqual([
      ["USAGE", 216_000n],
      ["OPS_FEE", 20_000n],
    ]);
    expect(linesOf(invoices.get("Web"))).toEqual([
      ["USAGE", 108_000n],
      ["OPS_FEE", 10_000n],
    ]);
    expect([...invoices.values()].map((i) => i.totalJpy).sort()).toEqual([129_800n, 259_600n, 488_400n]);
    for (const invoice of invoices.values()) {
      expect(invoice.contractFees).toEqual({ feeGroupId: main.id, feeGroupName: "Default" });
      // What was written is what was hashed: the gate can work on every one of them.
      await expectHashHolds(invoice);
    }

    // The printed note, on the PDF the customer receives.
    const rdPdf = previewModelOf(await loadInvoiceForPreview(db, invoices.get("R&D")?.id ?? ""));
    expect(rdPdf.model.notesPrinted).toContain("「Default」宛の請求書でご請求しています");
    expect(rdPdf.model.notesPrinted).toContain('are charged on the invoice for "Default"');
    const mainPdf = previewModelOf(await loadInvoiceForPreview(db, invoices.get("Default")?.id ?? ""));
    expect(mainPdf.model.notesPrinted).toContain("charged on this invoice");
  });

  it("regenerating one group keeps the fee group right: its top-up follows the other groups' costs", async () => {
    const w = await customerWithGroups({ groups: ["Default", "R&D", "Web"], contract: terms, fixedFees });
    const [main, rd, web] = w.groups as [(typeof w.groups)[0], (typeof w.groups)[0], (typeof w.groups)[0]];
    await addUsage([
      { projectId: main.projectId, service: "Compute Engine", currency: "JPY", cost: "300000", month },
      { projectId: rd.projectId, service: "BigQuery", currency: "JPY", cost: "200000", month },
      { projectId: web.projectId, service: "Cloud Run", currency: "JPY", cost: "100000", month },
    ]);
    await generateDrafts({ actor: system, month, billingGroupIds: [main.id] });
    // Web's cost grows to 250,000: its fee is 25,000, the fees 75,000, the top-up 25,000.
    await addUsage([{ projectId: web.projectId, service: "Cloud Run", currency: "JPY", cost: "150000", month }]);
    expect(await generateDrafts({ actor: system, month, billingGroupIds: [web.id] })).toMatchObject({
      created: 0,
      updated: 2,
      unchanged: 1,
    });
    const invoices = await invoicesByGroup(w.customer.id, month);
    expect(linesOf(invoices.get("Web"))).toEqual([
      ["USAGE", 270_000n],
      ["OPS_FEE", 25_000n],
    ]);
    expect(linesOf(invoices.get("Default"))).toEqual([
      ["USAGE", 324_000n],
      ["OPS_FEE", 30_000n],
      ["OPS_FEE", 25_000n],
      ["FIXED_FEE", 50_000n],
    ]);
    expect(invoices.get("Default")?.version).toBe(2);
    expect(invoices.get("R&D")?.version).toBe(1);
  });

  it("a fee group named on the contract gets an invoice of the fees alone when it has no usage", async () => {
    const w = await customerWithGroups({ groups: ["Default", "Headquarters"], contract: terms, fixedFees });
    const [main, hq] = w.groups as [(typeof w.groups)[0], (typeof w.groups)[0]];
    await db.pricingContract.update({ where: { id: w.contract.id }, data: { feeGroupId: hq.id } });
    await addUsage([{ projectId: main.projectId, service: "Compute Engine", currency: "JPY", cost: "300000", month }]);
    await generateDrafts({ actor: system, month });
    const invoices = await invoicesByGroup(w.customer.id, month);
    expect(linesOf(invoices.get("Default"))).toEqual([
      ["USAGE", 324_000n],
      ["OPS_FEE", 30_000n],
    ]);
    // Top-up 100,000 - 30,000 = 70,000 and the fixed fee, on Headquarters.
    expect(linesOf(invoices.get("Headquarters"))).toEqual([
      ["OPS_FEE", 70_000n],
      ["FIXED_FEE", 50_000n],
    ]);
    expect(invoices.get("Default")?.contractFees).toEqual({ feeGroupId: hq.id, feeGroupName: "Headquarters" });
  });

  it("fees moved off a fee group without usage leave its draft; nothing to carry, no invoice", async () => {
    const w = await customerWithGroups({ groups: ["Default", "Headquarters"], contract: terms, fixedFees });
    const [main, hq] = w.groups as [(typeof w.groups)[0], (typeof w.groups)[0]];
    await db.pricingContract.update({ where: { id: w.contract.id }, data: { feeGroupId: hq.id } });
    await addUsage([{ projectId: main.projectId, service: "Compute Engine", currency: "JPY", cost: "300000", month }]);
    await generateDrafts({ actor: system, month, billingGroupIds: [main.id] });
    expect(linesOf((await invoicesByGroup(w.customer.id, month)).get("Headquarters"))).toEqual([
      ["OPS_FEE", 70_000n],
      ["FIXED_FEE", 50_000n],
    ]);

    // Back to the default group: the fees move there and Headquarters' draft no longer has them.
    await db.pricingContract.update({ where: { id: w.contract.id }, data: { feeGroupId: null } });
    expect(await generateDrafts({ actor: system, month, billingGroupIds: [main.id] })).toMatchObject({
      created: 0,
      updated: 2,
      skipped: [],
    });
    const invoices = await invoicesByGroup(w.customer.id, month);
    expect(linesOf(invoices.get("Default"))).toEqual([
      ["USAGE", 324_000n],
      ["OPS_FEE", 30_000n],
      ["OPS_FEE", 70_000n],
      ["FIXED_FEE", 50_000n],
    ]);
    expect(linesOf(invoices.get("Headquarters"))).toEqual([]);
    expect(invoices.get("Headquarters")?.totalJpy).toBe(0n);
    for (const invoice of invoices.values()) {
      expect(invoice.contractFees).toEqual({ feeGroupId: main.id, feeGroupName: "Default" });
      await expectHashHolds(invoice);
    }

    // A named fee group without usage and with nothing to carry (the fees exceed the minimum,
    // no fixed fees) gets no empty invoice, and the others name no fee invoice.
    const lean = await customerWithGroups({
      groups: ["Default", "Web", "Headquarters"],
      contract: { ...terms, opsFeeMinimumJpy: 1_000n },
    });
    const [leanMain, leanWeb, leanHq] = lean.groups as [
      (typeof w.groups)[0],
      (typeof w.groups)[0],
      (typeof w.groups)[0],
    ];
    await db.pricingContract.update({ where: { id: lean.contract.id }, data: { feeGroupId: leanHq.id } });
    await addUsage([
      { projectId: leanMain.projectId, service: "GCS", currency: "JPY", cost: "100000", month },
      { projectId: leanWeb.projectId, service: "GCS", currency: "JPY", cost: "50000", month },
    ]);
    expect(await generateDrafts({ actor: system, month, billingGroupIds: [leanMain.id] })).toMatchObject({
      created: 2,
      skipped: [],
    });
    const leanInvoices = await invoicesByGroup(lean.customer.id, month);
    expect([...leanInvoices.keys()].sort()).toEqual(["Default", "Web"]);
    for (const invoice of leanInvoices.values()) expect(invoice.contractFees).toBeNull();
  });

  it("a customer with one invoice gets no note; one with no fee group is not billed, with the reason", async () => {
    const single = await customerWithGroups({ groups: ["Default"], contract: terms, fixedFees });
    const orphan = await customerWithGroups({ groups: ["Ops", "Sales"], noDefaultGroup: true, contract: terms });
    await addUsage([
      { projectId: single.groups[0]?.projectId ?? "", service: "GCS", currency: "JPY", cost: "1000", month },
      { projectId: orphan.groups[0]?.projectId ?? "", service: "GCS", currency: "JPY", cost: "1000", month },
      { projectId: orphan.groups[1]?.projectId ?? "", service: "GCS", currency: "JPY", cost: "1000", month },
    ]);
    const summary = await generateDrafts({
      actor: system,
      month,
      billingGroupIds: [single.groups[0]?.id ?? "", orphan.groups[0]?.id ?? ""],
    });
    expect(summary.created).toBe(1);
    expect(summary.skipped.map((s) => [s.customerCode, s.reason])).toEqual([
      [orphan.customer.code, expect.stringMatching(/names no fee group and the customer has no default/)],
      [orphan.customer.code, expect.stringMatching(/names no fee group and the customer has no default/)],
    ]);
    const [invoice] = (await invoicesByGroup(single.customer.id, month)).values();
    expect(invoice?.contractFees).toBeNull();
  });

  it("an admin names the fee group; a group of another customer, none, or a non-admin is refused", async () => {
    const admin = await person("ADMIN");
    const finance = await person("FINANCE");
    const w = await customerWithGroups({ groups: ["Ops", "Sales"], noDefaultGroup: true, contract: terms });
    const other = await customerWithGroups({ groups: ["Default"], contract: terms });
    const [ops, sales] = w.groups as [(typeof w.groups)[0], (typeof w.groups)[0]];

    expect(await setContractFeeGroup({ actor: admin, contractId: w.contract.id, feeGroupId: sales.id })).toEqual({
      contractId: w.contract.id,
      feeGroupId: sales.id,
      changed: true,
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "contract.feeGroup", targetId: w.contract.id, outcome: "SUCCESS" },
    });
    expect([event.before, event.after]).toEqual([
      { feeGroupId: null, feeGroupName: null },
      { feeGroupId: sales.id, feeGroupName: "Sales" },
    ]);

    const refusals: Array<[string, string, string]> = [
      ["fee-group-other-customer", admin.id, other.groups[0]?.id ?? ""],
      ["fee-group-required", admin.id, ""],
      ["role", finance.id, ops.id],
    ];
    for (const [rule, actorId, feeGroupId] of refusals) {
      const actor = actorId === admin.id ? admin : finance;
      await expect(setContractFeeGroup({ actor, contractId: w.contract.id, feeGroupId })).rejects.toMatchObject({
        details: { rule },
      });
    }
    expect(
      await db.auditEvent.count({
        where: { action: "contract.feeGroup", targetId: w.contract.id, outcome: "REFUSED" },
      }),
    ).toBe(3);
    // The refusal keeps its rule's values, so the audit log can say it in the reader's language.
    const byRole = await db.auditEvent.findFirstOrThrow({
      where: { action: "contract.feeGroup", targetId: w.contract.id, outcome: "REFUSED", actorId: finance.id },
    });
    expect(byRole.metadata).toEqual({ rule: "role", params: { roles: "ADMIN" } });
    expect((await db.pricingContract.findUniqueOrThrow({ where: { id: w.contract.id } })).feeGroupId).toBe(sales.id);
  });
});
