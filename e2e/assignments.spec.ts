// The assignments page at real size: the unassigned list opens on the month just imported,
// lists page by keyset with where they are, and customers are found by name or kana.
import { ASSIGNMENT_PAGE_SIZE } from "../lib/projects/assignment-page-size";
import { expect, test } from "./fixtures";

const hiragana = (katakana: string) =>
  katakana.replace(/[\u30a1-\u30f6]/g, (k) => String.fromCharCode(k.charCodeAt(0) - 0x60));

test("the unassigned list opens on the month just imported and pages a search by keyset", async ({
  page,
  signInAs,
  sql,
}) => {
  await signInAs("admin", "/admin/assignments");
  const title = page.getByTestId("assignment-list-title");
  const range = page.getByTestId("assignment-range");
  // The seed imported 2026-08, 2026-09, then 2026-10, whose usage has six projects nobody has.
  await expect(title).toHaveText("Projects with usage in 2026-10 and no customer");
  await expect(range).toHaveText("1–6 of 6");
  await expect(page.locator('[data-testid^="project-unassigned-sandbox-"]')).toHaveCount(6);
  await page.getByRole("navigation", { name: "Months" }).getByRole("link", { name: "2026-09" }).click();
  await expect(title).toHaveText("Projects with usage in 2026-09 and no customer");
  await expect(page.getByText("No project matches.")).toBeVisible();

  const matching = await sql<{ id: string }>(
    `SELECT id FROM "Project" WHERE lower(id) LIKE '%prod%' OR lower(name) LIKE '%prod%' ORDER BY id`,
  );
  const total = matching.length;
  // A page, a second one and more: the keyset links each way are all there to follow.
  const size = ASSIGNMENT_PAGE_SIZE;
  expect(total).toBeGreaterThan(2 * size);
  await page.getByLabel("Project id or name").fill("prod");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(title).toHaveText("Projects matching “prod”");
  await expect(range).toHaveText(`1–${size} of ${total}`);
  const items = page.locator('li[data-testid^="project-"]');
  await expect(items).toHaveCount(size);
  await expect(items.first()).toHaveAttribute("data-testid", `project-${matching[0]?.id}`);
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(range).toHaveText(`${size + 1}–${2 * size} of ${total}`);
  await expect(page).toHaveURL(new RegExp(`after=${matching[size - 1]?.id}`));
  await expect(items.first()).toHaveAttribute("data-testid", `project-${matching[size]?.id}`);
  await page.getByRole("link", { name: "← Previous page" }).click();
  await expect(range).toHaveText(`1–${size} of ${total}`);
  await expect(items.last()).toHaveAttribute("data-testid", `project-${matching[size - 1]?.id}`);
});

test("a customer is found by its kana (as typed, in hiragana) and chosen for a project", async ({
  page,
  signInAs,
  sql,
}) => {
  const [customer] = await sql<{ code: string; name: string; kana: string }>(
    `SELECT code, name, "nameKana" AS kana FROM "Customer" WHERE code = 'C00002'`,
  );
  if (!customer) throw new Error("the demo data has C00002");
  await signInAs("admin", "/admin/assignments");
  const item = page.getByTestId("project-unassigned-sandbox-003");
  await item.getByRole("link", { name: "Assign…" }).click();
  await item.getByLabel("Customer (name, kana or code)").fill(hiragana(customer.kana));
  await item.getByRole("button", { name: "Find customer" }).click();
  await expect(item.getByTestId("customer-matches")).toContainText(customer.name);
  await item.getByRole("link", { name: `Choose ${customer.code}` }).click();
  await expect(item).toContainText(`Assign to ${customer.code} ${customer.name}:`);
  // The form starts on the month of the list it was opened from.
  await expect(item.getByLabel("From month")).toHaveValue("2026-10");
  await expect(item.getByLabel("Billing group")).toBeVisible();
});

test("the unassigned usage list opens on the month just imported and leads an admin to assign", async ({
  page,
  signInAs,
}) => {
  await signInAs("admin", "/usage/unassigned");
  await expect(page.getByRole("navigation", { name: "Months" }).getByRole("link", { name: "2026-10" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await page.getByRole("link", { name: "Assign… unassigned-sandbox-004" }).click();
  await expect(page).toHaveURL(/\/admin\/assignments\?.*project=unassigned-sandbox-004/);
  await expect(
    page.getByTestId("project-unassigned-sandbox-004").getByLabel("Customer (name, kana or code)"),
  ).toBeVisible();
  // The month travels with the link: what the usage upload links to (?month=) opens the same list.
  await page.goto("/usage/unassigned?month=2026-09");
  await expect(page.getByRole("navigation", { name: "Months" }).getByRole("link", { name: "2026-09" })).toHaveAttribute(
    "aria-current",
    "page",
  );
});
