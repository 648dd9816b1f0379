// Review in the browser: an admin changes the two-approver threshold; a manager reads an
// invoice's history against the computed draft (and the customer preview); bulk approval in
// the manager's queue takes only invoices opened in their current version, and a forged bulk
// call for an unopened one is refused and audited. Uses September 2026 (other journeys use October).
import { captureServerAction, DEMO, expect, test } from "./fixtures";

type Sql = (text: string, params?: unknown[]) => Promise<unknown[]>;

const userId = async (sql: Sql, role: keyof typeof DEMO) =>
  ((await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO[role]]))[0] as { id: string }).id;

/** Opens the invoice as the signed-in manager; the page records the view of the version it shows. */
async function openAsManager(page: import("@playwright/test").Page, sql: Sql, invoiceId: string, managerId: string) {
  await page.goto(`/invoices/${invoiceId}`);
  await expect(page.getByTestId("gate-panel")).toBeVisible();
  await expect
    .poll(async () =>
      sql(
        `SELECT 1 FROM "InvoiceView" v JOIN "Invoice" i ON i.id = v."invoiceId" AND i.version = v.version
         WHERE v."invoiceId" = $1 AND v."userId" = $2`,
        [invoiceId, managerId],
      ).then((rows) => rows.length),
    )
    .toBe(1);
}

test("an admin changes the two-approver threshold: field errors first, the change audited, others refused", async ({
  page,
  signInAs,
  sql,
}) => {
  const [{ value: original }] = (await sql<{ value: string }>(
    `SELECT value #>> '{}' AS value FROM "Setting" WHERE key = 'gate.twoApproverThresholdJpy'`,
  )) as [{ value: string }];
  try {
    await signInAs("admin", "/admin/settings");
    await expect(page.getByRole("heading", { name: "Gate and invoice settings" })).toBeVisible();
    const threshold = page.getByLabel("Two-approver threshold (JPY)");
    await expect(threshold).toHaveValue(original);

    await threshold.fill("0");
    await page.getByLabel("Number prefix").fill("inv");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("settings-result")).toHaveText("Some fields need attention; nothing was saved.");
    await expect(page.getByText("The threshold must be at least 1 yen.")).toBeVisible();
    await expect(
      page.getByText("Use 1–10 capital letters or digits, starting with a letter (e.g. INV)."),
    ).toBeVisible();
    await expect(threshold).toHaveAttribute("aria-invalid", "true");
    expect(
      (await sql(`SELECT value #>> '{}' AS value FROM "Setting" WHERE key = 'gate.twoApproverThresholdJpy'`))[0],
    ).toEqual({ value: original });

    await page.getByLabel("Number prefix").fill("INV");
    await threshold.fill("3,000,000");
    await expect(page.getByText("Currently ¥3,000,000.")).toBeVisible();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("settings-result")).toHaveText("Saved: two-approver threshold.");
    await page.reload();
    await expect(page.getByLabel("Two-approver threshold (JPY)")).toHaveValue("3000000");
    const [event] = await sql(
      `SELECT outcome, before, after
       FROM "AuditEvent"
       WHERE action = 'settings.update' AND "actorEmail" = $1
       ORDER BY seq DESC LIMIT 1`,
      [DEMO.admin],
    );
    expect(event).toEqual({
      outcome: "SUCCESS",
      before: { "gate.twoApproverThresholdJpy": original },
      after: { "gate.twoApproverThresholdJpy": "3000000" },
    });

    // Saving again unchanged writes nothing.
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("settings-result")).toHaveText("Nothing changed, so nothing was saved.");

    await signInAs("finance", "/admin/settings");
    await expect(page.getByRole("alert").filter({ hasText: "Access denied" })).toBeVisible();
  } finally {
    // The other journeys expect the seeded threshold.
    await sql(`UPDATE "Setting" SET value = to_jsonb($1::text) WHERE key = 'gate.twoApproverThresholdJpy'`, [original]);
  }
});

