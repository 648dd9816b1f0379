// Closing a month against PostgreSQL: the counts the home page and the drafts list show, the
// drafts list's rejected and waiting filters, the ready-to-release list, and bulk release, which
// releases each invoice through the gate on its own.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { rejectInvoice } from "@/lib/gate/reject-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { listDrafts } from "@/lib/invoices/list-drafts";
import { monthStateCounts } from "@/lib/invoices/month-state-counts";
import { bulkRelease } from "@/lib/release/bulk-release";
import { listReadyToRelease } from "@/lib/release/list-ready-to-release";
import { applyReleaseSettings, draftInvoice, person } from "../support/invoices";

describe("closing a month", () => {
  it("counts the month's invoices by state, a rejected draft apart, and filters the list the same way", async () => {
    const month = "2044-03";
    const finance = await person("FINANCE");
    const manager = await person("MANAGER");
    const [plain, rejected, submitted, waiting, approved] = [
      await draftInvoice(100_000n, month),
      await draftInvoice(110_000n, month),
      await draftInvoice(120_000n, month),
      await draftInvoice(130_000n, month),
      await draftInvoice(140_000n, month),
    ];
    for (const i of [rejected, submitted, waiting, approved])
      await submitInvoice({ actor: finance, invoiceId: i.id, expectedVersion: 1 });
    await rejectInvoice({ actor: manager, invoiceId: rejected.id, expectedVersion: 1, reason: "Line 1 is doubled" });
    await approveInvoice({ actor: manager, invoiceId: approved.id, expectedVersion: 1 });
    const now = new Date();
    await db.invoice.update({
      where: { id: waiting.id },
      data: { submittedAt: new Date(now.getTime() - 4 * 24 * 3600_000) },
    });

    const counts = await monthStateCounts(month, now);
    expect(counts).toEqual({
      byState: { DRAFT: 1, REJECTED: 1, SUBMITTED: 2, APPROVED: 1, RELEASED: 0, VOIDED: 0 },
      readyToRelease: 1,
      deliveryFailed: 0,
      waitingLong: 1,
    });

    const rejectedList = await listDrafts({ month, status: "REJECTED" });
    expect(rejectedList.rows.map((r) => [r.id, r.state, r.rejectionReason])).toEqual([
      [rejected.id, "REJECTED", "Line 1 is doubled"],
    ]);
    expect((await listDrafts({ month, status: "DRAFT" })).rows.map((r) => r.id)).toEqual([plain.id]);
    expect((await listDrafts({ month, waiting: "1" }, now)).rows.map((r) => r.id)).toEqual([waiting.id]);
    // The whole month, in the order asked for, each row with its state.
    const all = await listDrafts({ month, sort: "total", dir: "desc" });
    expect(all.rows.map((r) => r.state)).toEqual(["APPROVED", "SUBMITTED", "SUBMITTED", "REJECTED", "DRAFT"]);

    // Submitting the rejected draft again clears its rejection.
    await submitInvoice({ actor: finance, invoiceId: rejected.id, expectedVersion: 1 });
    expect((await monthStateCounts(month, now)).byState).toMatchObject({ REJECTED: 0, SUBMITTED: 3 });
  });

  it("releases in bulk each invoice on its own: one refused by the gate does not stop the others", async () => {
    await applyReleaseSettings();
    const month = "2044-04";
    const finance = await person("FINANCE");
    const manager = await person("MANAGER");
    const ids: string[] = [];
    for (const amount of [200_000n, 210_000n, 220_000n]) {
      const invoice = await draftInvoice(amount, month);
      await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
      await approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1 });
      ids.push(invoice.id);
    }
    const [a, b, c] = ids as [string, string, string];
    const ready = await listReadyToRelease({ month });
    // By customer code, which is random here: compared as a set.
    expect(ready.rows.map((r) => [r.id, r.approvers]).sort()).toEqual(ids.map((id) => [id, [manager.name]]).sort());

    // C's approval no longer holds when the release looks again.
    await db.approval.updateMany({ where: { invoiceId: c }, data: { voidedAt: new Date(), voidReason: "test" } });
    const results = await bulkRelease({ actor: finance, invoiceIds: [a, c, b, a] });
    expect(results.map((r) => [r.invoiceId, r.ok])).toEqual([
      [a, true],
      [c, false],
      [b, true],
    ]);
    const [ra, rc, rb] = results;
    expect(ra).toMatchObject({ ok: true, number: expect.stringMatching(/^INV-\d{4}-\d{6}$/) });
    expect(rb).toMatchObject({ ok: true, number: expect.stringMatching(/^INV-\d{4}-\d{6}$/) });
    expect(rc).toMatchObject({ ok: false, code: "INVALID_STATE" });
    expect(
      (await db.invoice.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } }))
        .map((i) => [i.id, i.status])
        .sort(),
    ).toEqual(
      [
        [a, "RELEASED"],
        [b, "RELEASED"],
        [c, "APPROVED"],
      ].sort(),
    );
    const refusal = await db.auditEvent.findFirstOrThrow({
      where: { targetId: c, action: "invoice.release" },
      orderBy: { seq: "desc" },
    });
    expect(refusal.outcome).toBe("REFUSED");
    // Finance may not release what it cannot: a manager's bulk release is refused for each.
    const [forbidden] = await bulkRelease({ actor: manager, invoiceIds: [c] });
    expect(forbidden).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await listReadyToRelease({ month })).rows.map((r) => r.id)).toEqual([c]);
  });
});
