import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { createCorrection } from "@/lib/release/create-correction";
import { editInvoice } from "@/lib/invoices/edit-invoice";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { ISSUER_FOR_TESTS, approvedInvoice, draftInvoice, person, applyReleaseSettings } from "../support/invoices";
import { uniqueSuffix } from "../support/db";

const uniquePrefix = () =>
  `T${uniqueSuffix()
    .replace(/[^0-9a-f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")}`.slice(0, 8);

describe("release", () => {
  beforeEach(() => applyReleaseSettings());

  it("numbers, freezes and queues one delivery per service in one transaction, audited", async () => {
    const { invoice, finance } = await approvedInvoice(250_000n, undefined, "2032-02-29");
    const released = await releaseInvoice({
      actor: finance,
      invoiceId: invoice.id,
      now: new Date("2032-02-03T01:00:00Z"),
    });
    expect(released.number).toMatch(/^INV-2031-\d{6}$/);
    const row = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { deliveries: true } });
    expect(row).toMatchObject({
      status: "RELEASED",
      number: released.number,
      releasedById: finance.id,
      issuer: { name: "株式会社テスト発行", registrationNumber: ISSUER_FOR_TESTS.registrationNumber },
    });
    expect(row.issueDate?.toISOString().slice(0, 10)).toBe("2032-02-03");
    expect(row.deliveries.map((d) => [d.service, d.status, d.idempotencyKey]).sort()).toEqual([
      ["CRM", "PENDING", `release-${invoice.id}-crm`],
      ["DOCUMENTS", "PENDING", `release-${invoice.id}-documents`],
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: invoice.id, action: "invoice.release" } });
    expect(audit).toMatchObject({
      actorId: finance.id,
      outcome: "SUCCESS",
      after: expect.objectContaining({ number: released.number, status: "RELEASED" }),
    });
  });

  // Each refusal is audited, and nothing is written.
  it("is refused for anyone but finance, before approval, after a change behind the gate, and twice", async () => {
    const { invoice, finance, manager } = await approvedInvoice();
    await expect(releaseInvoice({ actor: manager, invoiceId: invoice.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      rule: "role",
    });

    const submitted = await draftInvoice();
    await submitInvoice({ actor: finance, invoiceId: submitted.id, expectedVersion: 1 });
    await expect(releaseInvoice({ actor: finance, invoiceId: submitted.id })).rejects.toMatchObject({
      rule: "not-approved",
    });

    const tampered = await approvedInvoice();
    await db.invoiceLine.updateMany({
      where: { invoiceId: tampered.invoice.id },
      data: { description: "changed behind the gate" },
    });
    await expect(releaseInvoice({ actor: finance, invoiceId: tampered.invoice.id })).rejects.toMatchObject({
      rule: "content-mismatch",
    });

    await releaseInvoice({ actor: finance, invoiceId: invoice.id });
    await expect(releaseInvoice({ actor: finance, invoiceId: invoice.id })).rejects.toMatchObject({
      rule: "not-approved",
    });

    for (const id of [submitted.id, tampered.invoice.id]) {
      expect(await db.invoice.findUniqueOrThrow({ where: { id } })).toMatchObject({
        number: null,
        status: expect.not.stringMatching("RELEASED"),
      });
      expect(await db.delivery.count({ where: { invoiceId: id } })).toBe(0);
    }
    const refused = await db.auditEvent.findMany({
      where: {
        targetId: { in: [invoice.id, submitted.id, tampered.invoice.id] },
        action: "invoice.release",
        outcome: "REFUSED",
      },
    });
    expect(refused.map((e) => e.reason?.split(":")[0]).sort()).toEqual([
      "content-mismatch",
      "not-approved",
      "not-approved",
      "role",
    ]);
  });

  it("numbers are gap-free per prefix and fiscal year under concurrent releases; refusals take no number", async () => {
    const prefix = uniquePrefix();
    await applyReleaseSettings({ prefix });
    const people = { finance: await person("FINANCE"), manager: await person("MANAGER") };
    const approved = await Promise.all(
      Array.from({ length: 12 }, () => approvedInvoice(10_000n, people, "2032-06-30")),
    );
    const notApproved = await draftInvoice();
    const now = new Date("2032-06-01T03:00:00Z");
    const results = await Promise.allSettled([
      ...approved.map(({ invoice }) => releaseInvoice({ actor: people.finance, invoiceId: invoice.id, now })),
      releaseInvoice({ actor: people.finance, invoiceId: notApproved.id, now }),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    const numbers = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.number] : [])).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `${prefix}-2032-${String(i + 1).padStart(6, "0")}`));
  });

  it("fiscal years follow the setting: March 31 and April 1 in Japan are different years, each from 1", async () => {
    const prefix = uniquePrefix();
    await applyReleaseSettings({ prefix, fiscalYearStartMonth: 4 });
    // No due date: these release dates are far from the fixture's month.
    const a = await approvedInvoice(undefined, undefined, null);
    const b = await approvedInvoice(undefined, undefined, null);
    const march = await releaseInvoice({
      actor: a.finance,
      invoiceId: a.invoice.id,
      now: new Date("2033-03-31T14:00:00Z"),
    });
    // 15:00 UTC on March 31 is already April 1 in Tokyo.
    const april = await releaseInvoice({
      actor: b.finance,
      invoiceId: b.invoice.id,
      now: new Date("2033-03-31T15:00:00Z"),
    });
    expect([march.number, april.number]).toEqual([`${prefix}-2032-000001`, `${prefix}-2033-000001`]);
  });

  it("refuses a due date before the issue date (today in Japan), naming both dates; the same day is fine", async () => {
    const { invoice, finance } = await approvedInvoice(100_000n, undefined, "2032-11-30");
    // 2032-12-02 16:00 UTC is already December 3 in Tokyo.
    const now = new Date("2032-12-02T16:00:00Z");
    await expect(releaseInvoice({ actor: finance, invoiceId: invoice.id, now })).rejects.toMatchObject({
      code: "INVALID_STATE",
      rule: "due-before-issue",
      details: { params: { dueDate: "2032-11-30", issueDate: "2032-12-03" } },
    });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({
      status: "APPROVED",
      number: null,
    });
    const refusal = await db.auditEvent.findFirstOrThrow({
      where: { targetId: invoice.id, action: "invoice.release", outcome: "REFUSED" },
    });
    expect(refusal.reason).toMatch(/^due-before-issue: .*2032-11-30.*2032-12-03/);

    const onTheDay = await approvedInvoice(100_000n, undefined, "2032-12-03");
    const released = await releaseInvoice({ actor: onTheDay.finance, invoiceId: onTheDay.invoice.id, now });
    expect(released.issueDate).toBe("2032-12-03");
  });

  it("without a complete issuer setting nothing is released", async () => {
    await applyReleaseSettings({ issuer: { name: "半端な設定" } });
    const { invoice, finance } = await approvedInvoice();
    await expect(releaseInvoice({ actor: finance, invoiceId: invoice.id })).rejects.toMatchObject({
      rule: "settings",
      message: expect.stringMatching(/issuer/),
    });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({
      status: "APPROVED",
      number: null,
    });
  });
});

