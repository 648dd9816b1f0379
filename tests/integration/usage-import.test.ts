import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyChainSegment } from "@/lib/audit/hash-chain";
import { importUsageBatch } from "@/lib/usage/import-usage-batch";
import { countUsageLines, listBatchUsageLines, rollupFromLines, storedRollup } from "../support/usage";

const fixture = (name: string) => path.resolve(import.meta.dirname, "../fixtures/usage", name);
const actor = { id: null, email: "system:test", name: "test", roles: ["FINANCE"] as const };

function tempCopy(name: string, transform: (s: string) => string = (s) => s) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "usage-")), name);
  fs.writeFileSync(file, transform(fs.readFileSync(fixture(name), "utf8")));
  return file;
}

describe("importing a usage batch", () => {
  it("loads every row with COPY, creates projects, totals per currency and per project, and audits", async () => {
    const result = await importUsageBatch({
      actor,
      filePath: fixture("gcp-small.csv"),
      fileName: "gcp-small.csv",
      source: "cli",
    });
    expect(result.status).toBe("imported");
    if (result.status !== "imported") return;
    expect(result.rows).toBe(4);
    expect(result.months).toEqual(["2026-09", "2026-10"]);
    expect(result.totals).toEqual({
      JPY: { cost: "1434.567891", credits: "-100.5", net: "1334.067891" },
      USD: { cost: "10.35", credits: "-0.1", net: "10.25" },
    });
    expect(result.perProject).toEqual([
      { projectId: "fixture-shop-dev", currency: "USD", net: "0" },
      { projectId: "fixture-shop-prod", currency: "JPY", net: "1334.067891" },
      { projectId: "fixture-shop-prod", currency: "USD", net: "10.25" },
    ]);
    const lines = await listBatchUsageLines(result.batchId);
    expect(lines.map((l) => [l.lineNo, l.cost.toString(), l.credits.toString()])).toEqual([
      [2, "1234.567891", "-100.5"],
      [3, "10.25", "0"],
      [4, "0.1", "-0.1"],
      [5, "200", "0"],
    ]);
    expect(await db.project.findUnique({ where: { id: "fixture-shop-prod" } })).toMatchObject({
      name: "Shop prod",
      firstSeenMonth: "2026-09",
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "usage.import", targetId: result.batchId } });
    expect(event.after).toMatchObject({ rows: 4, months: ["2026-09", "2026-10"] });
    expect(verifyChainSegment(await db.auditEvent.findMany({ orderBy: { seq: "asc" } }), null).ok).toBe(true);
  });

  it("the same file again changes nothing and says so", async () => {
    const before = await countUsageLines();
    const again = await importUsageBatch({
      actor,
      filePath: fixture("gcp-small.csv"),
      fileName: "renamed.csv",
      source: "cli",
    });
    expect(again.status).toBe("already-imported");
    expect(await countUsageLines()).toBe(before);
    if (again.status === "already-imported") expect(again.rows).toBe(4);
  });

  it("a file with bad rows writes nothing and reports every problem", async () => {
    const batches = await db.usageBatch.count();
    const lines = await countUsageLines();
    const result = await importUsageBatch({
      actor,
      filePath: fixture("gcp-bad.csv"),
      fileName: "gcp-bad.csv",
      source: "cli",
    });
    expect(result.status).toBe("refused");
    if (result.status === "refused") {
      expect(result.errorCount).toBe(5);
      expect(result.errors[0]).toEqual({
        line: 3,
        column: "cost",
        code: "not-a-number",
        params: { value: "twelve" },
        reason: '"twelve" is not a number',
      });
    }
    expect(await db.usageBatch.count()).toBe(batches);
    expect(await countUsageLines()).toBe(lines);
    expect(await db.project.findUnique({ where: { id: "fixture-bad-1" } })).toBeNull();
  });

  it("a file that is neither format is refused with the reason", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "usage-")), "bank.csv");
    fs.writeFileSync(file, "date,amount,description\n2026-10-01,100,coffee\n");
    const result = await importUsageBatch({ actor, filePath: file, fileName: "bank.csv", source: "cli" });
    expect(result).toMatchObject({ status: "refused", format: null });
  });

  it("NDJSON and FOCUS import too, and keep exact decimals", async () => {
    const json = await importUsageBatch({
      actor,
      filePath: fixture("gcp-small.jsonl"),
      fileName: "gcp-small.jsonl",
      source: "cli",
    });
    // 0.30000000000000004 keeps every digit as exported: amounts are never rounded.
    expect(json).toMatchObject({
      status: "imported",
      rows: 2,
      totals: { USD: { cost: "1.50000000000000004", credits: "-0.1", net: "1.40000000000000004" } },
    });
    const focus = await importUsageBatch({
      actor,
      filePath: fixture("focus-small.csv"),
      fileName: "focus-small.csv",
      source: "cli",
    });
    expect(focus).toMatchObject({ status: "imported", rows: 3, totals: { USD: { net: "15" } } });
  });

  it("free text with tabs, backslashes and line breaks is stored exactly", async () => {
    const header =
      "billing_account_id,service.id,service.description,sku.id,sku.description,project.id,cost,currency,invoice.month";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "usage-")), "escapes.csv");
    // Long Japanese text makes the chunk's UTF-8 longer than its characters (the encoder's slow path).
    const japanese = "東京リージョンの仮想マシン".repeat(6);
    fs.writeFileSync(
      file,
      [
        header,
        "BA-ESC,S1,Plain,K1,plain,fixture-escape,1,JPY,202610",
        'BA-ESC,S1,"Tab\there",K1,"C:\\path\\x ""quoted""\nnext line",fixture-escape,2,JPY,202610',
        `BA-ESC,S1,${japanese},K1,${japanese},fixture-escape,3,JPY,202610`,
        "",
      ].join("\n"),
    );
    const result = await importUsageBatch({ actor, filePath: file, fileName: "escapes.csv", source: "cli" });
    expect(result.status).toBe("imported");
    if (result.status !== "imported") return;
    const lines = await listBatchUsageLines(result.batchId);
    expect(lines.map((l) => [l.serviceDescription, l.skuDescription])).toEqual([
      ["Plain", "plain"],
      ["Tab\there", 'C:\\path\\x "quoted"\nnext line'],
      [japanese, japanese],
    ]);
  });

  it("the rollup the import adds up equals the sum of its lines, row for row", async () => {
    // Many rows per key, more than 9 decimals (rounded like the column), no unit, and a second month.
    const header =
      "billing_account_id,service.id,service.description,sku.id,sku.description,project.id,cost,currency," +
      "invoice.month,usage.amount,usage.unit,credits";
    const rows = Array.from({ length: 300 }, (_, i) =>
      [
        `BA-ROLLUP`,
        `S${i % 3}`,
        `Service ${i % 3}`,
        `K${i % 5}`,
        `SKU ${i % 5}`,
        `fixture-rollup-${i % 4}`,
        `${i}.${String(i * 7919).padStart(10, "0")}`,
        i % 7 ? "JPY" : "USD",
        i % 11 ? "2026-10" : "2026-09",
        i % 6 ? `${i}.5` : "",
        i % 6 ? "h" : "",
        i % 9 ? "[]" : `"[{""amount"":-${i}.25,""name"":""promo""}]"`,
      ].join(","),
    );
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "usage-")), "rollup.csv");
    fs.writeFileSync(file, `${[header, ...rows].join("\n")}\n`);
    const result = await importUsageBatch({ actor, filePath: file, fileName: "rollup.csv", source: "cli" });
    expect(result.status).toBe("imported");
    if (result.status !== "imported") return;
    const stored = await storedRollup(result.batchId);
    expect(stored.length).toBeGreaterThan(30);
    expect(stored.reduce((n, r) => n + r.rows, 0)).toBe(300);
    expect(stored).toEqual(await rollupFromLines(result.batchId));
  });

  it("two concurrent imports of the same file import it once", async () => {
    const file = tempCopy("gcp-small.csv", (s) =>
      s.replaceAll("fixture-shop", "fixture-race").replaceAll("0F0000-F1X7UR-E00001", "0F0000-F1X7UR-RACE01"),
    );
    const results = await Promise.all(
      [1, 2, 3].map(() => importUsageBatch({ actor, filePath: file, fileName: "race.csv", source: "cli" })),
    );
    expect(results.filter((r) => r.status === "imported")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already-imported")).toHaveLength(2);
    expect(await countUsageLines({ projectIdPrefix: "fixture-race" })).toBe(4);
  });
});

