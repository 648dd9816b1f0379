import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateDrafts } from "@/lib/invoices/generate-drafts";
import { topUpDescription } from "@/lib/pricing/price-draft";
import { uniqueSuffix } from "../support/db";
import { addUsage, expectHashHolds } from "../support/drafts";

const system = { id: null, email: "system:test", name: "test", roles: ["FINANCE"] as const };

async function world(options: { split?: boolean } = {}) {
  const s = uniqueSuffix();
  const month = "2031-10";
  const customer = await db.customer.create({
    data: { code: `T${s}`, name: `株式会社テスト${s}`, nameKana: "テスト" },
  });
  const main = await db.billingGroup.create({
    data: { customerId: customer.id, name: "Default", isDefault: true, recipientName: customer.name },
  });
  const other = options.split
    ? await db.billingGroup.create({
        data: { customerId: customer.id, name: "R&D", recipientName: customer.name, recipientDept: "研究開発部" },
      })
    : main;
  const projects = [`p-web-${s}`, `p-lab-${s}`];
  for (const [i, id] of projects.entries()) {
    await db.project.create({ data: { id, name: id, firstSeenMonth: i === 1 ? month : "2031-01" } });
    await db.projectAssignment.create({
      data: {
        projectId: id,
        customerId: customer.id,
        billingGroupId: i === 0 ? main.id : other.id,
        fromMonth: "2031-01",
      },
    });
  }
  await db.pricingContract.create({
    data: {
      customerId: customer.id,
      name: "std",
      fromMonth: "2031-01",
      markupRate: "0.08",
      opsFeeRate: "0.10",
      opsFeeMinimumJpy: 30000n,
      taxRounding: "FLOOR",
      paymentTermsDays: 30,
      fixedFees: { create: [{ description: "Support", amountJpy: 50000n }] },
    },
  });
  await db.fxRate.upsert({
    where: { month_fromCurrency_toCurrency: { month, fromCurrency: "USD", toCurrency: "JPY" } },
    create: { month, fromCurrency: "USD", rate: "150.24" },
    update: {},
  });
  return { s, month, customer, main, other, projects };
}

