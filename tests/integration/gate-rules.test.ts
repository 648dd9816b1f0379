import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { assertReleasable } from "@/lib/gate/assert-releasable";
import { rejectInvoice } from "@/lib/gate/reject-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { contentHash, snapshotOf } from "@/lib/invoices/snapshot";
import type { Role } from "@/lib/generated/prisma/enums";
import { actorOf, createUser, uniqueSuffix } from "../support/db";

async function person(...roles: Role[]) {
  return actorOf(await createUser(roles));
}

/** A draft with one line of `amount` yen (tax omitted: the gate does not care how it was priced). */
async function draft(amount: bigint) {
  const s = uniqueSuffix();
  const customer = await db.customer.create({
    data: {
      code: `G${s}`,
      name: `ゲート${s}`,
      nameKana: "ゲート",
      billingGroups: { create: { name: "Default", isDefault: true, recipientName: "x" } },
    },
    include: { billingGroups: true },
  });
  const base = {
    kind: "INVOICE" as const,
    month: "2032-01",
    customerId: customer.id,
    billingGroupId: customer.billingGroups[0]!.id,
    correctsInvoiceId: null,
    recipientName: "x",
    recipientDept: null,
    recipientAddress: null,
    dueDate: null,
    notesPrinted: null,
    notesInternal: null,
    currency: "JPY",
    fxRates: [],
    taxRounding: "FLOOR",
    subtotalJpy: amount,
    taxJpy: 0n,
    totalJpy: amount,
    taxBreakdown: [],
  };
  const line = {
    position: 1,
    kind: "MANUAL",
    manual: true,
    edited: false,
    projectId: null,
    serviceId: null,
    serviceDescription: null,
    description: "work",
    quantity: "1",
    unit: null,
    unitPriceJpy: null,
    amountJpy: amount,
    taxRate: "STANDARD_10",
    reason: null,
    sourceCost: null,
    sourceCurrency: null,
    fxRate: null,
  };
  const hash = contentHash(snapshotOf({ ...base, lines: [line] }));
  return db.invoice.create({
    data: {
      ...base,
      taxRounding: "FLOOR",
      contentHash: hash,
      lines: { create: { ...line, kind: "MANUAL", taxRate: "STANDARD_10" } },
      versions: { create: { version: 1, cause: "generated", contentHash: hash, snapshot: {} } },
    },
  });
}

const refusals = (invoiceId: string, action: string) =>
  db.auditEvent.findMany({ where: { targetId: invoiceId, action, outcome: "REFUSED" } });