test("a manager opens an invoice's history and sees what finance changed against the computed draft", async ({
  page,
  signInAs,
  sql,
  claimDrafts,
}) => {
  // A September draft with last month's invoice, edited by finance in the editor (one line +¥1,000
  // and re-described), which saves it as version 2.
  const usageLine = `l.kind = 'USAGE' AND l."taxRate" = 'STANDARD_10'`;
  const [claimed] = await claimDrafts({
    month: "2026-09",
    approvals: "one",
    untouched: true,
    where: `EXISTS (SELECT 1 FROM "InvoiceLine" l WHERE l."invoiceId" = i.id AND ${usageLine})
      AND EXISTS (SELECT 1 FROM "Invoice" p WHERE p."billingGroupId" = i."billingGroupId" AND p.month = '2026-08')`,
  });
  const [row] = await sql<{ id: string; position: number; description: string; amountJpy: string }>(
    `SELECT l."invoiceId" AS id, l.position, l.description, l."amountJpy"::text AS "amountJpy"
     FROM "InvoiceLine" l WHERE l."invoiceId" = $1 AND ${usageLine}
     ORDER BY l.position LIMIT 1`,
    [claimed],
  );
  const { id, position, description } = row!;
  await signInAs("finance", `/invoices/${id}`);
  await page.getByRole("button", { name: "Edit invoice" }).click();
  const editor = page.getByTestId("invoice-editor");
  await expect(editor).toContainText("Editing version 1");
  const amount = (BigInt(row!.amountJpy) + 1000n).toString();
  await editor.getByLabel(`Amount (JPY), line ${position}`, { exact: true }).fill(amount);
  await editor.getByLabel(`Description, line ${position}`, { exact: true }).fill(`${description} (adjusted)`);
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("edit-notice")).toContainText("Saved as version 2.");

  await signInAs("manager", `/invoices/${id}/history`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("History and changes");
  const versions = page.getByTestId("history-versions");
  await expect(versions.getByRole("row")).toHaveCount(3);
  await expect(versions.getByRole("row").nth(1)).toContainText("v2");
  await expect(versions.getByRole("row").nth(1)).toContainText("edited");
  await expect(versions.getByRole("row").nth(1)).toContainText("経理 花子");

  // Default: against the computed draft.
  await expect(page.getByTestId("compare-computed")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("comparison-sides")).toContainText("v1 (computed from usage) → v2 (edited)");
  await expect(page.getByTestId("diff-summary")).toContainText("1 line(s) changed, 0 added, 0 removed");
  const changed = page.locator('[data-testid="diff-line"][data-status="changed"]');
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText(`${description} (adjusted)`);
  await expect(changed).toContainText("+¥1,000");
  await expect(page.getByTestId("diff-totalJpy")).toContainText("+¥1,100");
  // Not approved yet: that comparison is offered disabled, with the reason.
  await expect(page.getByTestId("compare-approved")).toHaveAttribute("aria-disabled", "true");

  // Against last month's invoice of the same billing group.
  await page.getByTestId("compare-lastMonth").click();
  await expect(page).toHaveURL(/compare=lastMonth/);
  await expect(page.getByTestId("comparison-sides")).toContainText("2026-08 invoice");
  await expect(page.getByTestId("history-diff")).toContainText("Month");

  // Any two versions, from the form.
  await page.getByLabel("From", { exact: true }).selectOption("1");
  await page.getByLabel("To", { exact: true }).selectOption("2");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(/a=1&b=2/);
  await expect(page.getByTestId("diff-summary")).toContainText("1 line(s) changed");

  // The customer preview of the draft: a PDF shown inline.
  const preview = await page.request.get(`/api/invoices/${id}/preview`);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  expect(preview.headers()["content-disposition"]).toMatch(/^inline; filename="preview-.+-2026-09-v2\.pdf"$/);
  expect((await preview.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("bulk approval takes only invoices opened in their current version; forging one for another is refused", async ({
  page,
  signInAs,
  sql,
  claimDrafts,
}) => {
  // Three submissions and two managers' visits, each with its own sign-in.
  test.slow();
  const ids = await claimDrafts({ month: "2026-09", n: 3, untouched: true, totalBelowJpy: 3_000_000 });
  const [a, b, c] = ids as [string, string, string];
  for (const id of ids) {
    await signInAs("finance", `/invoices/${id}`);
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
  }
  const manager = await userId(sql, "manager");
  await signInAs("manager", "/approvals");
  await openAsManager(page, sql, a, manager);

  await page.goto("/approvals");
  const row = (id: string) => page.locator(`[data-testid="queue-row"][data-invoice-id="${id}"]`);
  await expect(row(a).getByRole("checkbox")).toBeEnabled();
  for (const unopened of [b, c]) {
    await expect(row(unopened).getByRole("checkbox")).toBeDisabled();
    await expect(row(unopened).getByTestId("open-first")).toHaveText("Open it first");
  }
  await row(a).getByRole("checkbox").check();
  const approve = await captureServerAction(page, () =>
    page.getByRole("button", { name: "Approve selected (1)" }).click(),
  );
  const results = page.getByTestId("bulk-results");
  await expect(results).toContainText("1 approved, 0 not approved.");
  await expect(results.getByTestId("bulk-result")).toContainText("Approved.");
  await expect(row(a)).toHaveCount(0);
  expect((await sql(`SELECT status FROM "Invoice" WHERE id = $1`, [a]))[0]).toEqual({ status: "APPROVED" });

  // A forged bulk call for B, which this manager never opened: refused on the server and audited.
  const forged = await page.request.post(approve.url, {
    headers: {
      "Next-Action": approve.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // As the browser sends it: the forgery under test is the role, not the origin.
      Origin: new URL(approve.url).origin,
    },
    data: approve.body.replace(a, b),
  });
  const body = await forged.text();
  expect(body).toContain('"rule":"not-viewed"');
  expect((await sql(`SELECT status FROM "Invoice" WHERE id = $1`, [b]))[0]).toEqual({ status: "SUBMITTED" });
  const [event] = await sql(
    `SELECT outcome, reason
     FROM "AuditEvent"
     WHERE action = 'invoice.approve' AND "targetId" = $1 AND "actorEmail" = $2
     ORDER BY seq DESC LIMIT 1`,
    [b, DEMO.manager],
  );
  expect(event).toMatchObject({
    outcome: "REFUSED",
    reason: expect.stringMatching(/^not-viewed: You have not opened/),
  });

  // Open C, then select every opened invoice: C is taken, B is not.
  await openAsManager(page, sql, c, manager);
  await page.goto("/approvals");
  await page.getByLabel("Select every invoice you have opened").check();
  await expect(row(c).getByRole("checkbox")).toBeChecked();
  await expect(row(b).getByRole("checkbox")).not.toBeChecked();
  await page.getByRole("button", { name: /^Approve selected \(\d+\)$/ }).click();
  await expect(page.getByTestId("bulk-results")).toContainText("Approved.");
  await expect(row(c)).toHaveCount(0);
  await expect(row(b)).toHaveCount(1);
  expect((await sql(`SELECT status FROM "Invoice" WHERE id = $1`, [c]))[0]).toEqual({ status: "APPROVED" });
});
