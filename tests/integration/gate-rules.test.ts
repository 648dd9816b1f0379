import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import fs from "node:fs";
import path from "node:path";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { getApprovalQueue } from "@/lib/gate/approval-queue";
import { assertReleasable } from "@/lib/gate/assert-releasable";
import { bulkApprove } from "@/lib/gate/bulk-approve";
import { listApprovalQueue } from "@/lib/gate/gate-status";
import { recordInvoiceView } from "@/lib/gate/record-invoice-view";
import { rejectInvoice } from "@/lib/gate/reject-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { editInvoice } from "@/lib/invoices/edit-invoice";
import { contentHash, snapshotOf } from "@/lib/invoices/snapshot";
import { createCorrection } from "@/lib/release/create-correction";
import { listReadyToRelease } from "@/lib/release/list-ready-to-release";
import { releaseInvoice } from "@/lib/release/release-invoice";
import type { Role } from "@/lib/generated/prisma/enums";
import { actorOf, createUser, uniqueSuffix } from "../support/db";
import { applyReleaseSettings } from "../support/invoices";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A hundred rounds of the real commands take minutes on a busy machine
// (the 60 s default ran out at a load average of 20 on 2 cores).
const RACE_TIMEOUT_MS = 300_000;

async function person(...roles: Role[]) {
  return actorOf(await createUser(roles));
}

/** A draft with one line of `amount` yen (tax omitted: the gate does not care how it was priced). */
async function draft(amount: bigint, month = "2032-01") {
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
    month,
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
    const line = (await db.invoiceLine.findFirstOrThrow({ where: { invoiceId: invoice.id } })).id;
    await editInvoice({
      actor: editor,
      invoiceId: invoice.id,
      expectedVersion: 1,
      changes: { lines: { [line]: { description: "work (checked)" } } },
    });
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 2 });
    await expect(approveInvoice({ actor: editor, invoiceId: invoice.id, expectedVersion: 2 })).rejects.toMatchObject({
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

  it("race, 100 times: two approvals against the real release; released only with both; both orders", {
    timeout: RACE_TIMEOUT_MS,
  }, async () => {
    await applyReleaseSettings();
    const [finance, m1, m2] = [await person("FINANCE"), await person("MANAGER"), await person("MANAGER")];
    const orders = { releasedAfterApprovals: 0, refusedBeforeApprovals: 0 };
    for (let i = 0; i < 100; i++) {
      const invoice = await draft(7_000_000n);
      await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
      // In odd runs the approvals start up to 12 ms later, in even runs the release up to 16 ms
      // later (and now and then neither), so over the 100 runs the release lands before, between
      // and after the approvals on a quiet machine as on a busy one; the commands still overlap.
      const [releaseDelay, approvalDelay] = i % 2 === 0 ? [i % 17, 0] : [0, i % 13];
      const [release, first, second] = await Promise.allSettled([
        delay(releaseDelay).then(() => releaseInvoice({ actor: finance, invoiceId: invoice.id })),
        delay(approvalDelay).then(() => approveInvoice({ actor: m1, invoiceId: invoice.id, expectedVersion: 1 })),
        delay(approvalDelay).then(() => approveInvoice({ actor: m2, invoiceId: invoice.id, expectedVersion: 1 })),
      ]);
      // Approvals never lose: a release cannot happen until both are in.
      expect([first.status, second.status]).toEqual(["fulfilled", "fulfilled"]);
      const final = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { approvals: true } });
      const valid = new Set(
        final.approvals
          .filter(
            (a) => a.decision === "APPROVED" && !a.voidedAt && a.version === 1 && a.contentHash === final.contentHash,
          )
          .map((a) => a.approverId),
      );
      expect(valid).toEqual(new Set([m1.id, m2.id]));
      if (release.status === "fulfilled") {
        orders.releasedAfterApprovals++;
        expect(final).toMatchObject({ status: "RELEASED", number: release.value.number });
        const [event] = await db.auditEvent.findMany({
          where: { targetId: invoice.id, action: "invoice.release", outcome: "SUCCESS" },
        });
        expect(new Set((event!.after as { approvers: string[] }).approvers)).toEqual(new Set([m1.id, m2.id]));
      } else {
        // The only way to lose: the release came before the second approval.
        orders.refusedBeforeApprovals++;
        expect(release.reason).toMatchObject({ code: "INVALID_STATE", rule: "not-approved" });
        expect(final).toMatchObject({ status: "APPROVED", number: null });
        expect(await refusals(invoice.id, "invoice.release")).toHaveLength(1);
      }
    }
    console.log(`approvals vs release: ${JSON.stringify(orders)}`);
    // Both orders happened, so the race did race.
    expect(orders.releasedAfterApprovals).toBeGreaterThan(0);
    expect(orders.refusedBeforeApprovals).toBeGreaterThan(0);
  });
});

