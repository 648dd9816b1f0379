// Support's lookup in the browser: find a customer by a part of its Japanese name, follow a
// charge down to the usage rows with nothing to edit on the way, see contact data masked, ask
// for time-limited access, a manager grants it, support sees it, and after the grant's end it is
// masked again; request, approval, use and expiry are audit events. A forged decision from
// support is refused on the server.
import type { Page } from "@playwright/test";
import { normalizeForSearch } from "../lib/lookup/normalize";
import { captureServerAction, DEMO, expect, signInAs, test } from "./fixtures";

type Sql = <T extends Record<string, unknown> = Record<string, unknown>>(
  text: string,
  params?: unknown[],
) => Promise<T[]>;

interface Target {
  id: string;
  name: string;
  email: string;
  part: string;
}

const LEGAL_FORM = /^(株式会社|合同会社|有限会社)|(株式会社|合同会社|有限会社)$/g;

/**
 * A demo customer with invoices and an e-mail address, and a three-character middle part of
 * its Japanese name (at least one kanji) that only this customer's folded search text contains.
 */
async function pickCustomer(sql: Sql, skip: string[] = []): Promise<Target> {
  const candidates = await sql<{ id: string; name: string; email: string }>(
    `SELECT c.id::text, c.name, c."contactEmail" AS email FROM "Customer" c
     WHERE c."contactEmail" IS NOT NULL AND EXISTS (SELECT 1 FROM "Invoice" i WHERE i."customerId" = c.id)
       AND NOT (c.id::text = ANY($1))
     ORDER BY c.code LIMIT 40`,
    [skip],
  );
  for (const c of candidates) {
    const core = c.name.replace(LEGAL_FORM, "");
    const starts = [...Array(Math.max(0, core.length - 2)).keys()].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b));
    for (const start of starts) {
      const part = core.slice(start, start + 3);
      if (!/[\u4e00-\u9fff]/.test(part)) continue;
      const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" WHERE "searchText" LIKE $1`, [
        `%${normalizeForSearch(part)}%`,
      ]);
      if (row?.n === 1) return { ...c, part };
    }
  }
  throw new Error("no demo customer with a unique three-character part of its name");
}

/** The buttons and form fields in the page's main area (the header's sign-out is not in it). */
function mainControls(page: Page) {
  return page.locator("main").locator("button, input:not([type=hidden]), textarea, select");
}

