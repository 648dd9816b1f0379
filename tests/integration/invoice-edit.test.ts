import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { assertReleasable } from "@/lib/gate/assert-releasable";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import type { Prisma } from "@/lib/generated/prisma/client";
import { editInvoice } from "@/lib/invoices/edit-invoice";
import { contentHash, snapshotOf } from "@/lib/invoices/snapshot";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { approvedInvoice, draftInvoice, person, applyReleaseSettings } from "../support/invoices";
import { createUser, actorOf } from "../support/db";

type Person = Awaited<ReturnType<typeof person>>;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A hundred rounds of the real commands take minutes on a busy machine
// (the 60 s default ran out at a load average of 20 on 2 cores).
const RACE_TIMEOUT_MS = 300_000;

const load = (id: string) =>
  db.invoice.findUniqueOrThrow({
    where: { id },
    include: {
      lines: { orderBy: { position: "asc" } },
      approvals: { orderBy: { createdAt: "asc" } },
      versions: { orderBy: { version: "asc" } },
    },
  });

/** The stored hash is the hash of the stored rows (what the gate recomputes). */
async function expectConsistentHash(id: string) {
  const invoice = await load(id);
  expect(contentHash(snapshotOf(invoice))).toBe(invoice.contentHash);
  expect(invoice.versions.at(-1)).toMatchObject({ version: invoice.version, contentHash: invoice.contentHash });
}

/** Adds a computed (generated) line to a test draft and brings its totals and hash up to date, as generation would. */
async function withComputedLine(
  invoiceId: string,
  amount: bigint,
  taxRounding: "FLOOR" | "HALF_UP" | "CEIL" = "FLOOR",
) {
  await db.invoiceLine.create({
    data: {
      invoiceId,
      position: 2,
      kind: "USAGE",
      manual: false,
      edited: false,
      projectId: "proj-edit",
      serviceId: "svc-1",
      serviceDescription: "Compute Engine",
      description: "Compute Engine",
      quantity: "1",
      amountJpy: amount,
      taxRate: "STANDARD_10",
      sourceCost: "100.5",
      sourceCurrency: "USD",
      fxRate: "150",
      computed: { description: "Compute Engine", amountJpy: amount.toString() } as Prisma.InputJsonValue,
    },
  });
  const invoice = await load(invoiceId);
  const lines = invoice.lines.map((l) => ({ amountJpy: l.amountJpy, taxRate: l.taxRate }));
  const { computeInvoiceTotals, taxBreakdownJson } = await import("@/lib/money/invoice-totals");
  const totals = computeInvoiceTotals(lines, taxRounding);
  const updated = await db.invoice.update({
    where: { id: invoiceId },
    data: {
      taxRounding,
      subtotalJpy: totals.subtotalJpy,
      taxJpy: totals.taxJpy,
      totalJpy: totals.totalJpy,
      taxBreakdown: taxBreakdownJson(totals.taxBreakdown),
    },
    include: { lines: true },
  });
  const hash = contentHash(snapshotOf(updated));
  await db.invoice.update({ where: { id: invoiceId }, data: { contentHash: hash } });
  await db.invoiceVersion.update({
    where: { invoiceId_version: { invoiceId, version: 1 } },
    data: { contentHash: hash, snapshot: snapshotOf(updated) as unknown as Prisma.InputJsonValue },
  });
  return load(invoiceId);
}

const refusals = (invoiceId: string) =>
  db.auditEvent.findMany({
    where: { targetId: invoiceId, action: "invoice.edit", outcome: "REFUSED" },
    orderBy: { seq: "asc" },
  });
const edits = (invoiceId: string) =>
  db.auditEvent.findMany({
    where: { targetId: invoiceId, action: "invoice.edit", outcome: "SUCCESS" },
    orderBy: { seq: "asc" },
  });

let finance: Person;
let finance2: Person;
beforeAll(async () => {
  finance = await person("FINANCE");
  finance2 = actorOf(await createUser(["FINANCE"], `経理 次郎 ${Math.random().toString(36).slice(2, 6)}`));
});

