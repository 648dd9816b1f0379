import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getApprovalQueue } from "@/lib/gate/approval-queue";
import { bulkApprove } from "@/lib/gate/bulk-approve";
import { recordInvoiceView } from "@/lib/gate/record-invoice-view";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { editInvoice } from "@/lib/invoices/edit-invoice";
import { draftInvoice, person } from "../support/invoices";

async function submitted(amount = 100_000n, finance?: Awaited<ReturnType<typeof person>>) {
  const submitter = finance ?? (await person("FINANCE"));
  const invoice = await draftInvoice(amount);
  await submitInvoice({ actor: submitter, invoiceId: invoice.id, expectedVersion: 1 });
  return { invoice, finance: submitter };
}

/** A new version of the content, made by the real edit command (back to submitted, version + 1). */
async function bumpVersion(invoiceId: string, editor: Awaited<ReturnType<typeof person>>) {
  const current = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
  const { version } = await editInvoice({
    actor: editor,
    invoiceId,
    expectedVersion: current.version,
    changes: { lines: { [current.lines[0]!.id]: { description: "クラウド運用サービス(改)" } } },
  });
  return version;
}

const refusals = (invoiceId: string, actorId: string) =>
  db.auditEvent.findMany({
    where: { targetId: invoiceId, actorId, action: "invoice.approve", outcome: "REFUSED" },
    orderBy: { seq: "asc" },
  });
const statusOf = async (id: string) => (await db.invoice.findUniqueOrThrow({ where: { id } })).status;

