// Accessibility of the audit and administration pages, in Japanese and English (the other pages
// are in a11y.spec.ts): axe finds no critical or serious violation (e2e/axe.ts).
import { expectAccessible } from "./axe";
import { signInAs, test } from "./fixtures";
import { augustDraft } from "./support/august-draft";

// Each page is analysed twice (both languages), and axe reads every element: slower than a journey.
test.describe.configure({ timeout: 600_000 });

test("the audit log and an invoice's story", async ({ page, sql }) => {
  const draft = await augustDraft(sql);
  await signInAs(page, "admin", "/audit");
  await expectAccessible(page, "audit log");
  await page.goto(`/audit/invoices/${draft.id}`);
  await expectAccessible(page, "audit story");
  await page.goto(`/lookup/customers/${draft.customerId}`);
  await expectAccessible(page, "customer (admin)");
});

test("the administration pages", async ({ page }) => {
  await signInAs(page, "admin", "/admin");
  for (const path of ["/admin", "/admin/users", "/admin/customers", "/admin/assignments", "/admin/fx-rates"]) {
    await page.goto(path);
    await expectAccessible(page, path);
  }
  await page.goto("/admin/settings");
  await expectAccessible(page, "/admin/settings");
});