describe("separation of duties over the invoice's whole history", () => {
  it("reject and resubmit: who submitted in a rejected round still cannot approve, and never counts", async () => {
    await applyReleaseSettings();
    const [dual, manager, finance2, manager2] = [
      await person("FINANCE", "MANAGER"),
      await person("MANAGER"),
      await person("FINANCE"),
      await person("MANAGER"),
    ];
    const invoice = await draft(100_000n, "2033-07");
    await submitInvoice({ actor: dual, invoiceId: invoice.id, expectedVersion: 1 });
    await rejectInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1, reason: "check the amount" });
    // Resubmitted unchanged by someone else: same version, and submittedById now names finance2.
    await submitInvoice({ actor: finance2, invoiceId: invoice.id, expectedVersion: 1 });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({
      version: 1,
      submittedById: finance2.id,
    });

    await expect(approveInvoice({ actor: dual, invoiceId: invoice.id, expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      rule: "own-submission",
    });
    await expect(
      rejectInvoice({ actor: dual, invoiceId: invoice.id, expectedVersion: 1, reason: "no" }),
    ).rejects.toMatchObject({ rule: "own-submission" });
    await recordInvoiceView({ actor: dual, invoiceId: invoice.id, version: 1 });
    expect(await bulkApprove({ actor: dual, items: [{ invoiceId: invoice.id, expectedVersion: 1 }] })).toEqual([
      expect.objectContaining({ ok: false, rule: "own-submission" }),
    ]);
    expect((await listApprovalQueue(dual)).map((r) => r.id)).not.toContain(invoice.id);
    expect((await listApprovalQueue(manager2)).map((r) => r.id)).toContain(invoice.id);
    expect((await refusals(invoice.id, "invoice.approve")).map((e) => [e.actorId, e.reason?.split(":")[0]])).toEqual([
      [dual.id, "own-submission"],
      [dual.id, "own-submission"],
    ]);
    expect(await db.approval.count({ where: { invoiceId: invoice.id, decision: "APPROVED" } })).toBe(0);

    // An approval row by dual that got in some other way (here: written directly) is never counted:
    // the approval of manager2 then completes it, and the release names manager2 only.
    await db.approval.create({
      data: {
        invoiceId: invoice.id,
        version: 1,
        contentHash: invoice.contentHash,
        approverId: dual.id,
        decision: "APPROVED",
      },
    });
    await db.invoice.update({ where: { id: invoice.id }, data: { status: "APPROVED" } });
    await expect(releaseInvoice({ actor: finance2, invoiceId: invoice.id })).rejects.toMatchObject({
      rule: "approvals-incomplete",
    });
    await db.invoice.update({ where: { id: invoice.id }, data: { status: "SUBMITTED" } });
    // The managers' queue counts no approval yet, either.
    expect((await getApprovalQueue(manager2)).find((r) => r.id === invoice.id)).toMatchObject({
      approvers: 0,
      required: 1,
    });
    expect(await approveInvoice({ actor: manager2, invoiceId: invoice.id, expectedVersion: 1 })).toMatchObject({
      status: "APPROVED",
      approvers: 1,
    });
    // Finance's ready-to-release list names manager2 as the one approver.
    const ready = await listReadyToRelease({ month: "2033-07" });
    expect(ready.rows.find((r) => r.id === invoice.id)?.approvers).toEqual([manager2.name]);
    await releaseInvoice({ actor: finance2, invoiceId: invoice.id });
    const [released] = await db.auditEvent.findMany({
      where: { targetId: invoice.id, action: "invoice.release", outcome: "SUCCESS" },
    });
    expect(released!.after).toMatchObject({ approvers: [manager2.id] });
  });

  it("an edit in a rejected round, or a line added and removed, disqualifies for every later round", async () => {
    const [dual, finance, manager, manager2] = [
      await person("FINANCE", "MANAGER"),
      await person("FINANCE"),
      await person("MANAGER"),
      await person("MANAGER"),
    ];
    const invoice = await draft(100_000n);
    const added = await editInvoice({
      actor: dual,
      invoiceId: invoice.id,
      expectedVersion: 1,
      changes: {
        added: [{ kind: "MANUAL", description: "extra", amountJpy: "1000", taxRate: "STANDARD_10", reason: "test" }],
      },
    });
    const extra = (await db.invoiceLine.findFirstOrThrow({ where: { invoiceId: invoice.id, description: "extra" } }))
      .id;
    // The line dual added is removed again: no line on the invoice names dual any more.
    await editInvoice({
      actor: dual,
      invoiceId: invoice.id,
      expectedVersion: added.version,
      changes: { removed: [extra] },
    });
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 3 });
    await rejectInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 3, reason: "again" });
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 3 });
    expect(await db.invoiceLine.count({ where: { invoiceId: invoice.id, editedById: dual.id } })).toBe(0);
    await expect(approveInvoice({ actor: dual, invoiceId: invoice.id, expectedVersion: 3 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      rule: "own-edit",
    });
    expect(await approveInvoice({ actor: manager2, invoiceId: invoice.id, expectedVersion: 3 })).toMatchObject({
      status: "APPROVED",
    });
    expect(
      (await db.invoiceParticipant.findMany({ where: { invoiceId: invoice.id }, orderBy: { at: "asc" } })).map((p) => [
        p.userId,
        p.act,
        p.version,
      ]),
    ).toEqual([
      [dual.id, "EDITED", 2],
      [dual.id, "EDITED", 3],
      [finance.id, "SUBMITTED", 3],
      [finance.id, "SUBMITTED", 3],
    ]);
  });

  it("whoever requested a void or credit note cannot approve it; someone else can", async () => {
    await applyReleaseSettings();
    const [dual, finance, manager] = [
      await person("FINANCE", "MANAGER"),
      await person("FINANCE"),
      await person("MANAGER"),
    ];
    const invoice = await draft(100_000n);
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    await approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1 });
    await releaseInvoice({ actor: finance, invoiceId: invoice.id });
    for (const kind of ["CREDIT_NOTE", "VOID"] as const) {
      const correction = await createCorrection({
        actor: dual,
        invoiceId: invoice.id,
        kind,
        reason: "wrong recipient",
      });
      await submitInvoice({ actor: finance, invoiceId: correction.id, expectedVersion: 1 });
      await expect(approveInvoice({ actor: dual, invoiceId: correction.id, expectedVersion: 1 })).rejects.toMatchObject(
        {
          code: "FORBIDDEN",
          rule: "own-correction",
        },
      );
      expect(await approveInvoice({ actor: manager, invoiceId: correction.id, expectedVersion: 1 })).toMatchObject({
        status: "APPROVED",
      });
    }
  });

  it("the people of the invoice's history are kept: the table refuses UPDATE and DELETE", async () => {
    const finance = await person("FINANCE");
    const invoice = await draft(1_000n);
    await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
    await expect(db.invoiceParticipant.deleteMany({ where: { invoiceId: invoice.id } })).rejects.toThrow(/append-only/);
    await expect(
      db.invoiceParticipant.updateMany({ where: { invoiceId: invoice.id }, data: { userId: invoice.id } }),
    ).rejects.toThrow(/append-only/);
    expect(await db.invoiceParticipant.count({ where: { invoiceId: invoice.id, userId: finance.id } })).toBe(1);
  });

  it("the migration backfills who did what from the history before it (audit log, versions, lines)", async () => {
    const [submitter, editor, lineEditor, requester, seeded, manager] = [
      await person("FINANCE", "MANAGER"),
      await person("FINANCE", "MANAGER"),
      await person("FINANCE", "MANAGER"),
      await person("FINANCE", "MANAGER"),
      await person("FINANCE", "MANAGER"),
      await person("MANAGER"),
    ];
    // History as the console wrote it before participants were recorded.
    const legacy = await draft(100_000n);
    const correction = await draft(-100_000n);
    await db.$transaction(async (tx) => {
      await recordAuditEvent(tx, {
        actor: submitter,
        action: "invoice.submit",
        target: { type: "invoice", id: legacy.id },
        after: { status: "SUBMITTED", version: 1 },
      });
      await tx.invoiceVersion.create({
        data: {
          invoiceId: legacy.id,
          version: 2,
          cause: "edited",
          contentHash: "x",
          snapshot: {},
          createdById: editor.id,
        },
      });
      await tx.invoiceLine.updateMany({ where: { invoiceId: legacy.id }, data: { editedById: lineEditor.id } });
      await tx.invoice.update({
        where: { id: legacy.id },
        data: { status: "SUBMITTED", submittedById: seeded.id, submittedAt: new Date() },
      });
      await tx.invoiceVersion.update({
        where: { invoiceId_version: { invoiceId: correction.id, version: 1 } },
        data: { cause: "correction", createdById: requester.id },
      });
      await tx.invoice.update({ where: { id: correction.id }, data: { status: "SUBMITTED", kind: "CREDIT_NOTE" } });
    });
    expect(await db.invoiceParticipant.count({ where: { invoiceId: { in: [legacy.id, correction.id] } } })).toBe(0);

    const sql = fs.readFileSync(
      path.resolve(import.meta.dirname, "../../prisma/migrations/20261203100000_invoice_participants/migration.sql"),
      "utf8",
    );
    const backfill = sql.slice(sql.indexOf('INSERT INTO "InvoiceParticipant"'));
    await db.$executeRawUnsafe(backfill);
    const facts = await db.invoiceParticipant.findMany({ where: { invoiceId: { in: [legacy.id, correction.id] } } });
    const of = (invoiceId: string) =>
      facts
        .filter((f) => f.invoiceId === invoiceId)
        .map((f) => `${f.userId}:${f.act}`)
        .sort();
    expect(of(legacy.id)).toEqual(
      [`${submitter.id}:SUBMITTED`, `${editor.id}:EDITED`, `${lineEditor.id}:EDITED`, `${seeded.id}:SUBMITTED`].sort(),
    );
    expect(of(correction.id)).toEqual([`${requester.id}:CORRECTION_REQUESTED`]);
    // Running it again adds nothing.
    expect(await db.$executeRawUnsafe(backfill)).toBe(0);
    // And the gate now refuses every one of them, and still lets a manager from outside decide.
    for (const [who, rule] of [
      [submitter, "own-submission"],
      [editor, "own-edit"],
      [lineEditor, "own-edit"],
      [seeded, "own-submission"],
    ] as const)
      await expect(
        rejectInvoice({ actor: who, invoiceId: legacy.id, expectedVersion: 1, reason: "x" }),
      ).rejects.toMatchObject({ rule });
    await expect(
      rejectInvoice({ actor: requester, invoiceId: correction.id, expectedVersion: 1, reason: "x" }),
    ).rejects.toMatchObject({ rule: "own-correction" });
    expect(
      await rejectInvoice({ actor: manager, invoiceId: correction.id, expectedVersion: 1, reason: "x" }),
    ).toMatchObject({ status: "DRAFT" });
  });
});
