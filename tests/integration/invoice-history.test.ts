import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getInvoiceHistory, resolveComparison } from "@/lib/invoices/get-invoice-history";
import { contentHash, snapshotOf, type InvoiceSnapshot } from "@/lib/invoices/snapshot";
import { draftInvoice, person } from "../support/invoices";

/** Writes a new version of the invoice's content (lines replaced), as an edit would. */
async function writeVersion(
  invoiceId: string,
  cause: string,
  createdById: string | null,
  change: (s: InvoiceSnapshot) => InvoiceSnapshot,
) {
  const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
  const next = change(snapshotOf(invoice));
  const hash = contentHash(next);
  const version = invoice.version + 1;
  await db.invoiceLine.deleteMany({ where: { invoiceId } });
  await db.invoiceLine.createMany({
    data: next.lines.map((l) => ({
      ...l,
      invoiceId,
      kind: l.kind as "MANUAL",
      taxRate: l.taxRate as "STANDARD_10",
      amountJpy: BigInt(l.amountJpy),
    })),
  });
  await db.invoice.update({
    where: { id: invoiceId },
    data: {
      version,
      contentHash: hash,
      subtotalJpy: BigInt(next.subtotalJpy),
      taxJpy: BigInt(next.taxJpy),
      totalJpy: BigInt(next.totalJpy),
      taxBreakdown: next.taxBreakdown as never,
      notesPrinted: next.notesPrinted,
    },
  });
  await db.invoiceVersion.create({
    data: { invoiceId, version, cause, contentHash: hash, snapshot: next as never, createdById },
  });
  return version;
}

const withAmount =
  (amount: bigint) =>
  (s: InvoiceSnapshot): InvoiceSnapshot => {
    const tax = amount / 10n;
    return {
      ...s,
      lines: s.lines.map((l) => ({ ...l, amountJpy: amount.toString(), unitPriceJpy: amount.toString() })),
      subtotalJpy: amount.toString(),
      taxJpy: tax.toString(),
      totalJpy: (amount + tax).toString(),
      taxBreakdown: [{ taxRate: "STANDARD_10", baseJpy: amount.toString(), taxJpy: tax.toString() }],
    };
  };

