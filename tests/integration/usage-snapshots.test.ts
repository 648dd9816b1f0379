// A month's usage of a billing account is a snapshot: the same rows again change nothing,
// whatever the bytes; a corrected export is previewed, and replaces the month only when
// finance confirms; an export in parts is appended only when no row is already billed. The
// invoices a change reaches go back to draft and are regenerated; a released one forbids it.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { generateDrafts } from "@/lib/invoices/generate-drafts";
import { unassignedUsageTotals } from "@/lib/invoices/list-drafts";
import { listProjectsForAssignment } from "@/lib/projects/list-assignable-projects";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { confirmUsageBatch } from "@/lib/usage/confirm-usage-batch";
import { type ImportMode, importUsageBatch } from "@/lib/usage/import-usage-batch";
import { getProjectUsage } from "@/lib/usage/get-project-usage";
import { listUnassignedUsage } from "@/lib/usage/list-usage";
import { digestOfStoredRows } from "@/lib/usage/usage-scopes";
import { applyReleaseSettings, person } from "../support/invoices";
import { countUsageLines } from "../support/usage";
import {
  type ExportRow,
  billedLinesPerProject,
  billedPerProject,
  exportCsv,
  usageWorld,
  writeTemp,
} from "../support/usage-files";

const system = { id: null, email: "system:test", name: "test", roles: ["FINANCE"] as const };
const MONTH = "2033-10";

function importText(text: string, options: { mode?: ImportMode; stage?: boolean; name?: string } = {}) {
  const fileName = options.name ?? "export.csv";
  return importUsageBatch({
    actor: system,
    filePath: writeTemp(fileName, text),
    fileName,
    source: "cli",
    mode: options.mode,
    stage: options.stage,
  });
}

function rowsFor(projects: string[]): ExportRow[] {
  return [
    { project: projects[0]!, sku: "K1", hour: 0, micros: 1_500_000 },
    { project: projects[0]!, sku: "K2", hour: 1, micros: 2_250_000, creditMicros: -250_000 },
    { project: projects[1]!, sku: "K1", hour: 0, micros: 10_000_000 },
  ];
}

describe("the same month again", () => {
  it("re-saved with a BOM, CRLF, other row and column order and number spellings changes nothing", async () => {
    const w = await usageWorld(MONTH);
    const rows = rowsFor(w.projects);
    const first = await importText(exportCsv(w.account, MONTH, rows), { name: "month.csv" });
    expect(first).toMatchObject({
      status: "imported",
      scopes: [{ billingAccountId: w.account, month: MONTH, rows: 3, status: "new", previousRows: 0 }],
    });
    const batches = await db.usageBatch.count();
    const lines = await countUsageLines();
    for (const encoding of [
      { bom: true, crlf: true },
      { order: [2, 0, 1], reverseColumns: true },
      { spelling: "trailing-zeros" as const, crlf: true },
      { spelling: "exponent" as const, bom: true, order: [1, 2, 0] },
    ]) {
      const again = await importText(exportCsv(w.account, MONTH, rows, encoding), { name: "month (1).csv" });
      expect(again).toMatchObject({
        status: "already-imported",
        scopes: [{ billingAccountId: w.account, month: MONTH, rows: 3, status: "unchanged", previousRows: 3 }],
      });
      if (again.status === "already-imported" && first.status === "imported")
        expect(again.batchIds).toEqual([first.batchId]);
    }
    expect(await db.usageBatch.count()).toBe(batches);
    expect(await countUsageLines()).toBe(lines);
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "3.5", rows: 2 },
      [w.projects[1]!]: { net: "10", rows: 1 },
    });
  });

  it("the stored digest is what the stored rows give: the same equality however rows arrived", async () => {
    const w = await usageWorld(MONTH);
    const result = await importText(exportCsv(w.account, MONTH, rowsFor(w.projects), { spelling: "trailing-zeros" }));
    if (result.status !== "imported") throw new Error(result.status);
    const [scope] = await db.usageBatchScope.findMany({ where: { batchId: result.batchId } });
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      const recomputed = await digestOfStoredRows(client, result.batchId, {
        billingAccountId: w.account,
        month: MONTH,
      });
      await client.query("COMMIT");
      expect(recomputed.toHex()).toBe(scope?.digest);
      expect(recomputed.rows).toBe(3);
    } finally {
      await client.end();
    }
    // A scope stored before digests existed (its digest unknown) is compared from its rows.
    await db.usageBatchScope.updateMany({ where: { batchId: result.batchId }, data: { digest: null } });
    const again = await importText(exportCsv(w.account, MONTH, rowsFor(w.projects), { crlf: true }));
    expect(again.status).toBe("already-imported");
    expect((await db.usageBatchScope.findFirstOrThrow({ where: { batchId: result.batchId } })).digest).toBe(
      scope?.digest,
    );
  });
});