describe("FOCUS files as exporters write them", () => {
  const provider = (name: string) => path.resolve(import.meta.dirname, "../fixtures/usage/providers", name);
  const scenario = (name: string) => path.resolve(import.meta.dirname, "../fixtures/usage/focus-spec", name);

  it.each([
    ["aws-focus-1.2.csv", 4, { USD: "29.0316416" }],
    ["azure-focus-1.0.csv", 2, { JPY: "12.66227761353" }],
    ["oci-focus-1.0.csv", 2, { JPY: "1.536" }],
    ["focus-nulls.csv", 3, { USD: "6.5" }],
  ])("%s imports (%i rows), amounts exactly as written", async (name, rows, nets) => {
    const result = await importUsageBatch({ actor, filePath: provider(name), fileName: name, source: "cli" });
    expect(result).toMatchObject({ status: "imported", rows });
    if (result.status !== "imported") return;
    expect(Object.fromEntries(Object.entries(result.totals).map(([c, t]) => [c, t.net]))).toEqual(nets);
    expect(await db.project.count({ where: { id: { in: ["NULL", "null", "Null"] } } })).toBe(0);
  });

  it("the spec's scenarios: the SaaS agreement imports, the commitment-discount ones are refused", async () => {
    const saas = await importUsageBatch({
      actor,
      filePath: scenario("saas_spend_agreements_b2.csv"),
      fileName: "saas_spend_agreements_b2.csv",
      source: "cli",
    });
    expect(saas).toMatchObject({ status: "imported", rows: 14, totals: { USD: { net: "1200" } } });
    if (saas.status === "imported") expect(saas.scopes.map((s) => s.month)).toHaveLength(12);
    for (const name of [
      "commitment_discount_usage_scenario_3.csv",
      "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv",
    ]) {
      const result = await importUsageBatch({ actor, filePath: scenario(name), fileName: name, source: "cli" });
      expect(result).toMatchObject({
        status: "refused",
        code: "usage-invalid-file",
        errors: [{ line: 1, code: "missing-columns", params: { columns: "BillingCurrency" } }],
      });
    }
  });
});