describe("corrections after release", () => {
  beforeEach(() => applyReleaseSettings());

  it("a void passes the gate, gets its own number, voids the original and is delivered like an invoice", async () => {
    const { invoice, finance, manager } = await approvedInvoice(300_000n);
    const original = await releaseInvoice({ actor: finance, invoiceId: invoice.id });
    await expect(
      createCorrection({ actor: finance, invoiceId: invoice.id, kind: "VOID", reason: "x" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      createCorrection({ actor: manager, invoiceId: invoice.id, kind: "VOID", reason: "wrong customer" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const voiding = await createCorrection({
      actor: finance,
      invoiceId: invoice.id,
      kind: "VOID",
      reason: "wrong customer",
    });
    await expect(
      createCorrection({ actor: finance, invoiceId: invoice.id, kind: "VOID", reason: "wrong customer again" }),
    ).rejects.toMatchObject({ rule: "void-exists" });
    const draft = await db.invoice.findUniqueOrThrow({ where: { id: voiding.id }, include: { lines: true } });
    expect(draft).toMatchObject({
      kind: "VOID",
      status: "DRAFT",
      correctsInvoiceId: invoice.id,
      totalJpy: -330_000n,
      subtotalJpy: -300_000n,
      taxJpy: -30_000n,
    });
    expect(draft.lines.map((l) => l.amountJpy)).toEqual([-300_000n]);

    // The same gate: the void cannot be released before a second person approves it.
    await expect(releaseInvoice({ actor: finance, invoiceId: voiding.id })).rejects.toMatchObject({
      rule: "not-approved",
    });
    await submitInvoice({ actor: finance, invoiceId: voiding.id, expectedVersion: 1 });
    await expect(approveInvoice({ actor: finance, invoiceId: voiding.id, expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await approveInvoice({ actor: manager, invoiceId: voiding.id, expectedVersion: 1 });
    const released = await releaseInvoice({ actor: finance, invoiceId: voiding.id });

    expect(released.number).not.toBe(original.number);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ status: "VOIDED" });
    expect(await db.delivery.count({ where: { invoiceId: voiding.id, status: "PENDING" } })).toBe(2);
    expect(await db.auditEvent.count({ where: { targetId: invoice.id, action: "invoice.voided" } })).toBe(1);
  });

  it("a credit note corrects a released invoice; drafts and corrections themselves cannot be corrected", async () => {
    const { invoice, finance } = await approvedInvoice(50_000n);
    await expect(
      createCorrection({ actor: finance, invoiceId: invoice.id, kind: "CREDIT_NOTE", reason: "not released yet" }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await releaseInvoice({ actor: finance, invoiceId: invoice.id });
    const credit = await createCorrection({
      actor: finance,
      invoiceId: invoice.id,
      kind: "CREDIT_NOTE",
      reason: "service credit for the outage",
    });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: credit.id } })).toMatchObject({
      kind: "CREDIT_NOTE",
      totalJpy: -55_000n,
      status: "DRAFT",
    });
    await expect(
      createCorrection({ actor: finance, invoiceId: credit.id, kind: "VOID", reason: "void the credit note" }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("credit notes together never credit more than the original invoice", async () => {
    const { invoice, finance, manager } = await approvedInvoice(50_000n);
    await releaseInvoice({ actor: finance, invoiceId: invoice.id });
    const first = await createCorrection({
      actor: finance,
      invoiceId: invoice.id,
      kind: "CREDIT_NOTE",
      reason: "outage credit",
    });
    // Editing it to credit more than the original's 55,000 yen is refused, with what is left.
    await expect(
      editInvoice({
        actor: finance,
        invoiceId: first.id,
        expectedVersion: 1,
        changes: {
          added: [
            { kind: "CREDIT", description: "extra", amountJpy: "-1", taxRate: "STANDARD_10", reason: "goodwill" },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("55,000") });
    // Reduced to 20,000 + tax, it goes through the gate.
    const lines = await db.invoiceLine.findMany({ where: { invoiceId: first.id } });
    await editInvoice({
      actor: finance,
      invoiceId: first.id,
      expectedVersion: 1,
      changes: { lines: { [lines[0]!.id]: { unitPriceJpy: "-20000", amountJpy: "-20000" } } },
    });
    await submitInvoice({ actor: finance, invoiceId: first.id, expectedVersion: 2 });
    await approveInvoice({ actor: manager, invoiceId: first.id, expectedVersion: 2 });
    await releaseInvoice({ actor: finance, invoiceId: first.id });

    // A second credit note starts as the whole invoice: 55,000 does not fit in the 33,000 left.
    const second = await createCorrection({
      actor: finance,
      invoiceId: invoice.id,
      kind: "CREDIT_NOTE",
      reason: "second credit",
    });
    await submitInvoice({ actor: finance, invoiceId: second.id, expectedVersion: 1 });
    await approveInvoice({ actor: manager, invoiceId: second.id, expectedVersion: 1 });
    await expect(releaseInvoice({ actor: finance, invoiceId: second.id })).rejects.toMatchObject({
      rule: "credit-exceeds-original",
    });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: "APPROVED",
      number: null,
    });
  });
});
