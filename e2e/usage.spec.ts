// Finance imports usage from the browser: a good file, the same file again, a month re-saved
// and then corrected (previewed, then replaced), and a bad file.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { type ExportRow, exportCsv, writeTemp } from "../tests/support/usage-export";
import type { Page } from "@playwright/test";
import { expect, signInAs, test } from "./fixtures";

const fixture = (name: string) => path.resolve(import.meta.dirname, "../tests/fixtures/usage", name);

async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

async function upload(page: Page, name: string, text: string, button = "Import") {
  await page.getByLabel(/Usage export file|利用実績ファイル/).setInputFiles(writeTemp(name, text));
  await page.getByRole("button", { name: button, exact: true }).click();
}

test("finance imports a usage export, sees the summary, and the same file again changes nothing", async ({
  page,
  signInAs,
  sql,
}) => {
  await signInAs("finance", "/usage");
  await page.getByLabel("Usage export file").setInputFiles(fixture("gcp-small.jsonl"));
  await page.getByRole("button", { name: "Import" }).click();
  const summary = page.getByTestId("import-summary");
  await expect(summary).toContainText("Imported 2 rows (GCP_JSONL) for 2026-10: 1 projects.");
  await expect(summary.getByRole("row", { name: /USD/ })).toContainText("1.4");
  await expect(page.getByRole("cell", { name: /gcp-small\.jsonl/ })).toBeVisible();

  await page.getByLabel("Usage export file").setInputFiles(fixture("gcp-small.jsonl"));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(summary).toContainText("already imported");
  await expect(summary.getByTestId("import-scopes")).toContainText("Unchanged");
  const [count] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "UsageBatch" WHERE "fileName" = 'gcp-small.jsonl'`,
  );
  expect(count!.n).toBe("1");
});

test("a month re-saved with a BOM and CRLF changes nothing; a corrected export replaces it once confirmed", async ({
  page,
  signInAs,
  sql,
}) => {
  const s = randomUUID().slice(0, 6).toUpperCase();
  const account = `0E2E00-${s}-000001`;
  const month = "2036-04";
  const [web, db] = [`e2e-web-${s.toLowerCase()}`, `e2e-db-${s.toLowerCase()}`];
  const rows: ExportRow[] = [
    { project: web, sku: "K1", hour: 0, micros: 1_500_000, currency: "USD" },
    { project: web, sku: "K2", hour: 1, micros: 20_000_000, creditMicros: -2_000_000, currency: "USD" },
    { project: db, sku: "K1", hour: 0, micros: 5_000_000, currency: "USD" },
  ];
  const billed = () =>
    sql<{ projectId: string; net: string; rows: number }>(
      `SELECT "projectId", trim_scale(sum(cost + credits))::text AS net, sum(rows)::int AS rows FROM "UsageRollup"
       WHERE "billingAccountId" = $1 AND current GROUP BY 1 ORDER BY 1`,
      [account],
    );
  await signInAs("finance", "/usage");

  await upload(page, "export.csv", exportCsv(account, month, rows));
  const summary = page.getByTestId("import-summary");
  await expect(summary).toContainText(`Imported 3 rows (GCP_CSV) for ${month}`);
  await expect(summary.getByTestId("import-scopes").getByRole("row", { name: new RegExp(account) })).toContainText(
    "New",
  );

  await upload(page, "export (1).csv", exportCsv(account, month, rows, { bom: true, crlf: true, order: [2, 0, 1] }));
  await expect(summary).toContainText("already imported");

  const corrected: ExportRow[] = [
    { project: web, sku: "K1", hour: 0, micros: 1_500_000, currency: "USD" },
    { project: db, sku: "K1", hour: 0, micros: 6_000_000, currency: "USD" },
  ];
  await upload(page, "export-corrected.csv", exportCsv(account, month, corrected, { crlf: true }));
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("This file changes usage already imported");
  const changes = preview.getByTestId("usage-changes");
  await expect(changes.getByRole("row", { name: new RegExp(web) })).toContainText("19.5 USD");
  await expect(changes.getByRole("row", { name: new RegExp(web) })).toContainText("-18 USD");
  await expect(changes.getByRole("row", { name: new RegExp(db) })).toContainText("6 USD");
  // Previewed, not billed.
  expect(await billed()).toEqual([
    { projectId: db, net: "5", rows: 1 },
    { projectId: web, net: "19.5", rows: 2 },
  ]);
  await shot(page, "usage-preview-en");

  await preview.getByRole("button", { name: "Replace the month's usage" }).click();
  await expect(summary).toContainText(`Replaced: 2 rows are now billed for ${month}`);
  expect(await billed()).toEqual([
    { projectId: db, net: "6", rows: 1 },
    { projectId: web, net: "1.5", rows: 1 },
  ]);
  await expect(page.getByRole("row", { name: /export\.csv/ }).first()).toContainText("Replaced");
});

test("the replacement preview in Japanese: what changes per project, and the confirmation", async ({
  browser,
  sql,
}) => {
  const s = randomUUID().slice(0, 6).toUpperCase();
  const account = `0E2E01-${s}-000001`;
  const month = "2036-05";
  const project = `e2e-ja-${s.toLowerCase()}`;
  const rows: ExportRow[] = [
    { project, sku: "K1", hour: 0, micros: 1_000_000_000 },
    { project, sku: "K2", hour: 1, micros: 250_000_000 },
  ];
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, "finance", "/usage");
  await upload(page, "export.csv", exportCsv(account, month, rows), "取り込む");
  const summary = page.getByTestId("import-summary");
  await expect(summary).toContainText(`${month} の 2 行(GCP_CSV)を取り込みました`);

  await upload(page, "export-corrected.csv", exportCsv(account, month, rows.slice(0, 1)), "取り込む");
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("このファイルは取込済みの利用実績を変更します。まだ何も請求対象にしていません。");
  await expect(preview.getByTestId("import-scopes").getByRole("row", { name: new RegExp(account) })).toContainText(
    "変更あり",
  );
  const changes = preview.getByTestId("usage-changes");
  await expect(changes.getByRole("columnheader")).toHaveText([
    "対象月",
    "プロジェクト",
    "通貨",
    "現在の請求対象",
    "変更後",
    "差額",
    "追加される行",
    "削除される行",
  ]);
  const change = changes.getByRole("row", { name: new RegExp(project) });
  await expect(change.getByRole("cell")).toHaveText([
    month,
    project,
    "JPY",
    "1,250 JPY",
    "1,000 JPY",
    "-250 JPY",
    "0",
    "1",
  ]);
  await expect(preview.getByRole("button", { name: "月の一部として追加する" })).toBeVisible();
  await shot(page, "usage-preview-ja");

  await preview.getByRole("button", { name: "その月の利用実績を置き換える" }).click();
  await expect(summary).toContainText(`置き換えました: ${month} の請求対象は 1 行になりました。`);
  await expect(summary.getByTestId("usage-changes").getByRole("columnheader").nth(3)).toHaveText("変更前の請求対象");
  const billed = await sql<{ net: string }>(
    `SELECT trim_scale(sum(cost + credits))::text AS net FROM "UsageRollup" WHERE "billingAccountId" = $1 AND current`,
    [account],
  );
  expect(billed).toEqual([{ net: "1000" }]);
  await shot(page, "usage-replaced-ja");
  await context.close();
});

test("a file with bad rows is refused with every problem by line, and nothing is imported", async ({
  page,
  signInAs,
  sql,
}) => {
  const [before] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "UsageLine"`);
  await signInAs("finance", "/usage");
  await page.getByLabel("Usage export file").setInputFiles(fixture("gcp-bad.csv"));
  await page.getByRole("button", { name: "Import" }).click();
  const refused = page.getByTestId("import-refused");
  await expect(refused).toContainText("Nothing was imported: 5 problem(s)");
  await expect(refused.getByRole("row", { name: /3 cost "twelve" is not a number/ })).toBeVisible();
  await expect(refused.getByRole("row", { name: /5 invoice\.month "2026-13" is not a month/ })).toBeVisible();
  await expect(refused.getByRole("link", { name: "Download the problems as CSV" })).toHaveAttribute(
    "href",
    /line%2Ccolumn%2Creason/,
  );
  const [after] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "UsageLine"`);
  expect(after!.n).toBe(before!.n);
});

test("support cannot import usage: the page is refused and so is a direct upload", async ({ page, signInAs }) => {
  await signInAs("support");
  expect((await page.goto("/usage"))?.status()).toBe(403);
  const response = await page.request.post("/api/usage/import", {
    headers: { "x-file-name": "x.csv", Origin: new URL(page.url()).origin },
    data: "billing_account_id,cost\n",
  });
  expect(response.status()).toBe(403);
});