describe("a corrected export", () => {
  it("is previewed per project and billed only when finance replaces the month with it", async () => {
    const w = await usageWorld(MONTH);
    const first = await importText(exportCsv(w.account, MONTH, rowsFor(w.projects)), { name: "v1.csv" });
    if (first.status !== "imported") throw new Error(first.status);
    const corrected: ExportRow[] = [
      { project: w.projects[0]!, sku: "K1", hour: 0, micros: 1_500_000 },
      { project: w.projects[1]!, sku: "K1", hour: 0, micros: 12_000_000 },
      { project: w.projects[1]!, sku: "K3", hour: 5, micros: 100 },
    ];
    const batches = await db.usageBatch.count();
    const preview = await importText(exportCsv(w.account, MONTH, corrected), { name: "v2.csv" });
    expect(preview).toMatchObject({ status: "preview", staged: false, released: [] });
    if (preview.status !== "preview") return;
    expect(preview.scopes).toEqual([
      { billingAccountId: w.account, month: MONTH, rows: 3, status: "changed", previousRows: 3 },
    ]);
    expect(preview.changes).toEqual([
      {
        month: MONTH,
        projectId: w.projects[0],
        currency: "JPY",
        oldNet: "3.5",
        newNet: "1.5",
        difference: "-2",
        rowsAdded: 0,
        rowsRemoved: 1,
      },
      {
        month: MONTH,
        projectId: w.projects[1],
        currency: "JPY",
        oldNet: "10",
        newNet: "12.0001",
        difference: "2.0001",
        rowsAdded: 2,
        rowsRemoved: 1,
      },
    ]);
    // Nothing was written: the command's preview keeps nothing.
    expect(await db.usageBatch.count()).toBe(batches);

    const replaced = await importText(exportCsv(w.account, MONTH, corrected), { name: "v2.csv", mode: "replace" });
    expect(replaced).toMatchObject({ status: "replaced", returnedToDraft: [] });
    if (replaced.status !== "replaced") return;
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "1.5", rows: 1 },
      [w.projects[1]!]: { net: "12.0001", rows: 2 },
    });
    expect(await billedLinesPerProject(w.projects, MONTH)).toEqual(await billedPerProject(w.projects, MONTH));
    // The old batch stays stored and auditable, marked superseded by the new one.
    const old = await db.usageBatchScope.findFirstOrThrow({ where: { batchId: first.batchId } });
    expect(old).toMatchObject({ state: "SUPERSEDED", supersededById: replaced.batchId });
    expect(await countUsageLines({ batchId: first.batchId })).toBe(3);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "usage.replace", targetId: replaced.batchId },
    });
    expect(event.before).toMatchObject({ current: [{ batchId: first.batchId, billingAccountId: w.account }] });
  });

  it("staged by the upload page, confirmed by id; confirming after the month changed again is refused", async () => {
    const w = await usageWorld(MONTH);
    const finance = await person("FINANCE");
    await importText(exportCsv(w.account, MONTH, rowsFor(w.projects)));
    const v2 = rowsFor(w.projects).map((r, i) => (i === 0 ? { ...r, micros: r.micros + 1 } : r));
    const v3 = rowsFor(w.projects).map((r, i) => (i === 2 ? { ...r, micros: r.micros * 2 } : r));
    const staged = await importText(exportCsv(w.account, MONTH, v2), { stage: true, name: "v2.csv" });
    const stagedToo = await importText(exportCsv(w.account, MONTH, v3), { stage: true, name: "v3.csv" });
    expect(staged).toMatchObject({ status: "preview", staged: true });
    if (staged.status !== "preview" || stagedToo.status !== "preview") return;
    // Staged rows are not billed.
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "3.5", rows: 2 },
      [w.projects[1]!]: { net: "10", rows: 1 },
    });
    const confirmed = await confirmUsageBatch({ actor: finance, batchId: staged.batchId, mode: "replace" });
    expect(confirmed).toMatchObject({ status: "replaced" });
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "3.500001", rows: 2 },
      [w.projects[1]!]: { net: "10", rows: 1 },
    });
    // v3 was previewed against the first version: what it would change is no longer what it showed.
    expect(await confirmUsageBatch({ actor: finance, batchId: stagedToo.batchId, mode: "replace" })).toMatchObject({
      status: "refused",
      code: "usage-stale-preview",
    });
    expect(await confirmUsageBatch({ actor: finance, batchId: staged.batchId, mode: "replace" })).toMatchObject({
      status: "refused",
      code: "usage-not-staged",
    });
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "3.500001", rows: 2 },
      [w.projects[1]!]: { net: "10", rows: 1 },
    });
  });
});