describe("bulk approval from the manager's queue", () => {
  it("refuses an invoice the manager has not opened, and audits the refusal", async () => {
    const manager = await person("MANAGER");
    const { invoice } = await submitted();
    const [result] = await bulkApprove({ actor: manager, items: [{ invoiceId: invoice.id, expectedVersion: 1 }] });
    expect(result).toMatchObject({ invoiceId: invoice.id, ok: false, code: "INVALID_STATE", rule: "not-viewed" });
    expect(await statusOf(invoice.id)).toBe("SUBMITTED");
    expect(await db.approval.count({ where: { invoiceId: invoice.id } })).toBe(0);
    const [event] = await refusals(invoice.id, manager.id);
    expect(event).toMatchObject({
      reason: expect.stringMatching(/^not-viewed: You have not opened/),
      metadata: { bulk: true, expectedVersion: 1 },
    });
  });

  it("refuses an invoice opened only in an older version", async () => {
    const [manager, editor] = [await person("MANAGER"), await person("FINANCE")];
    const { invoice } = await submitted();
    await recordInvoiceView({ actor: manager, invoiceId: invoice.id, version: 1 });
    const version = await bumpVersion(invoice.id, editor);
    const [result] = await bulkApprove({
      actor: manager,
      items: [{ invoiceId: invoice.id, expectedVersion: version }],
    });
    expect(result).toMatchObject({
      ok: false,
      rule: "not-viewed",
      message: expect.stringContaining("You opened version 1 of this invoice, not version 2"),
    });
    // Approving the old version it did see is refused by the gate itself: the invoice has moved on.
    const [stale] = await bulkApprove({ actor: manager, items: [{ invoiceId: invoice.id, expectedVersion: 1 }] });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT", rule: "stale-version" });
    expect(await statusOf(invoice.id)).toBe("SUBMITTED");
    expect((await refusals(invoice.id, manager.id)).map((e) => e.reason?.split(":")[0])).toEqual([
      "not-viewed",
      "stale-version",
    ]);
  });

  it("approves invoices opened in their current version, each through every rule, and reports each one", async () => {
    const [manager, manager2] = [await person("MANAGER"), await person("MANAGER")];
    const small = await submitted(100_000n);
    const large = await submitted(5_000_000n);
    const unseen = await submitted(200_000n);
    for (const { invoice } of [small, large])
      await recordInvoiceView({ actor: manager, invoiceId: invoice.id, version: 1 });
    const results = await bulkApprove({
      actor: manager,
      items: [small, large, unseen].map(({ invoice }) => ({ invoiceId: invoice.id, expectedVersion: 1 })),
    });
    expect(results).toEqual([
      { invoiceId: small.invoice.id, ok: true, status: "APPROVED", version: 1, approvers: 1, required: 1 },
      // A large invoice still waits for a second, distinct approver.
      { invoiceId: large.invoice.id, ok: true, status: "SUBMITTED", version: 1, approvers: 1, required: 2 },
      expect.objectContaining({ invoiceId: unseen.invoice.id, ok: false, rule: "not-viewed" }),
    ]);
    expect(await statusOf(small.invoice.id)).toBe("APPROVED");
    expect(await statusOf(unseen.invoice.id)).toBe("SUBMITTED");
    const approvals = await db.approval.findMany({ where: { invoiceId: small.invoice.id } });
    expect(approvals).toMatchObject([
      { approverId: manager.id, version: 1, decision: "APPROVED", contentHash: small.invoice.contentHash },
    ]);

    // The same manager again on the large one: counted once, refused by the gate.
    const [again] = await bulkApprove({ actor: manager, items: [{ invoiceId: large.invoice.id, expectedVersion: 1 }] });
    expect(again).toMatchObject({ ok: false, code: "ALREADY_DONE", rule: "same-approver" });
    await recordInvoiceView({ actor: manager2, invoiceId: large.invoice.id, version: 1 });
    const [second] = await bulkApprove({
      actor: manager2,
      items: [
        { invoiceId: large.invoice.id, expectedVersion: 1 },
        { invoiceId: large.invoice.id, expectedVersion: 1 },
      ],
    });
    expect(second).toMatchObject({ ok: true, status: "APPROVED", approvers: 2, required: 2 });
  });

  it("still refuses a manager's own submission after they opened it, and someone who edited it", async () => {
    const dual = await person("FINANCE", "MANAGER");
    const { invoice } = await submitted(100_000n, dual);
    expect(await recordInvoiceView({ actor: dual, invoiceId: invoice.id, version: 1 })).toEqual({ recorded: true });
    const [own] = await bulkApprove({ actor: dual, items: [{ invoiceId: invoice.id, expectedVersion: 1 }] });
    expect(own).toMatchObject({ ok: false, code: "FORBIDDEN", rule: "own-submission" });
    expect(await statusOf(invoice.id)).toBe("SUBMITTED");
    expect((await refusals(invoice.id, dual.id))[0]).toMatchObject({
      reason: expect.stringMatching(/^own-submission/),
    });

    const editor = await person("MANAGER", "FINANCE");
    const other = await submitted();
    const version = await bumpVersion(other.invoice.id, editor);
    await recordInvoiceView({ actor: editor, invoiceId: other.invoice.id, version });
    const [edited] = await bulkApprove({
      actor: editor,
      items: [{ invoiceId: other.invoice.id, expectedVersion: version }],
    });
    expect(edited).toMatchObject({ ok: false, rule: "own-edit" });
  });

  it("refuses someone without the manager role before anything else, and records no views for them", async () => {
    const finance = await person("FINANCE");
    const { invoice } = await submitted();
    expect(await recordInvoiceView({ actor: finance, invoiceId: invoice.id, version: 1 })).toEqual({ recorded: false });
    expect(await db.invoiceView.count({ where: { invoiceId: invoice.id } })).toBe(0);
    const [result] = await bulkApprove({ actor: finance, items: [{ invoiceId: invoice.id, expectedVersion: 1 }] });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", rule: "role" });
    expect(await refusals(invoice.id, finance.id)).toHaveLength(1);
  });

  it("the queue says which invoices were opened in their current version", async () => {
    const manager = await person("MANAGER");
    const seen = await submitted();
    const unseen = await submitted();
    await recordInvoiceView({ actor: manager, invoiceId: seen.invoice.id, version: 1 });
    await recordInvoiceView({ actor: manager, invoiceId: seen.invoice.id, version: 1 });
    const queue = await getApprovalQueue(manager);
    expect(queue.find((r) => r.id === seen.invoice.id)).toMatchObject({ viewedCurrent: true, lastViewedVersion: 1 });
    expect(queue.find((r) => r.id === unseen.invoice.id)).toMatchObject({
      viewedCurrent: false,
      lastViewedVersion: null,
    });
    expect(await db.invoiceView.count({ where: { invoiceId: seen.invoice.id } })).toBe(1);
  });
});
