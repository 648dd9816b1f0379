// The managers' queue while closing a month: "What changed" on a first submission compares with
// the draft computed from usage (not with an approval that never happened), and on a
// resubmission with the version last decided on; coming back to the queue with the browser's
// Back button shows the current state, so an invoice just opened can be approved in bulk at
// once. Uses August 2026 drafts of its own (e2e/support/claims.ts).
import type { Page } from "@playwright/test";
import { type DemoRole, expect, test } from "./fixtures";
import { useLanguage } from "./support/language";

type SignIn = (role: DemoRole, next?: string) => Promise<void>;

/** August drafts of this journey's own, one approval each, never rejected, untouched. */
const august = { month: "2026-08", approvals: "one", neverRejected: true, untouched: true } as const;

/** Finance renames the first line in the editor and saves: a new version. */
async function editFirstLine(page: Page, signInAs: SignIn, id: string, version: number) {
  await signInAs("finance", `/invoices/${id}`);
  await page.getByRole("button", { name: "Edit invoice" }).click();
  const editor = page.getByTestId("invoice-editor");
  const description = editor.getByLabel("Description, line 1", { exact: true });
  await description.fill(`${await description.inputValue()} (checked v${version})`);
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("edit-notice")).toContainText(`Saved as version ${version}.`);
}

async function submit(page: Page, signInAs: SignIn, id: string) {
  await signInAs("finance", `/invoices/${id}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
}

test("What changed: against the computed draft on a first submission, the last decision on a resubmission", async ({
  page,
  signInAs,
  claimDrafts,
}) => {
  // Two edits, three submissions and a rejection through the pages: a long journey.
  test.slow();
  const [first, again] = (await claimDrafts({ ...august, n: 2 })) as [string, string];
  // A first submission that finance edited before submitting: v2, never decided on.
  await editFirstLine(page, signInAs, first, 2);
  await submit(page, signInAs, first);
  // A resubmission: rejected at v1, edited to v2, submitted again.
  await submit(page, signInAs, again);
  await signInAs("manager", `/invoices/${again}`);
  await page.getByRole("button", { name: "Reject (R)" }).click();
  await page.getByLabel("Reason for rejecting").fill("The Networking line needs a note");
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(page.getByTestId("rejected-done")).toBeVisible();
  await editFirstLine(page, signInAs, again, 2);
  await submit(page, signInAs, again);

  await signInAs("manager2", "/approvals");
  const row = (id: string) => page.locator(`[data-testid="queue-row"][data-invoice-id="${id}"]`);
  await expect(row(first).getByRole("link", { name: "What changed" })).toHaveAttribute(
    "href",
    `/invoices/${first}/history`,
  );
  await expect(row(again).getByRole("link", { name: "What changed" })).toHaveAttribute(
    "href",
    `/invoices/${again}/history?a=1&b=2`,
  );

  await row(first).getByRole("link", { name: "What changed" }).click();
  await expect(page.getByTestId("compare-computed")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("comparison-sides")).toContainText("v1 (computed from usage) → v2 (edited)");
  await expect(page.getByTestId("diff-summary")).toContainText("1 line(s) changed");
  await expect(page.getByTestId("comparison-problem")).toHaveCount(0);

  await page.goto("/approvals");
  await row(again).getByRole("link", { name: "What changed" }).click();
  await expect(page.getByTestId("comparison-sides")).toContainText("v1 (computed from usage) → v2 (edited)");
  await expect(page.getByTestId("diff-summary")).toContainText("1 line(s) changed");
});

test("Back to the queue after opening an invoice shows it opened: bulk approval takes it without a reload", async ({
  page,
  signInAs,
  sql,
  claimDrafts,
}) => {
  const [id] = (await claimDrafts(august)) as [string];
  await submit(page, signInAs, id);

  await signInAs("manager2", "/approvals");
  const row = page.locator(`[data-testid="queue-row"][data-invoice-id="${id}"]`);
  await expect(row.getByTestId("open-first")).toHaveText("Open it first");
  await expect(row.getByRole("checkbox")).toBeDisabled();

  // Open the invoice from the queue, then the browser's Back button.
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/invoices/${id}$`));
  await expect(page.getByTestId("gate-panel")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(row.getByTestId("open-first")).toHaveCount(0);
  await expect(row.getByRole("checkbox")).toBeEnabled();
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Approve selected (1)" }).click();
  await expect(page.getByTestId("bulk-results")).toContainText("1 approved, 0 not approved.");
  await expect(row).toHaveCount(0);
  expect((await sql(`SELECT status::text FROM "Invoice" WHERE id = $1`, [id]))[0]).toEqual({ status: "APPROVED" });

  // Finance's drafts list, after Back from the invoice it submitted, shows it submitted too.
  const [other] = (await claimDrafts(august)) as [string];
  const [{ code }] = (await sql<{ code: string }>(
    `SELECT c.code FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId" WHERE i.id = $1`,
    [other],
  )) as [{ code: string }];
  await signInAs("finance", `/drafts?month=2026-08&status=DRAFT&q=${code}`);
  await page.locator(`a[href="/invoices/${other}"]`).click();
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
  await page.goBack();
  await expect(page).toHaveURL(/status=DRAFT/);
  await expect(page.locator(`a[href="/invoices/${other}"]`)).toHaveCount(0);

  await useLanguage(page, "ja");
  await expect(page.getByTestId("state-DRAFT")).toHaveAttribute("aria-current", "page");
});