describe("what reads usage", () => {
  it("sees only the billed batch: not a replaced export, not one waiting for confirmation", async () => {
    // A month of its own, so the unassigned lists hold only this test's projects.
    const month = "2033-11";
    const w = await usageWorld(month, 1);
    const orphan = `${w.projects[0]}-orphan`;
    const v1: ExportRow[] = [
      { project: w.projects[0]!, sku: "K1", hour: 0, micros: 2_000_000 },
      { project: orphan, sku: "K1", hour: 0, micros: 5_000_000 },
    ];
    const v2: ExportRow[] = [{ project: w.projects[0]!, sku: "K1", hour: 0, micros: 3_000_000 }];
    const readers = async () => {
      const project = await getProjectUsage(w.projects[0]!, month, undefined, 1);
      return {
        unassigned: (await listUnassignedUsage(month)).map((u) => [u.projectId, u.net]),
        totals: (await unassignedUsageTotals(month)).map((t) => [t.currency, t.net]),
        assignable: (await listProjectsForAssignment({ month, pageSize: 100 })).projects.map((p) => p.id),
        orphanMonths: (await getProjectUsage(orphan, undefined, undefined, 1)).months,
        projectMonth: [...project.services.map((t) => t.cost), ...project.rows.map((r) => String(r.cost))],
      };
    };
    const before = {
      unassigned: [[orphan, "5"]],
      totals: [["JPY", "5"]],
      assignable: [orphan],
      orphanMonths: [month],
      projectMonth: ["2", "2"],
    };
    await importText(exportCsv(w.account, month, v1));
    expect(await readers()).toEqual(before);

    const staged = await importText(exportCsv(w.account, month, v2), { stage: true });
    expect(staged).toMatchObject({ status: "preview", staged: true });
    expect(await readers()).toEqual(before);

    expect((await importText(exportCsv(w.account, month, v2), { mode: "replace" })).status).toBe("replaced");
    expect(await readers()).toEqual({
      unassigned: [],
      totals: [],
      assignable: [],
      orphanMonths: [],
      projectMonth: ["3", "3"],
    });
  });
});