describe("invoice history", () => {
  it("lists versions newest first and finds the computed draft, last approval (even voided), last month", async () => {
    const [finance, manager, support] = [await person("FINANCE"), await person("MANAGER"), await person("SUPPORT")];
    const invoice = await draftInvoice(100_000n, "2031-05");
    // v1 was stored as {} by the helper: history falls back to the rows only for the current version.
    await db.invoiceVersion.update({
      where: { invoiceId_version: { invoiceId: invoice.id, version: 1 } },
      data: {
        snapshot: snapshotOf(
          await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { lines: true } }),
        ) as never,
      },
    });
    await writeVersion(invoice.id, "regenerated", null, withAmount(120_000n));
    await writeVersion(invoice.id, "edited", finance.id, withAmount(150_000n));
    await db.approval.create({
      data: {
        invoiceId: invoice.id,
        version: 3,
        contentHash: "h",
        approverId: manager.id,
        decision: "APPROVED",
        voidedAt: new Date(),
        voidReason: "edited",
      },
    });
    await db.approval.create({
      data: {
        invoiceId: invoice.id,
        version: 3,
        contentHash: "h",
        approverId: manager.id,
        decision: "REJECTED",
        reason: "not this",
      },
    });
    await writeVersion(invoice.id, "edited", finance.id, (s) => ({
      ...withAmount(160_000n)(s),
      notesPrinted: "9月分",
    }));

    // Last month's invoice of the same billing group.
    const previous = await db.invoice.create({
      data: {
        month: "2031-04",
        customerId: invoice.customerId,
        billingGroupId: invoice.billingGroupId,
        recipientName: invoice.recipientName,
        recipientDept: invoice.recipientDept,
        dueDate: invoice.dueDate,
        contentHash: "prev",
        status: "RELEASED",
        number: `INV-T-${invoice.id.slice(0, 8)}`,
        subtotalJpy: 90_000n,
        taxJpy: 9_000n,
        totalJpy: 99_000n,
        taxBreakdown: [{ taxRate: "STANDARD_10", baseJpy: "90000", taxJpy: "9000" }],
        lines: {
          create: {
            position: 1,
            kind: "MANUAL",
            manual: true,
            description: "クラウド運用サービス",
            amountJpy: 90_000n,
            unitPriceJpy: "90000",
            unit: "式",
          },
        },
      },
    });
    // A voided invoice of last month is not the comparison.
    await db.invoice.create({
      data: {
        month: "2031-04",
        customerId: invoice.customerId,
        billingGroupId: invoice.billingGroupId,
        recipientName: "x",
        contentHash: "void",
        status: "VOIDED",
      },
    });

    const history = await getInvoiceHistory({ actor: support, invoiceId: invoice.id });
    expect(history.versions.map((v) => [v.version, v.cause, v.current])).toEqual([
      [4, "edited", true],
      [3, "edited", false],
      [2, "regenerated", false],
      [1, "generated", false],
    ]);
    expect(history.versions[1]).toMatchObject({
      by: finance.name,
      totalJpy: "165000",
      approvals: [{ by: manager.name, voided: true }],
      rejections: [{ by: manager.name, reason: "not this" }],
    });
    expect(history.bases.computed?.label).toEqual({ kind: "version", version: 2, cause: "regenerated" });
    expect(history.bases.approved?.label).toEqual({ kind: "version", version: 3, cause: "edited" });
    expect(history.bases.lastMonth?.label).toMatchObject({ kind: "lastMonth", month: "2031-04", version: 1 });
    expect(history.lastMonthInvoiceId).toBe(previous.id);

    const computed = resolveComparison(history, {});
    expect(computed).toMatchObject({ ok: true, mode: "computed" });
    if (!computed.ok) throw new Error("expected a comparison");
    expect(computed.diff.totals.find((x) => x.field === "subtotalJpy")).toEqual({
      field: "subtotalJpy",
      before: "120000",
      after: "160000",
      deltaJpy: "40000",
    });
    expect(computed.diff.header).toEqual([{ field: "notesPrinted", before: null, after: "9月分" }]);

    const approved = resolveComparison(history, { compare: "approved" });
    expect(approved.ok && approved.diff.lines[0]!.deltaJpy).toBe("10000");
    const lastMonth = resolveComparison(history, { compare: "lastMonth" });
    expect(lastMonth.ok && lastMonth.diff.header.map((h) => h.field)).toEqual(["month", "notesPrinted"]);
    expect(lastMonth.ok && lastMonth.diff.lines[0]!.deltaJpy).toBe("70000");
    const twoVersions = resolveComparison(history, { a: "1", b: "2" });
    expect(twoVersions.ok && twoVersions.diff.totals[2]!.deltaJpy).toBe("22000");
    expect(resolveComparison(history, { a: "9" })).toMatchObject({ ok: false, problem: "no-version" });
  });

  // An old version stored without its content cannot be compared.
  it("says what is missing: no approval yet, no last month, or an old version stored without content", async () => {
    const finance = await person("FINANCE");
    const invoice = await draftInvoice(100_000n, "2031-07");
    await writeVersion(invoice.id, "edited", finance.id, withAmount(110_000n));
    const history = await getInvoiceHistory({ actor: finance, invoiceId: invoice.id });
    expect(history.bases.approved).toBeNull();
    expect(history.bases.lastMonth).toBeNull();
    expect(resolveComparison(history, { compare: "approved" })).toMatchObject({
      ok: false,
      mode: "approved",
      problem: "no-base",
    });
    // v1 holds {} (old rows): the current version is still readable, v1 is not.
    expect(resolveComparison(history, {})).toMatchObject({ ok: false, problem: "no-snapshot" });
  });

  it("is read with invoice.view only, and an unknown id is not found", async () => {
    const nobody = { ...(await person("FINANCE")), roles: [] };
    const invoice = await draftInvoice();
    await expect(getInvoiceHistory({ actor: nobody, invoiceId: invoice.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      getInvoiceHistory({ actor: await person("MANAGER"), invoiceId: "00000000-0000-0000-0000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getInvoiceHistory({ actor: await person("MANAGER"), invoiceId: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