describe("the two-person gate", () => {
  it("finance submits, a second person approves, and the release check passes", async () => {
    const [finance, manager] = [await person("FINANCE"), await person("MANAGER")];
    const invoice = await draft(100_000n);
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    expect(await approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1 })).toMatchObject({
      status: "APPROVED",
      approvers: 1,
      required: 1,
    });
    await db.$transaction(async (tx) => expect((await assertReleasable(tx, invoice.id)).id).toBe(invoice.id));
  });

  it("the person who submitted cannot approve, even holding the manager role; the refusal is audited", async () => {
    const dual = await person("FINANCE", "MANAGER");
    const invoice = await draft(100_000n);
    await submitInvoice({ actor: dual, invoiceId: invoice.id, expectedVersion: 1 });
    await expect(approveInvoice({ actor: dual, invoiceId: invoice.id, expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      rule: "own-submission",
    });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("SUBMITTED");
    expect((await refusals(invoice.id, "invoice.approve"))[0]).toMatchObject({
      actorId: dual.id,
      reason: expect.stringMatching(/^own-submission/),
    });
  });

  it("someone who edited any version cannot approve", async () => {
    const [finance, editor] = [await person("FINANCE"), await person("MANAGER", "FINANCE")];
    const invoice = await draft(100_000n);
    await db.invoiceVersion.create({
      data: {
        invoiceId: invoice.id,
        version: 99,
        cause: "edited",
        contentHash: "x",
        snapshot: {},
        createdById: editor.id,
      },
    });
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    await expect(approveInvoice({ actor: editor, invoiceId: invoice.id, expectedVersion: 1 })).rejects.toMatchObject({
      rule: "own-edit",
    });
  });

  it("only finance submits; only managers approve; admin is not an approver", async () => {
    const [support, finance, admin] = [await person("SUPPORT"), await person("FINANCE"), await person("ADMIN")];
    const invoice = await draft(1_000n);
    await expect(submitInvoice({ actor: support, invoiceId: invoice.id, expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    await expect(approveInvoice({ actor: admin, invoiceId: invoice.id, expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      rule: "role",
    });
  });

  it("a large invoice waits for a second, distinct approver", async () => {
    const [finance, m1, m2] = [await person("FINANCE"), await person("MANAGER"), await person("MANAGER")];
    const invoice = await draft(5_000_000n);
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    expect(await approveInvoice({ actor: m1, invoiceId: invoice.id, expectedVersion: 1 })).toMatchObject({
      status: "SUBMITTED",
      approvers: 1,
      required: 2,
    });
    await expect(approveInvoice({ actor: m1, invoiceId: invoice.id, expectedVersion: 1 })).rejects.toMatchObject({
      rule: "same-approver",
    });
    await expect(db.$transaction((tx) => assertReleasable(tx, invoice.id))).rejects.toMatchObject({
      rule: "not-approved",
    });
    expect(await approveInvoice({ actor: m2, invoiceId: invoice.id, expectedVersion: 1 })).toMatchObject({
      status: "APPROVED",
      approvers: 2,
    });
  });

  it("approval of a version the manager did not see, or of content changed behind the gate, is refused", async () => {
    const [finance, manager] = [await person("FINANCE"), await person("MANAGER")];
    const invoice = await draft(10_000n);
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    await expect(approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 2 })).rejects.toMatchObject({
      code: "CONFLICT",
      rule: "stale-version",
    });
    await db.invoiceLine.updateMany({ where: { invoiceId: invoice.id }, data: { amountJpy: 99_999n } });
    await expect(approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1 })).rejects.toMatchObject({
      rule: "content-mismatch",
    });
  });

  it("content changed after approval cannot be released", async () => {
    const [finance, manager] = [await person("FINANCE"), await person("MANAGER")];
    const invoice = await draft(10_000n);
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    await approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1 });
    await db.invoiceLine.updateMany({ where: { invoiceId: invoice.id }, data: { description: "changed later" } });
    await expect(db.$transaction((tx) => assertReleasable(tx, invoice.id))).rejects.toMatchObject({
      rule: "content-mismatch",
    });
  });

  it("a rejection needs a reason, sends the invoice back to draft and voids approvals", async () => {
    const [finance, m1, m2] = [await person("FINANCE"), await person("MANAGER"), await person("MANAGER")];
    const invoice = await draft(6_000_000n);
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    await approveInvoice({ actor: m1, invoiceId: invoice.id, expectedVersion: 1 });
    await expect(
      rejectInvoice({ actor: m2, invoiceId: invoice.id, expectedVersion: 1, reason: "  " }),
    ).rejects.toMatchObject({ rule: "reason-required" });
    await rejectInvoice({
      actor: m2,
      invoiceId: invoice.id,
      expectedVersion: 1,
      reason: "BigQuery line looks doubled",
    });
    const after = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { approvals: true } });
    expect(after).toMatchObject({ status: "DRAFT", rejectionReason: "BigQuery line looks doubled" });
    expect(after.approvals.filter((a) => a.decision === "APPROVED" && a.voidedAt === null)).toHaveLength(0);
  });

  it("race, 100 times: two approvals against a release never release without both approvals", async () => {
    const [finance, m1, m2] = [await person("FINANCE"), await person("MANAGER"), await person("MANAGER")];
    let released = 0;
    for (let i = 0; i < 100; i++) {
      const invoice = await draft(7_000_000n);
      await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
      const release = db
        .$transaction(async (tx) => {
          await assertReleasable(tx, invoice.id);
          await tx.invoice.update({ where: { id: invoice.id }, data: { status: "RELEASED" } });
        })
        .then(
          () => true,
          () => false,
        );
      const [ok] = await Promise.all([
        release,
        approveInvoice({ actor: m1, invoiceId: invoice.id, expectedVersion: 1 }).catch(() => null),
        approveInvoice({ actor: m2, invoiceId: invoice.id, expectedVersion: 1 }).catch(() => null),
      ]);
      const final = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { approvals: true } });
      const valid = new Set(
        final.approvals
          .filter(
            (a) =>
              a.decision === "APPROVED" &&
              !a.voidedAt &&
              a.version === final.version &&
              a.contentHash === final.contentHash,
          )
          .map((a) => a.approverId),
      );
      if (final.status === "RELEASED") {
        released++;
        expect(ok).toBe(true);
        expect(valid.size).toBe(2);
      } else {
        expect(final.status).toBe("APPROVED");
        expect(valid.size).toBe(2);
      }
    }
    // Both outcomes are legal (the release may run before or after the approvals); the
    // invariant above is what is checked, every time.
    console.log(`gate race: the release won ${released} of 100 times`);
  });
});
