// The home page is the month's cockpit: finance sees the month's invoices by state and what
// blocks the month, each number opening the list behind it (in both languages); a manager sees
// their queue with the invoices that wait for a second approver; support sees what they opened
// last and their open access requests. Uses August 2026 (the largest invoice, and the largest
// ones under the threshold: the audit journey takes the smallest August draft).
import { DEMO, expect, test } from "./fixtures";
import { useLanguage } from "./support/language";

type Sql = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** The month's counts as the home page must show them, straight from the database. */
async function monthCounts(sql: Sql, month: string) {
  const [row] = await sql<Record<string, string>>(
    `SELECT
       count(*) FILTER (WHERE kind = 'INVOICE' AND status = 'DRAFT' AND "rejectionReason" IS NULL)::text AS "DRAFT",
       count(*) FILTER (WHERE kind = 'INVOICE' AND status = 'DRAFT' AND "rejectionReason" IS NOT NULL)::text
         AS "REJECTED",
       count(*) FILTER (WHERE kind = 'INVOICE' AND status = 'SUBMITTED')::text AS "SUBMITTED",
       count(*) FILTER (WHERE status = 'APPROVED')::text AS "readyToRelease",
       count(*) FILTER (WHERE kind = 'INVOICE' AND status = 'RELEASED')::text AS "RELEASED",
       (SELECT count(DISTINCT d."invoiceId") FROM "Delivery" d JOIN "Invoice" x ON x.id = d."invoiceId"
        WHERE d.status = 'FAILED' AND x.month = $1)::text AS "deliveryFailed"
     FROM "Invoice" WHERE month = $1`,
    [month],
  );
  return row!;
}

test("finance's home: the month's invoices by state and its blockers, each opening its list, in two languages", async ({
  page,
  signInAs,
  sql,
}) => {
  await signInAs("finance", "/?month=2026-08");
  const states = page.getByTestId("month-states");
  await expect(states.getByRole("heading")).toHaveText("Invoices of 2026-08");
  const counts = await monthCounts(sql, "2026-08");
  for (const [key, n] of Object.entries(counts)) await expect(page.getByTestId(`count-${key}`)).toContainText(n);
  await expect(page.getByTestId("count-DRAFT")).toContainText("Drafts to submit");

  // The next step for finance, with the drafts to submit behind it.
  const next = page.getByTestId("next-step");
  await expect(next).toHaveAttribute("data-step", /fixRejected|submitDrafts/);

  // August has nothing unassigned; October's unassigned usage is a blocker, its amount in whole yen.
  await expect(page.getByTestId("blockers")).toContainText("Nothing blocks 2026-08");
  await page.goto("/?month=2026-10");
  const unassigned = page.getByTestId("blocker-unassigned");
  await expect(unassigned).toContainText(/Usage of \d+ project\(s\) with no customer: [\d,]+ JPY/);
  await expect(unassigned).not.toContainText(/\.\d+ JPY/);
  await unassigned.getByRole("link", { name: "See the unassigned usage" }).click();
  await expect(page).toHaveURL(/\/usage\/unassigned\?month=2026-10$/);
  await expect(page.getByTestId("unassigned")).not.toContainText(/\d\.\d+ JPY/);

  // Each count opens the list behind it: the drafts still to submit.
  await page.goto("/?month=2026-08");
  await page.getByTestId("count-DRAFT").click();
  await expect(page).toHaveURL(/\/drafts\?month=2026-08&status=DRAFT$/);
  await expect(page.getByTestId("state-DRAFT")).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(new RegExp(`of ${counts.DRAFT}$`))).toBeVisible();

  // Another month from the picker.
  await page.goto("/");
  await page.getByLabel("Month").selectOption("2026-09");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\?month=2026-09$/);
  await expect(page.getByTestId("month-states").getByRole("heading")).toHaveText("Invoices of 2026-09");

  // The same page in Japanese.
  await page.goto("/?month=2026-08");
  await useLanguage(page, "ja");
  await expect(page.getByTestId("month-states").getByRole("heading")).toHaveText("2026-08 の請求書");
  await expect(page.getByTestId("count-DRAFT")).toContainText("提出前のドラフト");
  await expect(page.getByTestId("count-readyToRelease")).toContainText("承認済み・発行待ち");
  await expect(page.getByTestId("blockers").getByRole("heading")).toHaveText("2026-08 を止めているもの");
  await expect(page.getByTestId("blockers")).toContainText("2026-08 を止めているものはありません");
  await page.goto("/?month=2026-10");
  await expect(page.getByTestId("blocker-unassigned")).toContainText("顧客が割り当てられていない");
  await expect(page.getByTestId("next-step")).toContainText("次にすること");
});