describe("an export in parts", () => {
  it("is appended when no row is billed yet, and refused with the first duplicated rows otherwise", async () => {
    const w = await usageWorld(MONTH);
    const all = rowsFor(w.projects);
    await importText(exportCsv(w.account, MONTH, all.slice(0, 1)), { name: "part1.csv" });
    const part2 = await importText(exportCsv(w.account, MONTH, all.slice(1)), { name: "part2.csv", mode: "append" });
    expect(part2).toMatchObject({
      status: "appended",
      scopes: [{ status: "appended", rows: 2, previousRows: 1 }],
    });
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "3.5", rows: 2 },
      [w.projects[1]!]: { net: "10", rows: 1 },
    });
    // The whole month in one file is now what is billed: nothing to do.
    expect((await importText(exportCsv(w.account, MONTH, all, { crlf: true }))).status).toBe("already-imported");

    // A billed row whose credit amount is spelled otherwise (-250000e-6 for -0.25) is the same row.
    const respelled = await importText(exportCsv(w.account, MONTH, all.slice(1, 2), { spelling: "exponent" }), {
      name: "part2-again.csv",
      mode: "append",
    });
    expect(respelled).toMatchObject({ status: "refused", code: "usage-duplicate-rows", errorCount: 1 });

    const extra: ExportRow = { project: w.projects[1]!, sku: "K9", hour: 9, micros: 1 };
    const overlapping = await importText(exportCsv(w.account, MONTH, [extra, ...all.slice(1)], { bom: true }), {
      name: "part3.csv",
      mode: "append",
    });
    expect(overlapping).toMatchObject({ status: "refused", code: "usage-duplicate-rows", errorCount: 2 });
    if (overlapping.status !== "refused") return;
    expect(overlapping.errors.map((e) => [e.line, e.code, e.params?.file, e.params?.line])).toEqual([
      [3, "duplicate-row", "part2.csv", 2],
      [4, "duplicate-row", "part2.csv", 3],
    ]);
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "3.5", rows: 2 },
      [w.projects[1]!]: { net: "10", rows: 1 },
    });
  });
});

