// Editing in the browser: finance changes a line and adds a discount with a reason (a field
// error first, nothing saved), the totals follow; after approval an edit sends the invoice
// back with the approvals voided, the editor (finance + manager) gets no approve button, and
// the manager approves again. Two finance sessions on the same version: the second save is
// refused naming the first person, with the input kept.
import type { Page } from "@playwright/test";
import { expect, signInAs, test } from "./fixtures";
import type { DraftNeeds } from "./support/claims";

type Sql = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** An October draft of this journey's own, untouched, one approval releases it. */
async function octoberDraft(claimDrafts: (needs: DraftNeeds) => Promise<string[]>) {
  const [id] = await claimDrafts({ month: "2026-10", approvals: "one", untouched: true });
  return id!;
}

async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** Totals recomputed independently from the stored lines: tax once per rate, with the invoice's rounding. */
async function expectedTotals(sql: Sql, id: string) {
  const [{ taxRounding }] = (await sql<{ taxRounding: string }>(
    `SELECT "taxRounding"::text AS "taxRounding" FROM "Invoice" WHERE id = $1`,
    [id],
  )) as [{ taxRounding: string }];
  const bases = await sql<{ taxRate: string; base: string }>(
    `SELECT "taxRate"::text AS "taxRate", sum("amountJpy")::text AS base
     FROM "InvoiceLine"
     WHERE "invoiceId" = $1
     GROUP BY 1`,
    [id],
  );
  let subtotal = 0n;
  let tax = 0n;
  for (const { taxRate, base } of bases) {
    const b = BigInt(base);
    const [num, den] = taxRate === "STANDARD_10" ? [10n, 100n] : taxRate === "REDUCED_8" ? [8n, 100n] : [0n, 1n];
    const exact = b * num;
    const floor = exact / den; // toward zero, like FLOOR (切り捨て) in lib/money
    const rest = exact % den;
    const away = rest === 0n ? floor : floor + (b < 0n ? -1n : 1n);
    const half = 2n * (rest < 0n ? -rest : rest) >= den ? away : floor;
    tax += taxRounding === "FLOOR" ? floor : taxRounding === "CEIL" ? away : half;
    subtotal += b;
  }
  return { subtotal, tax, total: subtotal + tax };
}

const yen = (n: bigint) => `¥${n.toLocaleString("en-US")}`.replace("¥-", "-¥");

