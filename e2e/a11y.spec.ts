// Accessibility of every main page, in Japanese and English: each role walks its pages in the
// states people see them in (an invoice in the editor with a field error, one waiting in the
// managers' queue, an access request waiting for a decision, an invoice's audit story) and axe
// finds no critical or serious violation (e2e/axe.ts). The audit and administration pages are in
// a11y-admin.spec.ts: npm test runs the journeys in two shards by file, and this check is the
// longest file of all.
import { expectAccessible } from "./axe";
import { expect, signInAs, test } from "./fixtures";
import { augustDraft } from "./support/august-draft";

// Each page is analysed twice (both languages), and axe reads every element: slower than a journey.
test.describe.configure({ timeout: 600_000 });

test("sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await expectAccessible(page, "sign-in");
});

test("finance's pages: home, drafts, invoice, editor with a field error, history, releases, usage", async ({
  page,
  sql,
}) => {
  const draft = await augustDraft(sql);
  await signInAs(page, "finance");
  await expectAccessible(page, "home");
  await page.goto("/drafts?month=2026-08");
  await expectAccessible(page, "drafts");

  await page.goto(`/invoices/${draft.id}`);
  await expectAccessible(page, "invoice");
  const words = {
    en: { edit: "Edit invoice", quantity: "Quantity, line 1", save: "Save", cancel: "Cancel" },
    ja: { edit: "請求書を編集", quantity: "1行目の数量", save: "保存", cancel: "キャンセル" },
  };
  for (const language of ["en", "ja"] as const) {
    const w = words[language];
    if (language === "ja") {
      await page.getByRole("button", { name: "日本語" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    }
    await page.getByRole("button", { name: w.edit }).click();
    const editor = page.getByTestId("invoice-editor");
    await expectAccessible(page, "editor", { reload: false });
    await editor.getByLabel(w.quantity, { exact: true }).fill("-1");
    await editor.getByRole("button", { name: w.save }).click();
    await expect(editor.getByTestId("field-error").first()).toBeVisible();
    await expectAccessible(page, "editor with a field error", { reload: false });
    await editor.getByRole("button", { name: w.cancel }).click();
  }
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.goto(`/invoices/${draft.id}/history`);
  await expectAccessible(page, "history");
  await page.goto("/releases");
  await expectAccessible(page, "releases");
  await page.goto("/usage");
  await expectAccessible(page, "usage");
  await page.goto("/usage/unassigned?month=2026-10");
  await expectAccessible(page, "unassigned usage");
  await page.goto(`/usage/projects/${encodeURIComponent(draft.projectId)}?month=2026-08`);
  await expectAccessible(page, "project usage");
});

test("the managers' queue with an invoice in it, and the access requests", async ({ page, sql }) => {
  const draft = await augustDraft(sql);
  await signInAs(page, "finance", `/invoices/${draft.id}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");

  await signInAs(page, "support", `/lookup/customers/${draft.customerId}`);
  await expectAccessible(page, "customer (support)");
  await page.locator('textarea[name="reason"]').fill("Customer called about the August invoice (ticket 4711)");
  await page.getByRole("button", { name: "Request access" }).click();
  // The form's own "Request sent" lasts only until the page refreshes into the pending request.
  await expect(page.getByRole("status").filter({ hasText: "a manager has not decided yet" })).toBeVisible();
  await page.goto("/access");
  await expectAccessible(page, "access requests (support)");
  await page.goto("/lookup?q=%E5%95%86%E4%BA%8B");
  await expectAccessible(page, "lookup results");
  await page.goto(`/lookup/projects/${encodeURIComponent(draft.projectId)}`);
  await expectAccessible(page, "project lookup");

  await signInAs(page, "manager", "/approvals");
  await expect(page.getByTestId("queue-row").first()).toBeVisible();
  await expectAccessible(page, "approvals queue");
  await page.goto(`/invoices/${draft.id}`);
  await expectAccessible(page, "invoice (manager)");
  await page.goto("/access");
  await expectAccessible(page, "access requests (manager)");
});