test("a manager's home: the queue, and how many wait for a second approver", async ({
  page,
  signInAs,
  sql,
  claimDrafts,
}) => {
  const [big] = (await claimDrafts({ month: "2026-08", approvals: "two" })) as [string];
  await signInAs("finance", `/invoices/${big}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
  await signInAs("manager", `/invoices/${big}`);
  await page.getByRole("button", { name: "Approve (A)" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Approvals for this version: 1 of 2");

  // The second manager: the invoice is in their queue, waiting for them as its second approver.
  await signInAs("manager2", "/?month=2026-08");
  const [{ waiting }] = (await sql<{ waiting: string }>(
    `SELECT count(*)::text AS waiting FROM "Invoice" i
     WHERE i.status = 'SUBMITTED' AND i."submittedById" <> (SELECT id FROM "User" WHERE email = $1)
       AND NOT EXISTS (SELECT 1 FROM "Approval" a JOIN "User" u ON u.id = a."approverId"
                       WHERE a."invoiceId" = i.id AND u.email = $1 AND a.version = i.version
                         AND a.decision = 'APPROVED' AND a."voidedAt" IS NULL)`,
    [DEMO.manager2],
  )) as [{ waiting: string }];
  const queue = page.getByTestId("queue-summary");
  await expect(queue.getByTestId("queue-waiting")).toHaveText(
    `${waiting} invoice(s) waiting for your decision (all months).`,
  );
  await expect(queue.getByTestId("queue-two")).toContainText(/^\d+ of them need two approvers; [1-9]\d* already have/);
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-step", "decide");
  await queue.getByRole("link", { name: "Open the approval queue" }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  const row = page.locator(`[data-testid="queue-row"][data-invoice-id="${big}"]`);
  await expect(row.getByTestId("two-approvers")).toHaveText("Two approvers 1 of 2 approvals: 1 missing");

  await useLanguage(page, "ja");
  await expect(row.getByTestId("two-approvers")).toHaveText("承認者2名 承認 1/2 名(あと 1 名)");
  await page.goto("/");
  await expect(page.getByTestId("queue-summary")).toContainText("あなたの判断を待っている請求書");
});

test("support's home: what they opened last, and their open access requests", async ({ page, signInAs, sql }) => {
  const [customer] = await sql<{ id: string; name: string }>(
    `SELECT c.id::text, c.name FROM "Customer" c
     WHERE NOT EXISTS (SELECT 1 FROM "AccessGrant" g WHERE g."customerId" = c.id)
     ORDER BY c.code DESC LIMIT 1`,
  );
  await signInAs("support", "/");
  await expect(page.getByTestId("month-states")).toHaveCount(0);

  await page.goto(`/lookup/customers/${customer!.id}`);
  const contact = page.getByTestId("contact-block");
  await contact.getByLabel("Reason").fill("Customer asked about the August invoice (ticket 5120)");
  await contact.getByRole("button", { name: "Request access" }).click();
  await expect(page.getByTestId("pending-request")).toBeVisible();

  await page.getByRole("link", { name: "Home" }).click();
  const recent = page.getByTestId("recent-lookups");
  await expect(recent.getByRole("link").first()).toHaveText(customer!.name);
  const requests = page.getByTestId("own-requests");
  await expect(requests.locator('[data-status="REQUESTED"]').filter({ hasText: customer!.name })).toContainText(
    "waiting for a manager since",
  );
  await recent.getByRole("link", { name: customer!.name }).click();
  await expect(page.getByTestId("customer-name")).toHaveText(customer!.name);

  await page.goto("/");
  await useLanguage(page, "ja");
  await expect(page.getByTestId("recent-lookups").getByRole("heading")).toHaveText("最近開いたもの");
  await expect(page.getByTestId("own-requests")).toContainText("承認者の判断待ち");
});