// The editor cannot approve the edited invoice; the manager approves it again.
test("finance edits a line, adds a discount, submits; an edit after approval sends it back for approval", async ({
  page,
  sql,
  claimDrafts,
}) => {
  const id = await octoberDraft(claimDrafts);
  const [line1] = await sql<{ amountJpy: string; description: string }>(
    `SELECT "amountJpy"::text AS "amountJpy", description FROM "InvoiceLine" WHERE "invoiceId" = $1 AND position = 1`,
    [id],
  );
  const newAmount = BigInt(line1!.amountJpy) + 12_345n;

  await signInAs(page, "finance", `/invoices/${id}`);
  await page.getByRole("button", { name: "Edit invoice" }).click();
  const editor = page.getByTestId("invoice-editor");
  await expect(editor).toContainText("Editing version 1");
  await editor.getByLabel("Amount (JPY), line 1", { exact: true }).fill(newAmount.toString());
  await editor.getByLabel("Description, line 1", { exact: true }).fill(`${line1!.description} (adjusted)`);
  await editor.getByRole("button", { name: "Add line" }).click();
  await editor.getByLabel("Kind, new line 1", { exact: true }).selectOption("DISCOUNT");
  await editor.getByLabel("Description, new line 1", { exact: true }).fill("Annual contract discount");
  // A positive discount: refused next to the field, nothing saved.
  await editor.getByLabel("Amount (JPY), new line 1", { exact: true }).fill("3000");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor.getByTestId("edit-new-line-1")).toContainText(
    "A discount takes money off: enter a negative amount",
  );
  await expect(editor.getByTestId("edit-new-line-1")).toContainText("Say why this line is added.");
  await expect(editor.getByLabel("Amount (JPY), line 1", { exact: true })).toHaveValue(newAmount.toString());
  await shot(page, "edit-field-errors");
  expect((await sql(`SELECT version FROM "Invoice" WHERE id = $1`, [id]))[0]).toEqual({ version: 1 });

  await editor.getByLabel("Amount (JPY), new line 1", { exact: true }).fill("-3,000");
  await editor.getByLabel("Reason, new line 1", { exact: true }).fill("Contract clause 5: 3,000 yen a month");
  await editor.getByLabel("Due date", { exact: true }).fill("2026-12-15");
  await editor.getByLabel("Notes printed on the invoice", { exact: true }).fill("Thank you for your business.");
  await expect(editor.getByTestId("edit-preview")).toContainText("Total");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("edit-notice")).toContainText("Saved as version 2.");
  await expect(page.getByTestId("invoice-editor")).toHaveCount(0);

  // The page shows the saved content; the totals are the lines' totals per tax rate, to the yen.
  const totals = await expectedTotals(sql, id);
  const [stored] = await sql<{ totalJpy: string; taxJpy: string; version: number }>(
    `SELECT "totalJpy"::text AS "totalJpy", "taxJpy"::text AS "taxJpy", version FROM "Invoice" WHERE id = $1`,
    [id],
  );
  expect(stored).toEqual({ totalJpy: totals.total.toString(), taxJpy: totals.tax.toString(), version: 2 });
  await expect(page.getByTestId("invoice-total")).toHaveText(yen(totals.total));
  await expect(page.getByText("Annual contract discount", { exact: true })).toBeVisible();
  await expect(page.getByText(/Added by finance — Contract clause 5/)).toBeVisible();
  await expect(page.getByText(`${line1!.description} (adjusted)`).first()).toBeVisible();
  await expect(page.getByText(/Edited \(computed: /).first()).toBeVisible();
  await expect(page.getByTestId("invoice-notes")).toContainText("Thank you for your business.");

  // Submit, a manager approves.
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by 経理 花子");
  await signInAs(page, "manager", `/invoices/${id}`);
  await page.getByRole("button", { name: "Approve (A)" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Approvals complete: ready to release.");

  // The finance + manager person edits after approval: back to submitted, the approval voided.
  await signInAs(page, "dual", `/invoices/${id}`);
  await page.getByRole("button", { name: "Edit invoice" }).click();
  await expect(page.getByTestId("invoice-editor")).toContainText(
    "This invoice is approved: saving voids the approvals",
  );
  await page
    .getByLabel("Internal notes (never printed)", { exact: true })
    .fill("Customer asked for the contract reference on the PDF.");
  await page
    .getByLabel("Notes printed on the invoice", { exact: true })
    .fill("Thank you for your business. Contract ref. C-2026-10.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("edit-notice")).toContainText("Saved as version 3.");
  const panel = page.getByTestId("gate-panel");
  await expect(panel).toContainText("Approvals for this version: 0 of 1");
  await expect(panel.getByTestId("voided-approval")).toContainText(
    "Approval by 承認 太郎 (Taro Shonin) (version 2) was voided by an edit",
  );
  await expect(panel.getByRole("button", { name: "Approve (A)" })).toHaveCount(0);
  await expect(panel).toContainText("you edited this invoice");
  await shot(page, "edit-gate-after-approval-edit");
  const approvals = await sql(
    `SELECT version, "voidReason"
     FROM "Approval"
     WHERE "invoiceId" = $1 AND decision = 'APPROVED'
     ORDER BY "createdAt"`,
    [id],
  );
  expect(approvals).toEqual([{ version: 2, voidReason: "edited after approval" }]);
  expect((await sql(`SELECT status::text AS status FROM "Invoice" WHERE id = $1`, [id]))[0]).toEqual({
    status: "SUBMITTED",
  });

  // The manager must approve version 3.
  await signInAs(page, "manager", `/invoices/${id}`);
  await page.getByRole("button", { name: "Approve (A)" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Approvals complete: ready to release.");
  const edits = await sql(
    `SELECT "actorEmail", after->>'version' AS version
     FROM "AuditEvent"
     WHERE "targetId" = $1 AND action = 'invoice.edit' AND outcome = 'SUCCESS'
     ORDER BY seq`,
    [id],
  );
  expect(edits).toEqual([
    { actorEmail: "finance@demo.local", version: "2" },
    { actorEmail: "dual@demo.local", version: "3" },
  ]);
});

test("two finance sessions edit one version: the second save is refused, naming the first person; input kept", async ({
  page,
  sql,
  browser,
  claimDrafts,
}) => {
  const id = await octoberDraft(claimDrafts);
  const [line1] = await sql<{ amountJpy: string }>(
    `SELECT "amountJpy"::text AS "amountJpy" FROM "InvoiceLine" WHERE "invoiceId" = $1 AND position = 1`,
    [id],
  );
  // Up, never down: the gate journeys take the smallest drafts.
  const amount = (BigInt(line1!.amountJpy) + 1_000n).toString();
  await signInAs(page, "finance2", `/invoices/${id}`);
  await page.getByRole("button", { name: "Edit invoice" }).click();

  const context = await browser.newContext({ locale: "en-US" });
  const first = await context.newPage();
  await signInAs(first, "finance", `/invoices/${id}`);
  await first.getByRole("button", { name: "Edit invoice" }).click();

  // The second session types its changes while the first one saves.
  await page.getByLabel("Description, line 1", { exact: true }).fill("Cloud usage (second session)");
  await page.getByLabel("Internal notes (never printed)", { exact: true }).fill("Checked against the usage export.");
  await first.getByLabel("Amount (JPY), line 1", { exact: true }).fill(amount);
  await first.getByLabel("Due date", { exact: true }).fill("2026-12-20");
  await first.getByRole("button", { name: "Save" }).click();
  await expect(first.getByTestId("edit-notice")).toContainText("Saved as version 2.");
  await context.close();

  await page.getByRole("button", { name: "Save" }).click();
  const conflict = page.getByTestId("edit-conflict");
  await expect(conflict).toContainText(
    "Not saved: since version 1, 経理 花子 (Hanako Keiri) changed the amount of line 1 " +
      "and the due date (now version 2).",
  );
  await expect(page.getByLabel("Description, line 1", { exact: true })).toHaveValue("Cloud usage (second session)");
  await expect(page.getByLabel("Internal notes (never printed)", { exact: true })).toHaveValue(
    "Checked against the usage export.",
  );
  await shot(page, "edit-conflict");
  const [row] = await sql<{ version: number; notesInternal: string | null }>(
    `SELECT version, "notesInternal" FROM "Invoice" WHERE id = $1`,
    [id],
  );
  expect(row).toEqual({ version: 2, notesInternal: null });
  const [refusal] = await sql(
    `SELECT outcome, reason
     FROM "AuditEvent"
     WHERE "targetId" = $1 AND action = 'invoice.edit' AND "actorEmail" = 'finance2@demo.local'
     ORDER BY seq DESC LIMIT 1`,
    [id],
  );
  expect(refusal).toMatchObject({ outcome: "REFUSED", reason: expect.stringMatching(/^stale-version/) });

  // Take the current version, keep the input, save: both people's changes are in version 3.
  await conflict.getByRole("button", { name: "Show the current version and keep my input" }).click();
  await expect(page.getByTestId("edit-notice")).toContainText("Showing version 2. Your input is kept");
  await expect(page.getByLabel("Amount (JPY), line 1", { exact: true })).toHaveValue(amount);
  await expect(page.getByLabel("Description, line 1", { exact: true })).toHaveValue("Cloud usage (second session)");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("edit-notice")).toContainText("Saved as version 3.");
  const [final] = await sql(
    `SELECT i.version, i."notesInternal", i."dueDate"::text AS "dueDate", l.description, l."amountJpy"::text AS amount
     FROM "Invoice" i
     JOIN "InvoiceLine" l ON l."invoiceId" = i.id AND l.position = 1
     WHERE i.id = $1`,
    [id],
  );
  expect(final).toEqual({
    version: 3,
    notesInternal: "Checked against the usage export.",
    dueDate: "2026-12-20",
    description: "Cloud usage (second session)",
    amount,
  });
});

test("the editor in Japanese: full-width digits accepted, field errors in Japanese", async ({
  browser,
  claimDrafts,
}) => {
  const id = await octoberDraft(claimDrafts);
  const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, "finance", `/invoices/${id}`);
  await page.getByRole("button", { name: "請求書を編集" }).click();
  await page.getByRole("button", { name: "明細を追加" }).click();
  await page.getByLabel("新しい明細 1 の種別", { exact: true }).selectOption("CREDIT");
  await page.getByLabel("新しい明細 1 の金額(円)", { exact: true }).fill("５，０００");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("edit-new-line-1")).toContainText("返金はマイナスの金額で入力してください");
  await shot(page, "edit-ja-errors");
  await context.close();
});