describe("generating drafts", () => {
  it("prices a month correctly to the yen (worked example) and records version 1 and its audit event", async () => {
    const w = await world();
    const [web, lab] = w.projects as [string, string];
    await addUsage([
      {
        projectId: web,
        service: "Compute Engine",
        sku: "N2 core",
        currency: "JPY",
        cost: "200000",
        credits: "-12345.5",
        month: w.month,
      },
      {
        projectId: web,
        service: "Compute Engine",
        sku: "N2 ram",
        currency: "JPY",
        cost: "50000",
        credits: "0",
        month: w.month,
      },
      {
        projectId: lab,
        service: "BigQuery",
        sku: "Analysis",
        currency: "USD",
        cost: "1000.25",
        credits: "-0.25",
        month: w.month,
      },
      {
        projectId: lab,
        service: "BigQuery",
        sku: "Analysis",
        currency: "USD",
        cost: "999",
        credits: "0",
        month: "2031-11",
      },
    ]);
    const summary = await generateDrafts({ actor: system, month: w.month, billingGroupIds: [w.main.id] });
    expect(summary).toMatchObject({ created: 1, updated: 0, unchanged: 0, skipped: [] });

    const invoice = await db.invoice.findFirstOrThrow({
      where: { billingGroupId: w.main.id, month: w.month },
      include: { lines: { orderBy: { position: "asc" } }, versions: true },
    });
    // Compute Engine (JPY): 250,000 - 12,345.5 = 237,654.5; x 1.08 = 256,666.86 -> 256,667
    // BigQuery (USD): (1,000.25 - 0.25) x 150.24 = 150,240; x 1.08 = 162,259.2 -> 162,259 (November usage excluded)
    // Ops fee: 10% x 387,894.5 = 38,789.45 -> 38,789; fixed fee 50,000
    // Subtotal 507,715; tax 10% = 50,771.5 -> 50,771 (FLOOR); total 558,486
    expect(invoice.lines.map((l) => [l.kind, l.projectId, l.amountJpy])).toEqual([
      ["USAGE", lab, 162259n],
      ["USAGE", web, 256667n],
      ["OPS_FEE", null, 38789n],
      ["FIXED_FEE", null, 50000n],
    ]);
    expect([invoice.subtotalJpy, invoice.taxJpy, invoice.totalJpy]).toEqual([507715n, 50771n, 558486n]);
    expect(invoice.fxRates).toEqual([{ currency: "USD", rate: "150.24" }]);
    expect(invoice.dueDate?.toISOString().slice(0, 10)).toBe("2031-11-30");
    expect(invoice.flags).toEqual(["no-previous", "new-project"]);
    expect(invoice.lines[1]!.skuDetail).toEqual([
      {
        skuId: "N2 core",
        description: "N2 core",
        cost: "200000",
        credits: "-12345.5",
        usageAmount: "1",
        unit: "h",
        rows: 1,
      },
      { skuId: "N2 ram", description: "N2 ram", cost: "50000", credits: "0", usageAmount: "1", unit: "h", rows: 1 },
    ]);
    expect(invoice.versions).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { action: "invoice.generate", targetId: invoice.id } })).toBe(1);
    // What was written is what was hashed: the gate recomputes the hash from these rows.
    await expectHashHolds(invoice);
    expect(invoice.versions[0]!.contentHash).toBe(invoice.contentHash);
  });

  it("one draft per billing group when a customer splits its projects", async () => {
    const w = await world({ split: true });
    await addUsage(
      w.projects.map((p) => ({
        projectId: p,
        service: "Cloud Storage",
        sku: "s",
        currency: "JPY",
        cost: "1000",
        credits: "0",
        month: w.month,
      })),
    );
    await generateDrafts({ actor: system, month: w.month, billingGroupIds: [w.main.id, w.other.id] });
    const invoices = await db.invoice.findMany({ where: { customerId: w.customer.id } });
    expect(invoices.map((i) => i.billingGroupId).sort()).toEqual([w.main.id, w.other.id].sort());
  });

  it("regenerating keeps manual lines and edits, records the change, and is idempotent", async () => {
    const w = await world();
    const [web] = w.projects as [string];
    await addUsage([
      {
        projectId: web,
        service: "Compute Engine",
        sku: "core",
        currency: "JPY",
        cost: "100000",
        credits: "0",
        month: w.month,
      },
    ]);
    await generateDrafts({ actor: system, month: w.month, billingGroupIds: [w.main.id] });
    const invoice = await db.invoice.findFirstOrThrow({
      where: { billingGroupId: w.main.id, month: w.month },
      include: { lines: true },
    });
    // Finance's work: a manual line, and an edited fixed fee.
    const fee = invoice.lines.find((l) => l.kind === "FIXED_FEE")!;
    await db.invoiceLine.update({
      where: { id: fee.id },
      data: { edited: true, amountJpy: 45000n, description: "Support (negotiated)", reason: "agreed discount" },
    });
    await db.invoiceLine.create({
      data: {
        invoiceId: invoice.id,
        position: 99,
        kind: "MANUAL",
        manual: true,
        description: "Migration work",
        amountJpy: 80000n,
        reason: "SOW-12",
      },
    });

    await addUsage([
      {
        projectId: web,
        service: "Compute Engine",
        sku: "core",
        currency: "JPY",
        cost: "50000",
        credits: "0",
        month: w.month,
      },
    ]);
    const summary = await generateDrafts({ actor: system, month: w.month, billingGroupIds: [w.main.id] });
    expect(summary).toMatchObject({ created: 0, updated: 1 });
    const after = await db.invoice.findUniqueOrThrow({
      where: { id: invoice.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    expect(after.version).toBe(2);
    // Usage 150,000 x 1.08 = 162,000; ops fee 10% of 150,000 = 15,000 < 30,000 minimum, so a
    // top-up of 15,000 (the one group is the contract's fee group); edited fee 45,000; manual 80,000.
    // (Before the contract-level fee rule the fee and its top-up were one 30,000 line.)
    expect(after.lines.map((l) => [l.kind, l.amountJpy, l.edited, l.manual])).toEqual([
      ["USAGE", 162000n, false, false],
      ["OPS_FEE", 15000n, false, false],
      ["OPS_FEE", 15000n, false, false],
      ["FIXED_FEE", 45000n, true, false],
      ["MANUAL", 80000n, false, true],
    ]);
    expect(after.lines[3]!.computed).toMatchObject({ amountJpy: "50000" });
    expect(after.subtotalJpy).toBe(317000n);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "invoice.regenerate", targetId: invoice.id },
    });
    // Version 1 had usage 108,000, the 10% fee 10,000 and a top-up of 20,000.
    expect(event.metadata).toEqual({
      changes: [
        { line: `USAGE|${web}|COMPUTEENGINE|JPY`, before: "108000", after: "162000" },
        { line: "OPS_FEE|運用代行費 10% / Operations fee 10%", before: "10000", after: "15000" },
        { line: `OPS_FEE|${topUpDescription(30000n)}`, before: "20000", after: "15000" },
      ],
    });

    expect(await generateDrafts({ actor: system, month: w.month, billingGroupIds: [w.main.id] })).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).version).toBe(2);
  });

  it("leaves submitted invoices alone and says why; refuses non-finance actors", async () => {
    const w = await world();
    await addUsage([
      {
        projectId: w.projects[0]!,
        service: "Compute Engine",
        sku: "core",
        currency: "JPY",
        cost: "1000",
        credits: "0",
        month: w.month,
      },
    ]);
    await generateDrafts({ actor: system, month: w.month, billingGroupIds: [w.main.id] });
    await db.invoice.updateMany({ where: { billingGroupId: w.main.id }, data: { status: "SUBMITTED" } });
    await addUsage([
      {
        projectId: w.projects[0]!,
        service: "Compute Engine",
        sku: "core",
        currency: "JPY",
        cost: "1000",
        credits: "0",
        month: w.month,
      },
    ]);
    const summary = await generateDrafts({ actor: system, month: w.month, billingGroupIds: [w.main.id] });
    expect(summary.skipped).toEqual([
      {
        billingGroupId: w.main.id,
        customerCode: w.customer.code,
        code: "not-regenerated",
        params: { status: "SUBMITTED" },
        reason: "the invoice is submitted, so it is not regenerated",
      },
    ]);
    await expect(generateDrafts({ actor: { ...system, roles: ["SUPPORT"] }, month: w.month })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("two generations of the same month at once create each draft once: the later waits and skips", async () => {
    const w = await world({ split: true });
    const [web, lab] = w.projects as [string, string];
    const usage = (projectId: string) => ({
      projectId,
      service: "Compute Engine",
      sku: "core",
      currency: "JPY",
      cost: "1000",
      credits: "0",
      month: w.month,
    });
    await addUsage([usage(web), usage(lab)]);
    const groupIds = [w.main.id, w.other.id];

    // The test holds the month's lock until both generations have priced their drafts and wait
    // for it, so both saw no draft when they read: the lock alone decides who creates them.
    let release = () => {};
    let holderPid = 0;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const locked = new Promise<void>((resolve, reject) => {
      db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`drafts.generate:${w.month}`}))`;
          holderPid = (await tx.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`)[0].pid;
          resolve();
          await held;
        },
        { timeout: 60_000 },
      ).catch(reject);
    });
    await locked;
    let settled = 0;
    const runs = [0, 1].map(() =>
      generateDrafts({ actor: system, month: w.month, billingGroupIds: groupIds }).finally(() => settled++),
    );
    const waiting = async () =>
      (
        await db.$queryRaw<[{ n: bigint }]>`
          SELECT count(*) AS n
          FROM pg_locks w
          JOIN pg_locks h ON h.locktype = w.locktype AND h.classid = w.classid AND h.objid = w.objid
                         AND h.objsubid = w.objsubid AND h.granted AND h.pid = ${holderPid}
          WHERE w.locktype = 'advisory' AND NOT w.granted`
      )[0].n;
    // Waits for the condition; without the lock the generations finish instead, and the count fails below.
    while (settled < 2 && (await waiting()) < 2n) await new Promise((r) => setTimeout(r, 20));
    release();
    const summaries = await Promise.all(runs);

    const drafts = await db.invoice.groupBy({
      by: ["billingGroupId"],
      where: { month: w.month, billingGroupId: { in: groupIds } },
      _count: true,
    });
    expect(drafts.map((d) => d._count)).toEqual([1, 1]);
    expect(summaries.map((s) => s.created).sort()).toEqual([0, 2]);
    const loser = summaries.find((s) => s.created === 0)!;
    expect(loser.skipped.map((s) => s.reason)).toEqual([
      "another generation created its draft meanwhile",
      "another generation created its draft meanwhile",
    ]);
    const events = await db.auditEvent.count({
      where: {
        action: "invoice.generate",
        targetId: { in: (await db.invoice.findMany({ where: { billingGroupId: { in: groupIds } } })).map((i) => i.id) },
      },
    });
    expect(events).toBe(2);
  });

  it("skips a group whose usage needs an FX rate that is not set", async () => {
    const w = await world();
    await addUsage([
      {
        projectId: w.projects[0]!,
        service: "Compute Engine",
        sku: "core",
        currency: "EUR",
        cost: "10",
        credits: "0",
        month: w.month,
      },
    ]);
    const summary = await generateDrafts({ actor: system, month: w.month, billingGroupIds: [w.main.id] });
    expect(summary.skipped[0]!.reason).toMatch(/no FX rate for EUR in 2031-10/);
    expect(summary.skipped[0]).toMatchObject({ code: "no-fx-rate", params: { currency: "EUR", month: "2031-10" } });
  });
});