test("support finds a customer by part of its Japanese name, follows a charge to its usage rows; read-only", async ({
  page,
  sql,
}) => {
  const target = await pickCustomer(sql);
  await signInAs(page, "support", "/lookup");

  // Arrival: the box has the focus and says what can be searched.
  const box = page.getByRole("searchbox", { name: "Search" });
  await expect(box).toBeFocused();
  await expect(page.getByTestId("lookup-empty")).toContainText("customer code");

  // Nonsense finds nothing, and says what to try instead.
  await box.fill("存在しない会社名ゼロ");
  await box.press("Enter");
  await expect(page).toHaveURL(/\?q=/);
  await expect(page.getByTestId("lookup-no-results")).toContainText("Nothing matches");

  // A middle part of the Japanese name, submitted with Enter; the query is in the URL.
  await page.getByRole("searchbox", { name: "Search" }).fill(target.part);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/lookup?q=${encodeURIComponent(target.part)}`);
  const customers = page.getByTestId("results-customers");
  await expect(customers.getByTestId("result-count")).toHaveText("1");
  await customers.getByRole("link", { name: new RegExp(target.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).click();

  await expect(page.getByTestId("customer-name")).toHaveText(target.name);
  await expect(page.getByTestId("charges-chart").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("charges-table").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("invoice-row").first()).toBeVisible();
  await expect(page.getByTestId("contracts")).toContainText("Operations fee");
  // Support's only control on the customer page is the access request.
  await expect(mainControls(page)).toHaveCount(2);
  await expect(page.locator("main").getByRole("button")).toHaveText(["Request access"]);

  // An invoice opened from the customer page offers support nothing to do either.
  const invoiceUrl = page.url();
  await page.getByTestId("invoice-row").first().getByRole("link").first().click();
  await expect(page.getByTestId("gate-panel")).toBeVisible();
  await expect(page.locator("main").getByRole("button")).toHaveCount(0);
  await page.goto(invoiceUrl);

  // The chosen month's charges by project lead to the project's usage rows.
  const monthCharges = page.getByTestId("month-charges");
  const projectLink = monthCharges.getByTestId("month-project").first().getByRole("link").first();
  const projectId = (await projectLink.textContent())!.trim();
  await projectLink.click();
  await expect(page).toHaveURL(new RegExp(`/lookup/projects/${projectId}\\?month=\\d{4}-\\d{2}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Project ${projectId}`);
  await expect(page.getByTestId("project-customer")).toContainText(target.name);
  await expect(page.getByTestId("usage-by-month")).toBeVisible();
  await expect(page.getByTestId("usage-rows").locator("tbody tr").first()).toBeVisible();
  await expect(mainControls(page)).toHaveCount(0);
  await expect(page.locator("main form")).toHaveCount(0);
});

test("a manager's 15-minute grant unmasks a customer for support until expiry; all audited; forgery refused", async ({
  page,
  sql,
  browser,
}) => {
  const target = await pickCustomer(sql);
  const other = await pickCustomer(sql, [target.id]);
  const [supportUser] = await sql<{ id: string }>(`SELECT id::text FROM "User" WHERE email = $1`, [DEMO.support]);

  // Support sees the contact data masked.
  await signInAs(page, "support", `/lookup/customers/${target.id}`);
  const contact = page.getByTestId("contact-block");
  await expect(contact).toHaveAttribute("data-masked", "true");
  await expect(page.getByTestId("contact-email")).toContainText("•••");
  await expect(page.getByTestId("contact-email")).not.toHaveText(target.email);
  await expect(page.getByTestId("contact-bank")).toHaveText(/^•+ \d{2}$/);

  // Support asks for access, saying why.
  const reason = "Customer called about the October invoice (ticket 4711)";
  await contact.getByLabel("Reason").fill(reason);
  await contact.getByRole("button", { name: "Request access" }).click();
  await expect(page.getByTestId("pending-request")).toContainText("a manager has not decided yet");
  await expect(page.locator("main").getByRole("button")).toHaveCount(0);
  const [grant] = await sql<{ id: string; status: string }>(
    `SELECT id::text, status FROM "AccessGrant" WHERE "customerId" = $1 AND "requesterId" = $2`,
    [target.id, supportUser!.id],
  );
  expect(grant).toMatchObject({ status: "REQUESTED" });

  // A second request of support's own, still pending, for the forged decision below.
  const [pendingOther] = await sql<{ id: string }>(
    `INSERT INTO "AccessGrant" (id, "customerId", "requesterId", reason)
     VALUES (gen_random_uuid(), $1, $2, 'Checking a refund account')
     RETURNING id::text`,
    [other.id, supportUser!.id],
  );

  // Support's own list says it is waiting.
  await page.goto("/access");
  await expect(
    page.getByTestId("my-request").filter({ hasText: target.name }).getByTestId("request-status"),
  ).toHaveText("Waiting");
  await expect(page.getByTestId("pending-requests")).toHaveCount(0);

  // A manager approves it for 15 minutes.
  const context = await browser.newContext({ locale: "en-US" });
  const manager = await context.newPage();
  await signInAs(manager, "manager", "/access");
  const row = manager.getByTestId("access-request").filter({ hasText: target.name });
  await expect(row).toContainText(reason);
  await expect(row).toContainText("窓口 優子");
  await row.getByText("15 min", { exact: true }).click();
  await expect(row.getByRole("radio", { name: "15 min" })).toBeChecked();
  const decide = await captureServerAction(manager, () => row.getByRole("button", { name: "Approve" }).click());
  const decided = manager.getByTestId("decided-request").filter({ hasText: target.name });
  await expect(decided.getByTestId("request-status")).toHaveText("Approved");
  await expect(decided).toContainText("15 min");
  await context.close();
  const [approved] = await sql<{ status: string; minutes: number }>(
    `SELECT status, "durationMinutes" AS minutes FROM "AccessGrant" WHERE id = $1`,
    [grant!.id],
  );
  expect(approved).toEqual({ status: "APPROVED", minutes: 15 });

  // Support forges the manager's decision to approve their own pending request: refused, audited.
  const forged = await page.request.post(decide.url, {
    headers: {
      "Next-Action": decide.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // As the browser sends it: the forgery under test is the role, not the origin.
      Origin: new URL(decide.url).origin,
    },
    data: decide.body.replace(grant!.id, pendingOther!.id).replace('"durationMinutes":15', '"durationMinutes":60'),
  });
  expect(await forged.text()).toContain('"code":"FORBIDDEN"');
  expect((await sql(`SELECT status FROM "AccessGrant" WHERE id = $1`, [pendingOther!.id]))[0]).toEqual({
    status: "REQUESTED",
  });
  const [refusal] = await sql<{ outcome: string; reason: string }>(
    `SELECT outcome, reason
     FROM "AuditEvent"
     WHERE action = 'access.denied' AND "actorEmail" = $1
     ORDER BY seq DESC LIMIT 1`,
    [DEMO.support],
  );
  expect(refusal).toMatchObject({ outcome: "REFUSED", reason: expect.stringMatching(/^accessGrant\.decide: role/) });

  // Support reloads and sees the unmasked e-mail, with the grant's end.
  await page.goto(`/lookup/customers/${target.id}`);
  await expect(contact).toHaveAttribute("data-masked", "false");
  await expect(page.getByTestId("contact-email")).toHaveText(target.email);
  await expect(page.getByTestId("contact-status")).toContainText("Unmasked through your approved request until");
  await expect(page.getByTestId("grant-left")).toHaveText(/1[45] min left/);
  await expect(page.locator("main").getByRole("button")).toHaveCount(0);

  // Time travel: the grant's end passes. On reload the data is masked again.
  await sql(`UPDATE "AccessGrant" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [grant!.id]);
  await page.reload();
  await expect(contact).toHaveAttribute("data-masked", "true");
  await expect(page.getByTestId("contact-email")).toContainText("•••");
  await expect(page.getByTestId("contact-email")).not.toHaveText(target.email);
  await expect(contact.getByRole("button", { name: "Request access" })).toBeVisible();
  await page.goto("/access");
  await expect(
    page.getByTestId("my-request").filter({ hasText: target.name }).getByTestId("request-status"),
  ).toHaveText("Expired");

  // Request, approval, use (each unmasked read) and expiry, in that order.
  const events = await sql<{ action: string; outcome: string; actorEmail: string | null }>(
    `SELECT action, outcome::text, "actorEmail" FROM "AuditEvent"
     WHERE ("targetType" = 'accessGrant' AND "targetId" = $1)
        OR (action = 'customer.unmasked-read' AND "targetId" = $2 AND metadata->>'grantId' = $1)
     ORDER BY seq`,
    [grant!.id, target.id],
  );
  const collapsed = events.filter(
    (e, i) => !(e.action === "customer.unmasked-read" && events[i - 1]?.action === "customer.unmasked-read"),
  );
  expect(collapsed).toEqual([
    { action: "accessGrant.request", outcome: "SUCCESS", actorEmail: DEMO.support },
    { action: "accessGrant.approve", outcome: "SUCCESS", actorEmail: DEMO.manager },
    { action: "customer.unmasked-read", outcome: "SUCCESS", actorEmail: DEMO.support },
    { action: "accessGrant.expired", outcome: "SUCCESS", actorEmail: "system:access-expiry" },
  ]);
});
