// Finance reviews the month's drafts: list, filters, sorting, CSV, an invoice, its usage rows.
import { expect, test } from "./fixtures";

test("the month's drafts: list, filter by flag, sort by change, search, and CSV export", async ({
  page,
  signInAs,
  sql,
}) => {
  await signInAs("finance", "/drafts");
  const [{ n }] = (await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "Invoice" WHERE month = '2026-10'`)) as [
    { n: string },
  ];
  await expect(page.getByText(`1–50 of ${n}`)).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Usage of 6 project(s) with no customer this month");

  await page.getByLabel("Flag").selectOption("moved");
  await page.getByRole("button", { name: "Apply" }).click();
  const rows = page.getByTestId("drafts-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText("Moved > 30%");

  await page.getByRole("link", { name: /Change vs last month/ }).click();
  await page.waitForURL(/sort=change&dir=asc/);
  await page.getByRole("link", { name: /Change vs last month/ }).click();
  await page.waitForURL(/sort=change&dir=desc/);
  await expect(page.getByRole("columnheader", { name: /Change vs last month/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );

  await page.goto("/drafts?month=2026-10&q=C00001");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("C00001");

  // A page past the end (an old link, a shrunk filter) says how many match and leads back.
  await page.goto("/drafts?month=2026-10&page=999");
  await expect(page.getByTestId("drafts-past-end")).toContainText(`${n} invoices match`);
  await page.getByRole("link", { name: "Go to the first page" }).click();
  await expect(page.getByText(`1–50 of ${n}`)).toBeVisible();

  const csv = await page.request.get("/api/drafts/export?month=2026-10", {
    headers: { "Accept-Language": "en-US,en" },
  });
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  // Column names in the reader's language (e2e/finance-lists.spec.ts checks both languages).
  expect(lines[0]).toContain("Invoice ID,Customer code,Customer name");
  expect(lines).toHaveLength(Number(n) + 1);
});

test("an invoice shows its lines and totals, and each project's usage rows are one click away", async ({
  page,
  signInAs,
  sql,
  claimDrafts,
}) => {
  // A draft of its own (no other journey edits its total meanwhile) with usage from a project.
  const [id] = await claimDrafts({
    month: "2026-10",
    where: `EXISTS (SELECT 1 FROM "InvoiceLine" l WHERE l."invoiceId" = i.id AND l."projectId" IS NOT NULL)`,
  });
  const [invoice] = await sql<{ id: string; total: string }>(
    `SELECT id, "totalJpy"::text AS total FROM "Invoice" WHERE id = $1`,
    [id],
  );
  await signInAs("finance", `/invoices/${invoice!.id}`);
  await expect(page.getByTestId("invoice-total")).toHaveText(`¥${BigInt(invoice!.total).toLocaleString("en-US")}`);
  await page.getByRole("link", { name: "Usage rows →" }).first().click();
  await expect(page).toHaveURL(/\/usage\/projects\/.+\?month=2026-10/);
  await expect(page.getByTestId("usage-rows").locator("tbody tr").first()).toBeVisible();
});

test("regenerating the month with no new usage changes nothing", async ({ page, signInAs, sql }) => {
  // Whatever other journeys submitted meanwhile is skipped; every draft still a draft is unchanged.
  const [{ drafts }] = (await sql<{ drafts: number }>(
    `SELECT count(*)::int AS drafts FROM "Invoice" WHERE month = '2026-10' AND kind = 'INVOICE' AND status = 'DRAFT'`,
  )) as [{ drafts: number }];
  expect(drafts).toBeGreaterThan(0);
  const versions = await sql(`SELECT sum(version)::int AS n FROM "Invoice" WHERE month = '2026-10'`);
  await signInAs("finance", "/drafts?month=2026-10");
  await page.getByRole("button", { name: "Generate drafts for 2026-10" }).click();
  await expect(page.getByRole("status")).toContainText(`0 created, 0 updated, ${drafts} unchanged`);
  expect(await sql(`SELECT sum(version)::int AS n FROM "Invoice" WHERE month = '2026-10'`)).toEqual(versions);
});

test("support sees no drafts list", async ({ page, signInAs }) => {
  await signInAs("support");
  expect((await page.goto("/drafts"))?.status()).toBe(403);
});

test("an admin assigns an unassigned project, and regenerating bills its usage", async ({
  page,
  signInAs,
  browser,
}) => {
  await signInAs("admin", "/admin/assignments");
  const item = page.getByTestId("project-unassigned-sandbox-001");
  await item.getByRole("link", { name: "Assign…" }).click();
  await item.getByLabel("Customer (name, kana or code)").fill("C00001");
  await item.getByRole("button", { name: "Find customer" }).click();
  await item.getByRole("link", { name: "Choose C00001" }).click();
  await item.getByLabel("From month").fill("2026-10");
  await item.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Assigned unassigned-sandbox-001 to C00001 from 2026-10");
  await expect(page.getByTestId("project-unassigned-sandbox-001")).toContainText("C00001");

  const context = await browser.newContext({ locale: "en-US" });
  const finance = await context.newPage();
  const { signInAs: signInOther } = await import("./fixtures");
  await signInOther(finance, "finance", "/drafts?month=2026-10");
  // The project is no longer unassigned; C00001's draft picks its usage up when regenerated.
  await expect(finance.getByRole("note")).toContainText("Usage of 5 project(s)");
  await finance.getByRole("button", { name: "Generate drafts for 2026-10" }).click();
  await expect(finance.getByRole("status")).toContainText("0 created, 1 updated");
  await context.close();
});