describe("invoices the change reaches", () => {
  it("a submitted and approved draft goes back to draft, approvals voided, and is regenerated", async () => {
    await applyReleaseSettings();
    const w = await usageWorld(MONTH);
    const finance = await person("FINANCE");
    const manager = await person("MANAGER");
    await importText(exportCsv(w.account, MONTH, rowsFor(w.projects)));
    await generateDrafts({ actor: system, month: MONTH, billingGroupIds: [w.group.id] });
    const draft = await db.invoice.findFirstOrThrow({ where: { billingGroupId: w.group.id, month: MONTH } });
    await submitInvoice({ actor: finance, invoiceId: draft.id, expectedVersion: draft.version });
    await approveInvoice({ actor: manager, invoiceId: draft.id, expectedVersion: draft.version });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("APPROVED");

    const corrected = rowsFor(w.projects).map((r) => ({ ...r, micros: r.micros * 10 }));
    // The preview says which invoices confirming sends back to draft; it changes nothing.
    const preview = await importText(exportCsv(w.account, MONTH, corrected));
    expect(preview).toMatchObject({ status: "preview", returnsToDraft: [{ id: draft.id, status: "APPROVED" }] });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("APPROVED");
    const replaced = await importText(exportCsv(w.account, MONTH, corrected), { mode: "replace" });
    expect(replaced).toMatchObject({ status: "replaced", returnedToDraft: [{ id: draft.id, status: "APPROVED" }] });
    if (replaced.status === "replaced") expect(replaced.draftsRegenerated).toBe(1);
    const after = await db.invoice.findUniqueOrThrow({ where: { id: draft.id }, include: { approvals: true } });
    expect(after.status).toBe("DRAFT");
    expect(after.approvals.map((a) => [a.decision, a.voidedAt !== null, a.voidReason])).toEqual([
      ["APPROVED", true, expect.stringMatching(/was replaced by export\.csv/)],
    ]);
    // Regenerated from the corrected usage: 37.25 (rounded to 37) + 100 yen.
    expect(after.subtotalJpy).toBe(137n);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "invoice.return-to-draft", targetId: draft.id },
    });
    expect(event).toMatchObject({ before: { status: "APPROVED" }, after: { status: "DRAFT", approvalsVoided: 1 } });
    expect(event.reason).toMatch(new RegExp(`billing account ${w.account} for ${MONTH}`));
  });

  it("a submitted draft goes back to draft when a part of the month is appended, and bills the part", async () => {
    await applyReleaseSettings();
    const w = await usageWorld(MONTH);
    const finance = await person("FINANCE");
    const all = rowsFor(w.projects);
    await importText(exportCsv(w.account, MONTH, all.slice(0, 2)), { name: "part1.csv" });
    await generateDrafts({ actor: system, month: MONTH, billingGroupIds: [w.group.id] });
    const draft = await db.invoice.findFirstOrThrow({ where: { billingGroupId: w.group.id, month: MONTH } });
    await submitInvoice({ actor: finance, invoiceId: draft.id, expectedVersion: draft.version });

    const appended = await importText(exportCsv(w.account, MONTH, all.slice(2)), { name: "part2.csv", mode: "append" });
    expect(appended).toMatchObject({ status: "appended", returnedToDraft: [{ id: draft.id, status: "SUBMITTED" }] });
    const after = await db.invoice.findUniqueOrThrow({ where: { id: draft.id } });
    expect(after.status).toBe("DRAFT");
    // Regenerated: the part bills the second project's 10 yen on top.
    expect(after.subtotalJpy).toBe(draft.subtotalJpy + 10n);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "invoice.return-to-draft", targetId: draft.id },
    });
    expect(event).toMatchObject({ before: { status: "SUBMITTED" }, after: { status: "DRAFT", approvalsVoided: 0 } });
    expect(event.reason).toMatch(new RegExp(`billing account ${w.account} for ${MONTH} was added to by part2\\.csv`));
  });

  it("a draft whose usage the corrected export removes entirely is regenerated without it", async () => {
    const w = await usageWorld(MONTH);
    await importText(exportCsv(w.account, MONTH, rowsFor(w.projects)));
    await generateDrafts({ actor: system, month: MONTH, billingGroupIds: [w.group.id] });
    const draft = await db.invoice.findFirstOrThrow({ where: { billingGroupId: w.group.id, month: MONTH } });
    expect(await db.invoiceLine.count({ where: { invoiceId: draft.id, kind: "USAGE" } })).toBe(2);

    // The corrected export bills the month to a project no customer holds.
    const other: ExportRow[] = [{ project: `${w.projects[0]}-moved`, sku: "K1", hour: 0, micros: 1_000_000 }];
    const replaced = await importText(exportCsv(w.account, MONTH, other), { mode: "replace" });
    expect(replaced).toMatchObject({ status: "replaced", draftsRegenerated: 1 });
    const after = await db.invoice.findUniqueOrThrow({ where: { id: draft.id }, include: { lines: true } });
    expect(after.lines.filter((l) => l.kind === "USAGE")).toEqual([]);
    expect(after.subtotalJpy).toBe(0n);
  });

  it("a released invoice forbids the change: it needs a credit note, and nothing changes", async () => {
    await applyReleaseSettings();
    const w = await usageWorld(MONTH);
    const finance = await person("FINANCE");
    const manager = await person("MANAGER");
    await importText(exportCsv(w.account, MONTH, rowsFor(w.projects)));
    await generateDrafts({ actor: system, month: MONTH, billingGroupIds: [w.group.id] });
    const draft = await db.invoice.findFirstOrThrow({ where: { billingGroupId: w.group.id, month: MONTH } });
    await submitInvoice({ actor: finance, invoiceId: draft.id, expectedVersion: draft.version });
    await approveInvoice({ actor: manager, invoiceId: draft.id, expectedVersion: draft.version });
    await releaseInvoice({ actor: finance, invoiceId: draft.id });

    const corrected = rowsFor(w.projects).map((r) => ({ ...r, micros: r.micros * 10 }));
    const preview = await importText(exportCsv(w.account, MONTH, corrected));
    expect(preview).toMatchObject({ status: "preview", released: [{ id: draft.id, status: "RELEASED" }] });
    for (const mode of ["replace", "append"] as const) {
      const refused = await importText(exportCsv(w.account, MONTH, corrected), { mode });
      expect(refused).toMatchObject({ status: "refused", code: "usage-invoice-released" });
    }
    const extra = await importText(
      exportCsv(w.account, MONTH, [{ project: w.projects[0]!, sku: "K7", hour: 7, micros: 5 }]),
      { mode: "append" },
    );
    expect(extra).toMatchObject({ status: "refused", code: "usage-invoice-released" });
    if (extra.status === "refused") expect(extra.message).toMatch(/credit note/);
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "3.5", rows: 2 },
      [w.projects[1]!]: { net: "10", rows: 1 },
    });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("RELEASED");
    const refusal = await db.auditEvent.findFirst({
      where: { action: "usage.import", outcome: "REFUSED" },
      orderBy: { seq: "desc" },
    });
    expect(refusal?.metadata).toMatchObject({ rule: "usage-invoice-released" });
  });
});

