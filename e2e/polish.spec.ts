// Small things people notice: the icons load (no 404 on any page), the description's limit is
// enforced while typing with a counter, and a field error is said once at a readable width.
import { expect, signInAs, test } from "./fixtures";

test("the favicon and the app icons load on the sign-in page and inside the console", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await page.goto("/signin");
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // an ICO header
  const icons = await page.locator('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').all();
  expect(icons.length).toBeGreaterThanOrEqual(3);
  for (const link of icons) {
    const href = (await link.getAttribute("href")) ?? "";
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"], href).toMatch(/^(image\/|application\/manifest\+json)/);
  }
  await signInAs(page, "finance", "/drafts");
  await expect(page.locator('link[rel~="icon"]').first()).toHaveAttribute("href", /favicon\.ico|icon/);
  expect(failed).toEqual([]);
});

test("a description stops at 500 characters as it is typed; a wrong quantity is said once, readably", async ({
  page,
  sql,
  claimDrafts,
}) => {
  // Untouched: the refused save must leave it at version 1.
  const [id] = await claimDrafts({ month: "2026-09", untouched: true });
  await signInAs(page, "finance", `/invoices/${id}`);
  await page.getByRole("button", { name: "Edit invoice" }).click();
  const editor = page.getByTestId("invoice-editor");
  const description = editor.getByLabel("Description, line 1", { exact: true });
  await description.fill("");
  await description.pressSequentially("課金".repeat(4));
  await expect(editor.getByTestId("length-counter")).toHaveText("8 / 500 characters");
  await description.fill("x".repeat(510));
  await expect(description).toHaveValue("x".repeat(500));
  await expect(editor.getByTestId("length-counter")).toHaveText("500 / 500 characters");

  await description.fill("Cloud usage, September");
  await editor.getByLabel("Quantity, line 1", { exact: true }).fill("-1");
  await editor.getByRole("button", { name: "Save" }).click();
  const error = editor.getByTestId("edit-line-1").getByTestId("field-error");
  await expect(error).toHaveText("A number above 0 with up to 9 decimals.");
  // One sentence on at most two lines, not a word per line squeezed into the column.
  const box = await error.boundingBox();
  expect(box!.width).toBeGreaterThan(150);
  expect(box!.height).toBeLessThan(40);
  expect((await sql<{ version: number }>(`SELECT version FROM "Invoice" WHERE id = $1`, [id]))[0]).toEqual({
    version: 1,
  });
});

test("a month the console has nothing for shows a real month, and says which was asked for", async ({ page, sql }) => {
  const [newest] = await sql<{ month: string }>(
    `SELECT month FROM (SELECT month FROM "Invoice" UNION SELECT unnest(months) FROM "UsageBatch") m
     ORDER BY month DESC LIMIT 1`,
  );
  const latest = newest!.month;
  await signInAs(page, "finance", "/drafts?month=2030-01");
  const notice = page.getByTestId("unknown-month");
  const monthPicker = page.locator('select[name="month"]');
  await expect(notice).toHaveText(
    `There is nothing for the month “2030-01” here. Showing ${latest} instead; choose another month below.`,
  );
  await expect(monthPicker).toHaveValue(latest);
  await expect(page.getByTestId("draft-state").first()).toBeVisible();

  // (Text that is no month at all, ?month=2026-13, is an invalid search: e2e/requests.spec.ts.)
  await page.goto("/?month=2019-04");
  await expect(notice).toContainText(`“2019-04” here. Showing ${latest} instead`);
  await expect(monthPicker).toHaveValue(latest);

  // Unassigned usage falls back to the month imported last, and says which it shows.
  await page.goto("/usage/unassigned?month=1999-12");
  await expect(notice).toContainText("“1999-12”");
  const monthLinks = page.getByRole("navigation", { name: "Months", exact: true });
  const shown = (await monthLinks.locator('a[aria-current="page"]').textContent()) ?? "";
  expect(shown).toMatch(/^\d{4}-\d{2}$/);
  await expect(notice).toContainText(`Showing ${shown} instead`);

  await page.goto("/releases?month=1999-12");
  await expect(notice).toHaveText("There is nothing for the month “1999-12” here. Showing every month instead.");
  await expect(monthPicker).toHaveValue("");

  // The lookup's customer page: its newest month of charges, its month list on it.
  const [customer] = await sql<{ id: string }>(
    `SELECT "customerId"::text AS id FROM "Invoice" WHERE month = $1 AND kind = 'INVOICE' LIMIT 1`,
    [latest],
  );
  await page.goto(`/lookup/customers/${customer!.id}?month=2030-01`);
  await expect(notice).toContainText("“2030-01”");
  await expect(page.getByTestId("month-charges").getByRole("link", { name: latest })).toHaveAttribute(
    "aria-current",
    "page",
  );

  // A known month says nothing.
  await page.goto(`/drafts?month=${latest}`);
  await expect(monthPicker).toHaveValue(latest);
  await expect(notice).toHaveCount(0);

  // In Japanese (the language cookie the switch sets; the switch itself is the foundation journey's).
  const { hostname } = new URL(page.url());
  await page.context().addCookies([{ name: "locale", value: "ja", domain: hostname, path: "/" }]);
  await page.goto("/drafts?month=2030-01");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(notice).toHaveText(
    `「2030-01」の月のデータはありません。代わりに ${latest} を表示しています。下で別の月を選べます。`,
  );
});
