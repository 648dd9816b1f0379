// `npm run usage:import` as finance runs it, against the test database: a month, the same month
// re-saved with a BOM and Windows line endings, a corrected export (previewed, then --replace),
// and a file with an impossible date. Each run is a real process; its JSON and exit code are
// what a script calling it sees.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { ImportResult } from "@/lib/usage/import-result";
import { countUsageLines } from "../support/usage";
import { type ExportRow, billedPerProject, exportCsv, usageWorld, writeTemp } from "../support/usage-files";

const MONTH = "2035-06";
const root = path.resolve(import.meta.dirname, "../..");

function usageImport(file: string, ...flags: string[]) {
  const run = spawnSync("npx", ["tsx", "scripts/usage-import.ts", file, "--json", ...flags], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL, TZ: process.env.TZ },
    encoding: "utf8",
    timeout: 120_000,
  });
  const last = run.stdout.trim().split("\n").pop() ?? "";
  return { code: run.status, result: JSON.parse(last) as ImportResult, stderr: run.stderr };
}

describe("npm run usage:import", () => {
  // Each run is a process that starts TypeScript and checks the migrations: slow on a busy machine.
  it("a month, the same month re-saved (BOM, CRLF), then a corrected export with --replace", {
    timeout: 300_000,
  }, async () => {
    const w = await usageWorld(MONTH);
    const rows: ExportRow[] = [
      { project: w.projects[0]!, sku: "K1", hour: 0, micros: 1_250_000 },
      { project: w.projects[0]!, sku: "K2", hour: 3, micros: 99_000_000, creditMicros: -9_000_000 },
      { project: w.projects[1]!, sku: "K1", hour: 0, micros: 7_000_001 },
    ];
    const first = usageImport(writeTemp("billing-2035-06.csv", exportCsv(w.account, MONTH, rows)));
    expect(first.code).toBe(0);
    expect(first.result).toMatchObject({
      status: "imported",
      rows: 3,
      scopes: [{ billingAccountId: w.account, month: MONTH, rows: 3, status: "new" }],
    });
    const lines = await countUsageLines();

    const resaved = exportCsv(w.account, MONTH, rows, { bom: true, crlf: true, order: [2, 1, 0] });
    const again = usageImport(writeTemp("billing-2035-06 (1).csv", resaved));
    expect(again.code).toBe(0);
    expect(again.result).toMatchObject({
      status: "already-imported",
      scopes: [{ billingAccountId: w.account, month: MONTH, status: "unchanged" }],
    });
    expect(await countUsageLines()).toBe(lines);

    const corrected: ExportRow[] = [
      { project: w.projects[0]!, sku: "K1", hour: 0, micros: 1_250_000 },
      { project: w.projects[1]!, sku: "K1", hour: 0, micros: 8_000_000 },
    ];
    const file = writeTemp("billing-2035-06-corrected.csv", exportCsv(w.account, MONTH, corrected, { crlf: true }));
    const preview = usageImport(file);
    expect(preview.code).toBe(3);
    expect(preview.result).toMatchObject({ status: "preview", staged: false });
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "91.25", rows: 2 },
      [w.projects[1]!]: { net: "7.000001", rows: 1 },
    });

    const replaced = usageImport(file, "--replace");
    expect(replaced.code).toBe(0);
    expect(replaced.result).toMatchObject({
      status: "replaced",
      scopes: [{ billingAccountId: w.account, month: MONTH, rows: 2, status: "changed", previousRows: 3 }],
    });
    // Exactly the corrected rows are billed.
    expect(await billedPerProject(w.projects, MONTH)).toEqual({
      [w.projects[0]!]: { net: "1.25", rows: 1 },
      [w.projects[1]!]: { net: "8", rows: 1 },
    });
    const states = await db.usageBatchScope.findMany({
      where: { billingAccountId: w.account },
      orderBy: { createdAt: "asc" },
      select: { state: true },
    });
    expect(states.map((s) => s.state)).toEqual(["SUPERSEDED", "CURRENT"]);
  });

  it("an impossible date is refused with its line and column: exit 1, the JSON report, no stack trace", {
    timeout: 120_000,
  }, async () => {
    const w = await usageWorld(MONTH);
    const header = "BilledCost,BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,SubAccountId";
    const text = `${header}\n1,${w.account},USD,2035-02-01T00:00:00Z,2035-02-30T00:00:00Z,${w.projects[0]}\n`;
    const run = usageImport(writeTemp("focus.csv", text));
    expect(run.code).toBe(1);
    expect(run.result).toMatchObject({
      status: "refused",
      code: "usage-invalid-file",
      errors: [{ line: 2, column: "ChargePeriodStart", code: "impossible-date" }],
    });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