describe("editing an invoice", () => {
  // The result is a new version, with its content hash and an audit event.
  it("recalculates the totals and the tax per rate to the yen, with the invoice's rounding", async () => {
    const draft = await draftInvoice(100_000n);
    const before = await withComputedLine(draft.id, 50_000n);
    const [manual, computed] = before.lines;
    const result = await editInvoice({
      actor: finance,
      invoiceId: draft.id,
      expectedVersion: 1,
      changes: {
        lines: {
          [computed!.id]: { amountJpy: "73,457", description: "Compute Engine (調整後)" },
          [manual!.id]: { quantity: "3", unitPriceJpy: "16666.835" },
        },
        added: [
          {
            kind: "MANUAL",
            description: "軽減税率の品目",
            amountJpy: "10001",
            taxRate: "REDUCED_8",
            reason: "資料送付",
          },
          {
            kind: "DISCOUNT",
            description: "年間契約割引",
            amountJpy: "-3333",
            taxRate: "STANDARD_10",
            reason: "契約第5条",
          },
        ],
        dueDate: "2032-02-29",
        notesPrinted: "いつもありがとうございます。",
      },
    });
    // 3 x 16666.835 = 50000.505 -> 50001 (half up). 10%: 50001 + 73457 - 3333 = 120125, tax floor 12012.5 -> 12012.
    // 8%: 10001, tax 800.08 -> 800. Total 120125 + 12012 + 10001 + 800 = 142938.
    expect(result).toMatchObject({
      changed: true,
      version: 2,
      status: "DRAFT",
      subtotalJpy: "130126",
      taxJpy: "12812",
      totalJpy: "142938",
      voidedApprovals: 0,
    });
    const after = await load(draft.id);
    expect(after).toMatchObject({
      version: 2,
      subtotalJpy: 130_126n,
      taxJpy: 12_812n,
      totalJpy: 142_938n,
      notesPrinted: "いつもありがとうございます。",
    });
    expect(after.dueDate?.toISOString().slice(0, 10)).toBe("2032-02-29");
    expect(after.taxBreakdown).toEqual([
      { taxRate: "STANDARD_10", baseJpy: "120125", taxJpy: "12012" },
      { taxRate: "REDUCED_8", baseJpy: "10001", taxJpy: "800" },
    ]);
    expect(after.lines.map((l) => [l.position, l.kind, l.amountJpy, l.manual, l.edited, l.editedById])).toEqual([
      [1, "MANUAL", 50_001n, true, false, finance.id],
      [2, "USAGE", 73_457n, false, true, finance.id],
      [3, "MANUAL", 10_001n, true, false, finance.id],
      [4, "DISCOUNT", -3_333n, true, false, finance.id],
    ]);
    // The computed line keeps what generation produced.
    expect(after.lines[1]!.computed).toMatchObject({ amountJpy: "50000" });
    expect(after.versions.at(-1)).toMatchObject({ version: 2, cause: "edited", createdById: finance.id });
    await expectConsistentHash(draft.id);
    expect(after.contentHash).not.toBe(before.contentHash);

    const [event] = await edits(draft.id);
    expect(event!.actorId).toBe(finance.id);
    expect(event!.before).toMatchObject({
      version: 1,
      status: "DRAFT",
      lines: { [computed!.id]: { position: 2, amountJpy: "50000", description: "Compute Engine" } },
      dueDate: "2032-01-28",
      notesPrinted: null,
      totalJpy: "165000",
    });
    expect(event!.after).toMatchObject({
      version: 2,
      status: "DRAFT",
      totalJpy: "142938",
      lines: {
        [computed!.id]: { amountJpy: "73457", description: "Compute Engine (調整後)" },
        [manual!.id]: { quantity: "3", unitPriceJpy: "16666.835", amountJpy: "50001" },
      },
      added: [
        expect.objectContaining({ position: 3, kind: "MANUAL", reason: "資料送付" }),
        expect.objectContaining({ position: 4, kind: "DISCOUNT", amountJpy: "-3333", reason: "契約第5条" }),
      ],
      dueDate: "2032-02-29",
    });
    // Exactly what changed: untouched fields are not in the event.
    expect(Object.keys((event!.after as { lines: Record<string, object> }).lines[computed!.id]!).sort()).toEqual([
      "amountJpy",
      "description",
      "position",
    ]);
    expect(event!.before).not.toHaveProperty("notesInternal");
  });

  it("rounds the tax with the invoice's own rounding (half up and ceiling)", async () => {
    for (const [mode, tax] of [
      ["HALF_UP", 1_235n],
      ["CEIL", 1_235n],
      ["FLOOR", 1_234n],
    ] as const) {
      const draft = await draftInvoice(1_000n);
      const invoice = await withComputedLine(draft.id, 1_000n, mode);
      // 10%: 1000 + 11345 = 12345 -> 1234.5
      await editInvoice({
        actor: finance,
        invoiceId: draft.id,
        expectedVersion: 1,
        changes: { lines: { [invoice.lines[1]!.id]: { amountJpy: "11345" } } },
      });
      expect(await load(draft.id)).toMatchObject({ subtotalJpy: 12_345n, taxJpy: tax, totalJpy: 12_345n + tax });
    }
  });

  it("adds manual lines, adjustments, discounts and credits with reasons; removes only manual lines", async () => {
    const draft = await draftInvoice(200_000n);
    const invoice = await withComputedLine(draft.id, 80_000n);
    await editInvoice({
      actor: finance,
      invoiceId: draft.id,
      expectedVersion: 1,
      changes: {
        added: [
          {
            kind: "ADJUSTMENT",
            description: "前月分の差額",
            amountJpy: "-1200",
            taxRate: "STANDARD_10",
            reason: "9月の二重計上",
          },
          {
            kind: "CREDIT",
            description: "障害時間の返金",
            amountJpy: "-15000",
            taxRate: "STANDARD_10",
            reason: "SLA 違反 10/3",
          },
          {
            kind: "MANUAL",
            description: "オンサイト作業",
            quantity: "2.5",
            unit: "時間",
            unitPriceJpy: "12000",
            taxRate: "STANDARD_10",
            reason: "10/12 作業",
          },
        ],
        removed: [invoice.lines[0]!.id],
      },
    });
    const after = await load(draft.id);
    expect(after.lines.map((l) => [l.kind, l.description, l.amountJpy, l.reason, l.unit])).toEqual([
      ["USAGE", "Compute Engine", 80_000n, null, null],
      ["ADJUSTMENT", "前月分の差額", -1_200n, "9月の二重計上", null],
      ["CREDIT", "障害時間の返金", -15_000n, "SLA 違反 10/3", null],
      ["MANUAL", "オンサイト作業", 30_000n, "10/12 作業", "時間"],
    ]);
    expect(after).toMatchObject({ subtotalJpy: 93_800n, taxJpy: 9_380n, totalJpy: 103_180n });
    const [event] = await edits(draft.id);
    expect(event!.before).toMatchObject({
      removed: [expect.objectContaining({ id: invoice.lines[0]!.id, amountJpy: "200000", kind: "MANUAL" })],
    });

    // A computed line cannot be removed; an existing discount stays negative.
    const discount = after.lines.find((l) => l.kind === "CREDIT")!;
    const computed = after.lines.find((l) => !l.manual)!;
    await expect(
      editInvoice({
        actor: finance,
        invoiceId: draft.id,
        expectedVersion: 2,
        changes: { removed: [computed.id], lines: { [discount.id]: { amountJpy: "15000" } } },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: {
        "removed.0": [expect.stringMatching(/Only lines added by finance/)],
        [`lines.${discount.id}.amountJpy`]: [expect.stringMatching(/negative amount/)],
      },
    });
  });

  it("refuses invalid input with field errors keyed by line and saves nothing", async () => {
    const invoice = await withComputedLine((await draftInvoice(10_000n)).id, 5_000n);
    const line = invoice.lines[1]!;
    const unknownLine = "00000000-0000-4000-8000-000000000000";
    await expect(
      editInvoice({
        actor: finance,
        invoiceId: invoice.id,
        expectedVersion: 1,
        changes: {
          lines: { [line.id]: { amountJpy: "12.5", taxRate: "TWENTY" } },
          added: [{ kind: "DISCOUNT", description: "割引", amountJpy: "500", taxRate: "STANDARD_10", reason: "" }],
          dueDate: "2032-13-01",
        },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: {
        [`lines.${line.id}.amountJpy`]: ["Whole yen, e.g. 12000 or -5000."],
        [`lines.${line.id}.taxRate`]: ["Choose 10%, 8% or exempt."],
        "added.0.reason": ["Say why this line is added."],
        "added.0.amountJpy": ["A discount takes money off: enter a negative amount, e.g. -5000."],
        dueDate: ["Not a calendar date."],
      },
    });
    // In Japanese for a Japanese screen.
    await expect(
      editInvoice({
        actor: finance,
        invoiceId: invoice.id,
        expectedVersion: 1,
        locale: "ja",
        changes: { added: [{ kind: "MANUAL", description: "x", amountJpy: "1", taxRate: "EXEMPT", reason: " " }] },
      }),
    ).rejects.toMatchObject({
      fieldErrors: { "added.0.reason": ["この明細を追加する理由を入力してください。"] },
    });
    // Checks against the rows: an unknown line, an amount that is not quantity x unit price
    // (the draft's line has a unit price).
    await expect(
      editInvoice({
        actor: finance,
        invoiceId: invoice.id,
        expectedVersion: 1,
        changes: {
          lines: { [unknownLine]: { description: "x" }, [invoice.lines[0]!.id]: { amountJpy: "12000" } },
          notesInternal: "ok",
        },
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: {
        [`lines.${unknownLine}`]: [expect.stringMatching(/not on the invoice/)],
        [`lines.${invoice.lines[0]!.id}.amountJpy`]: [expect.stringMatching(/makes 10000 yen/)],
      },
    });
    const after = await load(invoice.id);
    expect(after).toMatchObject({
      version: 1,
      contentHash: invoice.contentHash,
      totalJpy: invoice.totalJpy,
      notesInternal: null,
    });
    expect(after.lines.map((l) => [l.id, l.amountJpy, l.edited])).toEqual(
      invoice.lines.map((l) => [l.id, l.amountJpy, l.edited]),
    );
    expect(after.versions).toHaveLength(1);
    expect(await edits(invoice.id)).toHaveLength(0);
  });

  it("refuses a stale save saying who changed what since, and saves nothing of it", async () => {
    const invoice = await withComputedLine((await draftInvoice(10_000n)).id, 5_000n);
    const computed = invoice.lines[1]!;
    // 経理 次郎 changes the amount of line 2 and the due date (v2), then adds a line (v3).
    await editInvoice({
      actor: finance2,
      invoiceId: invoice.id,
      expectedVersion: 1,
      changes: { lines: { [computed.id]: { amountJpy: "6000" } }, dueDate: "2032-02-15" },
    });
    await editInvoice({
      actor: finance2,
      invoiceId: invoice.id,
      expectedVersion: 2,
      changes: {
        added: [
          { kind: "ADJUSTMENT", description: "端数調整", amountJpy: "-1", taxRate: "STANDARD_10", reason: "端数" },
        ],
      },
    });
    const current = await load(invoice.id);

    const stale = editInvoice({
      actor: finance,
      invoiceId: invoice.id,
      expectedVersion: 1,
      changes: { lines: { [computed.id]: { amountJpy: "7000" } }, notesInternal: "mine" },
    });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", rule: "stale-version" });
    const error = await stale.then(
      () => {
        throw new Error("expected a conflict");
      },
      (e: Error & { details?: Record<string, unknown> }) => e,
    );
    expect(error.message).toBe(
      `Not saved: since version 1, ${finance2.name} changed the amount of line 2 and the due date, ` +
        "added line 3 (now version 3). Your input is kept in the form.",
    );
    expect(error.details).toMatchObject({ rule: "stale-version", expectedVersion: 1, currentVersion: 3 });

    const ja = await editInvoice({
      actor: finance,
      invoiceId: invoice.id,
      expectedVersion: 2,
      locale: "ja",
      changes: { notesInternal: "mine" },
    }).then(
      () => {
        throw new Error("expected a conflict");
      },
      (e: Error) => e,
    );
    expect(ja.message).toBe(
      `保存されませんでした。第2版の後に変更がありました — ${finance2.name}: 3行目を追加(現在 第3版)。` +
        "入力内容はフォームに残っています。",
    );

    const after = await load(invoice.id);
    expect(after).toMatchObject({ version: 3, contentHash: current.contentHash, notesInternal: null });
    expect(after.lines.find((l) => l.id === computed.id)!.amountJpy).toBe(6_000n);
    const refused = await refusals(invoice.id);
    expect(refused.map((r) => [r.actorId, r.reason?.split(":")[0]])).toEqual([
      [finance.id, "stale-version"],
      [finance.id, "stale-version"],
    ]);
  });

  // The editor cannot approve it.
  it("an edit after approval voids the approvals and returns the invoice to submitted", async () => {
    const dual = await person("FINANCE", "MANAGER");
    const { invoice, manager } = await approvedInvoice(300_000n);
    const line = (await load(invoice.id)).lines[0]!;
    const result = await editInvoice({
      actor: dual,
      invoiceId: invoice.id,
      expectedVersion: 1,
      changes: { lines: { [line.id]: { unitPriceJpy: "290000" } } },
    });
    expect(result).toMatchObject({ status: "SUBMITTED", version: 2, voidedApprovals: 1, totalJpy: "319000" });
    const after = await load(invoice.id);
    expect(after.status).toBe("SUBMITTED");
    expect(after.approvals).toEqual([
      expect.objectContaining({
        approverId: manager.id,
        version: 1,
        voidReason: "edited after approval",
        voidedAt: expect.any(Date),
      }),
    ]);
    await expect(db.$transaction((tx) => assertReleasable(tx, invoice.id))).rejects.toMatchObject({
      rule: "not-approved",
    });
    const [event] = await edits(invoice.id);
    expect(event).toMatchObject({
      before: expect.objectContaining({ status: "APPROVED" }),
      after: expect.objectContaining({ status: "SUBMITTED", voidedApprovals: 1 }),
    });

    // The editor holds the manager role, and is still refused: own edit. Audited.
    await expect(approveInvoice({ actor: dual, invoiceId: invoice.id, expectedVersion: 2 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      rule: "own-edit",
    });
    expect(
      await db.auditEvent.count({
        where: { targetId: invoice.id, action: "invoice.approve", outcome: "REFUSED", actorId: dual.id },
      }),
    ).toBe(1);
    // The manager's old approval of version 1 cannot be reused; they approve version 2 again.
    await expect(approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1 })).rejects.toMatchObject({
      rule: "stale-version",
    });
    expect(await approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 2 })).toMatchObject({
      status: "APPROVED",
      version: 2,
    });
    const approved = await load(invoice.id);
    expect(approved.approvals.filter((a) => !a.voidedAt)).toEqual([
      expect.objectContaining({ version: 2, contentHash: approved.contentHash }),
    ]);
  });

  it("a submitted invoice stays submitted after an edit; a partial approval of a large invoice is voided", async () => {
    const [m1] = [await person("MANAGER")];
    const draft = await draftInvoice(6_000_000n);
    await submitInvoice({ actor: finance, invoiceId: draft.id, expectedVersion: 1 });
    await approveInvoice({ actor: m1, invoiceId: draft.id, expectedVersion: 1 });
    await editInvoice({
      actor: finance,
      invoiceId: draft.id,
      expectedVersion: 1,
      changes: { notesPrinted: "分割払い可" },
    });
    const after = await load(draft.id);
    expect(after).toMatchObject({
      status: "SUBMITTED",
      version: 2,
      submittedById: finance.id,
      notesPrinted: "分割払い可",
    });
    expect(after.approvals.every((a) => a.voidedAt !== null)).toBe(true);
  });

  it("released and voided invoices cannot be edited, only finance edits, and every refusal is audited", async () => {
    await applyReleaseSettings();
    const { invoice, manager } = await approvedInvoice(50_000n);
    await releaseInvoice({ actor: finance, invoiceId: invoice.id });
    const released = await load(invoice.id);
    const line = released.lines[0]!.id;
    await expect(
      editInvoice({
        actor: finance,
        invoiceId: invoice.id,
        expectedVersion: 1,
        changes: { lines: { [line]: { description: "after release" } } },
      }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", rule: "state" });
    await expect(
      editInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1, changes: { notesInternal: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", rule: "role" });
    const support = await person("SUPPORT");
    await expect(
      editInvoice({ actor: support, invoiceId: invoice.id, expectedVersion: 1, changes: { notesInternal: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const after = await load(invoice.id);
    expect(after).toMatchObject({ status: "RELEASED", version: 1, contentHash: released.contentHash });
    expect(after.lines[0]!.description).toBe(released.lines[0]!.description);
    const refused = await refusals(invoice.id);
    expect(refused.map((r) => [r.actorId, r.reason?.split(":")[0]])).toEqual([
      [finance.id, "state"],
      [manager.id, "role"],
      [support.id, "role"],
    ]);
    expect(refused[0]!.reason).toMatch(/released invoice is frozen/);

    // A void mirrors the invoice it voids.
    const { createCorrection } = await import("@/lib/release/create-correction");
    const voidDraft = await createCorrection({
      actor: finance,
      invoiceId: invoice.id,
      kind: "VOID",
      reason: "宛先の誤り",
    });
    await expect(
      editInvoice({ actor: finance, invoiceId: voidDraft.id, expectedVersion: 1, changes: { notesInternal: "x" } }),
    ).rejects.toMatchObject({ rule: "void-fixed" });
  });

  // Approved always means approved for the current content.
  it("race, 100 times: an edit against an approval of the same submitted invoice", {
    timeout: RACE_TIMEOUT_MS,
  }, async () => {
    const manager = await person("MANAGER");
    const outcomes = { editFirst: 0, approveFirst: 0 };
    for (let i = 0; i < 100; i++) {
      const draft = await draftInvoice(100_000n);
      await submitInvoice({ actor: finance, invoiceId: draft.id, expectedVersion: 1 });
      const line = (await db.invoiceLine.findFirstOrThrow({ where: { invoiceId: draft.id } })).id;
      // Staggered starts over the runs, so that each command lands first some of the time.
      const [edit, approval] = await Promise.allSettled([
        delay(i % 2 ? i % 11 : 0).then(() =>
          editInvoice({
            actor: finance2,
            invoiceId: draft.id,
            expectedVersion: 1,
            changes: { lines: { [line]: { unitPriceJpy: String(100_000 + i + 1) } } },
          }),
        ),
        delay(i % 2 ? 0 : i % 11).then(() =>
          approveInvoice({ actor: manager, invoiceId: draft.id, expectedVersion: 1 }),
        ),
      ]);
      expect(edit.status).toBe("fulfilled"); // the edit names the version it saw; an approval does not change it
      const final = await load(draft.id);
      const valid = final.approvals.filter((a) => a.decision === "APPROVED" && a.voidedAt === null);
      // Every approval still standing binds the current version and content.
      for (const a of valid) expect([a.version, a.contentHash]).toEqual([final.version, final.contentHash]);
      expect(contentHash(snapshotOf(final))).toBe(final.contentHash);
      if (final.status === "APPROVED") expect(valid.length).toBeGreaterThanOrEqual(1);
      expect(final.version).toBe(2);
      if (approval.status === "fulfilled") {
        // The approval came first: the edit voided it and sent the invoice back.
        outcomes.approveFirst++;
        expect(final.status).toBe("SUBMITTED");
        expect(valid).toHaveLength(0);
        expect(final.approvals).toEqual([expect.objectContaining({ version: 1, voidReason: "edited after approval" })]);
      } else {
        // The only way for the approval to lose: the edit made version 2 first.
        outcomes.editFirst++;
        expect(approval.reason).toMatchObject({ code: "CONFLICT", rule: "stale-version" });
        expect(final.status).toBe("SUBMITTED");
        expect(final.approvals).toHaveLength(0);
      }
    }
    console.log(`edit vs approval: approval first ${outcomes.approveFirst}, edit first ${outcomes.editFirst} of 100`);
    expect(outcomes.approveFirst).toBeGreaterThan(0);
    expect(outcomes.editFirst).toBeGreaterThan(0);
  });

  // Released means both approvals of that version came first.
  it("race, 100 times: two approvals against a release of a large invoice", { timeout: RACE_TIMEOUT_MS }, async () => {
    await applyReleaseSettings();
    const [m1, m2] = [await person("MANAGER"), await person("MANAGER")];
    let released = 0;
    for (let i = 0; i < 100; i++) {
      const draft = await draftInvoice(7_000_000n);
      await submitInvoice({ actor: finance, invoiceId: draft.id, expectedVersion: 1 });
      // Odd runs start the approvals up to 12 ms later, even runs the release up to 16 ms later,
      // so both orders happen on a quiet machine as on a busy one.
      const [releaseDelay, approvalDelay] = i % 2 === 0 ? [i % 17, 0] : [0, i % 13];
      const [release, ...approvals] = await Promise.allSettled([
        delay(releaseDelay).then(() => releaseInvoice({ actor: finance, invoiceId: draft.id })),
        delay(approvalDelay).then(() => approveInvoice({ actor: m1, invoiceId: draft.id, expectedVersion: 1 })),
        delay(approvalDelay).then(() => approveInvoice({ actor: m2, invoiceId: draft.id, expectedVersion: 1 })),
      ]);
      // Approvals never lose: nothing can release the invoice before both are in.
      expect(approvals.map((a) => a.status)).toEqual(["fulfilled", "fulfilled"]);
      const final = await load(draft.id);
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
      expect(valid).toEqual(new Set([m1.id, m2.id]));
      if (final.status === "RELEASED") {
        released++;
        expect(release.status).toBe("fulfilled");
        // At release time: the release's own record names the approved version and content,
        // and both approvals were committed before it (the audit chain is in commit order).
        const events = await db.auditEvent.findMany({
          where: { targetId: draft.id, outcome: "SUCCESS", action: { in: ["invoice.approve", "invoice.release"] } },
          orderBy: { seq: "asc" },
        });
        expect(events.map((e) => e.action)).toEqual(["invoice.approve", "invoice.approve", "invoice.release"]);
        expect(events[2]!.after).toMatchObject({
          version: final.version,
          contentHash: final.contentHash,
          status: "RELEASED",
        });
        expect(new Set(events.slice(0, 2).map((e) => e.actorId))).toEqual(new Set([m1.id, m2.id]));
      } else {
        expect(final.status).toBe("APPROVED");
        expect(release).toMatchObject({
          status: "rejected",
          reason: expect.objectContaining({ code: "INVALID_STATE", rule: "not-approved" }),
        });
        expect(final.number).toBeNull();
      }
    }
    console.log(`approvals vs release: the release came last and went through ${released} of 100 times`);
    // Both orders occurred: the release was refused before the approvals, and went through after them.
    expect(released).toBeGreaterThan(0);
    expect(released).toBeLessThan(100);
  });

  // Released is always the approved content.
  it("race, 100 times: an edit against a release of an approved invoice", { timeout: RACE_TIMEOUT_MS }, async () => {
    await applyReleaseSettings();
    const people = { finance, manager: await person("MANAGER") };
    let released = 0;
    for (let i = 0; i < 100; i++) {
      const { invoice } = await approvedInvoice(100_000n, people);
      const approvedHash = (await load(invoice.id)).contentHash;
      const line = (await db.invoiceLine.findFirstOrThrow({ where: { invoiceId: invoice.id } })).id;
      const [release, edit] = await Promise.allSettled([
        delay(i % 2 ? i % 7 : 0).then(() => releaseInvoice({ actor: finance, invoiceId: invoice.id })),
        delay(i % 2 ? 0 : i % 7).then(() =>
          editInvoice({
            actor: finance2,
            invoiceId: invoice.id,
            expectedVersion: 1,
            changes: { lines: { [line]: { description: `changed ${i}` } } },
          }),
        ),
      ]);
      const final = await load(invoice.id);
      if (final.status === "RELEASED") {
        released++;
        expect(release.status).toBe("fulfilled");
        expect([final.version, final.contentHash]).toEqual([1, approvedHash]);
        // The edit lost: the invoice was frozen when it got the lock.
        expect(edit).toMatchObject({
          status: "rejected",
          reason: expect.objectContaining({ code: "INVALID_STATE", rule: "state" }),
        });
      } else {
        // The release lost: the edit voided the approval and sent the invoice back to the approvers.
        expect(edit.status).toBe("fulfilled");
        expect(release).toMatchObject({
          status: "rejected",
          reason: expect.objectContaining({ code: "INVALID_STATE", rule: "not-approved" }),
        });
        expect(final).toMatchObject({ status: "SUBMITTED", version: 2, number: null });
      }
    }
    console.log(`edit vs release: released ${released} of 100 times`);
    expect(released).toBeGreaterThan(0);
    expect(released).toBeLessThan(100);
  });
});