describe("exact source values", () => {
  it("a stored batch sums to exactly what its file says, with 10 and 11 decimals", async () => {
    const w = await usageWorld(MONTH);
    const costs = ["0.1234567891", "0.12345678901", "1000.00000000009", "-0.00000000001", "3e-11"];
    const header =
      "billing_account_id,service.id,service.description,sku.id,sku.description,project.id,cost,currency,invoice.month";
    const lines = costs.map((c, i) => `${w.account},S,Svc,K${i},Sku ${i},${w.projects[0]},${c},USD,${MONTH}`);
    const result = await importText(`${[header, ...lines].join("\n")}\n`);
    if (result.status !== "imported") throw new Error(result.status);
    // Added up by hand: 0.1234567891 + 0.12345678901 + 1000.00000000009 - 0.00000000001 + 0.00000000003
    expect(result.totals).toEqual({ USD: { cost: "1000.24691357822", credits: "0", net: "1000.24691357822" } });
    const batch = result.batchId;
    const [stored] = await db.$queryRaw<Array<{ lines: string; rollup: string }>>`
      SELECT (SELECT trim_scale(sum(cost))::text FROM "UsageLine" WHERE "batchId" = ${batch}::uuid) AS lines,
             (SELECT trim_scale(sum(cost))::text FROM "UsageRollup" WHERE "batchId" = ${batch}::uuid) AS rollup`;
    expect(stored).toEqual({ lines: "1000.24691357822", rollup: "1000.24691357822" });
    expect((await billedPerProject(w.projects, MONTH))[w.projects[0]!]).toEqual({ net: "1000.24691357822", rows: 5 });
  });

  it("a draft billing amounts far below a yen can still be approved (its content hash holds)", async () => {
    const w = await usageWorld(MONTH);
    const finance = await person("FINANCE");
    const manager = await person("MANAGER");
    const header =
      "billing_account_id,service.id,service.description,sku.id,sku.description,project.id,cost,currency," +
      "credits,invoice.month";
    const credit = '"[{""name"":""x"",""amount"":-0.3}]"';
    const text = `${header}\n${w.account},S,Svc,K,Sku,${w.projects[0]},0.30000000000000004,JPY,${credit},${MONTH}\n`;
    expect((await importText(text)).status).toBe("imported");
    await generateDrafts({ actor: system, month: MONTH, billingGroupIds: [w.group.id] });
    const draft = await db.invoice.findFirstOrThrow({ where: { billingGroupId: w.group.id, month: MONTH } });
    const line = await db.invoiceLine.findFirstOrThrow({ where: { invoiceId: draft.id, kind: "USAGE" } });
    expect(line.sourceCost?.toFixed()).toBe("0.00000000000000004");
    await submitInvoice({ actor: finance, invoiceId: draft.id, expectedVersion: draft.version });
    await approveInvoice({ actor: manager, invoiceId: draft.id, expectedVersion: draft.version });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("APPROVED");
  });
});
