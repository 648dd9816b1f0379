// Finance imports usage from the browser: a good file, the same file again, and a bad file.
import path from "node:path";
import { expect, test } from "./fixtures";

const fixture = (name: string) => path.resolve(import.meta.dirname, "../tests/fixtures/usage", name);

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
  const [count] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "UsageBatch" WHERE "fileName" = 'gcp-small.jsonl'`,
  );
  expect(count!.n).toBe("1");
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
