// Finance's lists for closing a month: a rejected draft is marked as such with the manager's
// reason (hover, keyboard focus, screen readers), with a filter and a count; Reset clears the
// filter form too; the CSV speaks the reader's language; yen never shows decimals; approved
// invoices wait in a ready-to-release list and are released in bulk, each through the gate on
// its own, with the result of each. Uses August 2026 drafts of its own (e2e/support/claims.ts).
import type { Page } from "@playwright/test";
import { type DemoRole, expect, japanDatePlus, setDueDate, test } from "./fixtures";
import { useLanguage } from "./support/language";

/** Finance submits the invoice from its page. */
async function submit(page: Page, signInAs: (role: DemoRole, next?: string) => Promise<void>, id: string) {
  await signInAs("finance", `/invoices/${id}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
}

test("a rejected draft: the form closes, the list marks it with the reason, a filter and a count", async ({
  page,
  signInAs,
  sql,
  claimDrafts,
}) => {
  const [id] = await claimDrafts({ month: "2026-08", approvals: "one", neverRejected: true });
  await submit(page, signInAs, id!);

  // The manager rejects: the form closes and the panel shows the draft with the reason.
  await signInAs("manager", `/invoices/${id}`);
  await page.locator('[data-keyboard="ready"]').waitFor();
  await page.keyboard.press("r");
  const reason = "BigQuery line looks doubled; check the export of 2026-08";
  await page.getByLabel("Reason for rejecting").fill(reason);
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  const panel = page.getByTestId("gate-panel");
  await expect(panel.getByTestId("rejected-done")).toHaveText(
    "Rejected. The invoice is a draft again; finance sees your reason on it.",
  );
  await expect(panel).toContainText(`Rejected by 承認 太郎 (Taro Shonin): ${reason}`);
  await expect(page.getByLabel("Reason for rejecting")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Reject", exact: true })).toHaveCount(0);
  // R again opens nothing: there is nothing left to decide.
  await page.keyboard.press("r");
  await expect(page.getByLabel("Reason for rejecting")).toHaveCount(0);
  await expect(panel.getByRole("alert")).toHaveCount(0);

  // Finance's list: a count, a filter, and the row marked with the reason.
  await signInAs("finance", "/drafts?month=2026-08");
  const [{ rejected }] = (await sql<{ rejected: string }>(
    `SELECT count(*)::text AS rejected FROM "Invoice"
     WHERE month = '2026-08' AND kind = 'INVOICE' AND status = 'DRAFT' AND "rejectionReason" IS NOT NULL`,
  )) as [{ rejected: string }];
  await expect(page.getByTestId("state-REJECTED")).toHaveText(`Rejected ${rejected}`);
  await page.getByTestId("state-REJECTED").click();
  await expect(page).toHaveURL(/status=REJECTED/);
  const rows = page.getByTestId("drafts-table").locator("tbody tr");
  await expect(rows).toHaveCount(Number(rejected));
  const badge = page.locator(`tr:has(a[href="/invoices/${id}"])`).getByRole("button", { name: "Rejected" });
  await expect(badge).toHaveAttribute("title", `Rejected: ${reason}`);
  await expect(badge).toHaveAccessibleDescription(`Rejected: ${reason}`);
  const tip = page.getByRole("tooltip").filter({ hasText: reason });
  await expect(tip).toBeHidden();
  await badge.focus();
  await expect(tip).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(tip).toBeHidden();
  await badge.hover();
  await expect(tip).toBeVisible();

  // The same in Japanese.
  await useLanguage(page, "ja");
  await expect(page.getByTestId("state-REJECTED")).toHaveText(`差し戻し ${rejected}`);
  const badgeJa = page.locator(`tr:has(a[href="/invoices/${id}"])`).getByRole("button", { name: "差し戻し" });
  await expect(badgeJa).toHaveAttribute("title", `差し戻し理由: ${reason}`);
});

test("Reset clears the filter form, so the next search is not filtered by what was chosen before", async ({
  page,
  signInAs,
  sql,
}) => {
  const search = "C0001";
  const [{ all, moved }] = (await sql<{ all: string; moved: string }>(
    `SELECT count(*)::text AS all, count(*) FILTER (WHERE 'moved' = ANY(i.flags))::text AS moved
     FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
     WHERE i.month = '2026-10' AND i.kind = 'INVOICE' AND c.code ILIKE $1`,
    [`%${search}%`],
  )) as [{ all: string; moved: string }];
  // The journey can fail only if the flag changes what the search finds.
  expect(moved).not.toBe(all);

  await signInAs("finance", "/drafts?month=2026-10");
  await page.getByLabel("Flag").selectOption("moved");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/flag=moved/);
  await page.getByRole("link", { name: "Reset" }).click();
  await expect(page).toHaveURL(/\/drafts\?month=2026-10$/);
  await expect(page.getByLabel("Flag")).toHaveValue("");
  await expect(page.getByLabel("Status")).toHaveValue("");

  await page.getByLabel("Customer name or code").fill(search);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=C0001/);
  await expect(page).not.toHaveURL(/flag=moved/);
  await expect(page.getByText(`1–${Math.min(50, Number(all))} of ${all}`)).toBeVisible();
});

test("the drafts CSV speaks the reader's language: column names and states as words", async ({ page, signInAs }) => {
  await signInAs("finance", "/drafts?month=2026-10");
  // As the browser asks for it: in the language it prefers, until the person chooses one.
  const csv = async () =>
    (
      await (
        await page.request.get("/api/drafts/export?month=2026-10", { headers: { "Accept-Language": "en-US,en" } })
      ).text()
    ).split("\r\n");
  const english = await csv();
  expect(english[0]).toBe(
    "\uFEFFInvoice ID,Customer code,Customer name,Billing group,Status,Version,Total incl. tax (JPY)," +
      "Last month's total (JPY),Change (JPY),Change (%),Flags,Reason for rejection",
  );
  const statusOf = (line: string) => line.split(",")[4];
  expect(new Set(english.slice(1, -1).map(statusOf))).toContain("Draft");
  expect(english.join("\n")).not.toMatch(/,DRAFT,|,SUBMITTED,|,APPROVED,/);

  await useLanguage(page, "ja");
  const japanese = await csv();
  expect(japanese[0]).toBe(
    "\uFEFF請求書ID,顧客コード,顧客名,請求グループ,状態,版,合計(税込・円),前月合計(円)," +
      "前月比(円),前月比(%),フラグ,差し戻し理由",
  );
  expect(new Set(japanese.slice(1, -1).map(statusOf))).toContain("ドラフト");
  expect(japanese.slice(1).join("\n")).toMatch(/変動 > 30%/);
});

test("amounts in yen never show decimals on the usage, unassigned and drafts pages", async ({ page, signInAs }) => {
  const noYenDecimals = /\d\.\d+ JPY/;
  await signInAs("finance", "/usage");
  await expect(page.getByRole("table")).toContainText("JPY");
  await expect(page.locator("main")).not.toContainText(noYenDecimals);
  await page.goto("/usage/unassigned?month=2026-10");
  await expect(page.getByTestId("unassigned")).toContainText(/[\d,]+ JPY/);
  await expect(page.locator("main")).not.toContainText(noYenDecimals);
  await page.goto("/drafts?month=2026-10");
  await expect(page.getByRole("note")).toContainText(/[\d,]+ JPY/);
  await expect(page.getByRole("note")).not.toContainText(noYenDecimals);
  // A project's usage rows: yen whole, a foreign currency with every digit it has.
  await page.goto("/usage/unassigned?month=2026-10");
  await page.getByTestId("unassigned").getByRole("link").first().click();
  await expect(page.getByTestId("usage-rows")).toBeVisible();
  await expect(page.locator("main")).not.toContainText(noYenDecimals);
});

test("ready to release: approved invoices released in bulk, each through the gate, with the result of each", async ({
  page,
  signInAs,
  sql,
  claimDrafts,
}) => {
  // Three submissions and approvals through the pages, then the release: a long journey.
  test.slow();
  // One approval each; released ones are delivered as e-invoices, addressed by registration number.
  const ids = await claimDrafts({ month: "2026-08", n: 3, approvals: "one", neverRejected: true, registered: true });
  const [a, b, c] = ids as [string, string, string];
  for (const id of ids) {
    // August invoices fell due long ago, and release refuses a due date before the issue date.
    await signInAs("finance", `/invoices/${id}`);
    await setDueDate(page, japanDatePlus(30));
    await submit(page, signInAs, id);
  }
  await signInAs("manager2");
  for (const id of ids) {
    await page.goto(`/invoices/${id}`);
    await page.getByRole("button", { name: "Approve (A)" }).click();
    await expect(page.getByTestId("gate-panel")).toContainText("Approvals complete: ready to release.");
  }

  // From the home page's count to the list.
  await signInAs("finance", "/?month=2026-08");
  await page.getByTestId("count-readyToRelease").click();
  await expect(page).toHaveURL(/\/releases\?show=ready&month=2026-08$/);
  const row = (id: string) => page.locator(`[data-testid="ready-row"][data-invoice-id="${id}"]`);
  for (const id of ids) await expect(row(id)).toContainText("部長 恵子 (Keiko Bucho)");

  // C's approval is voided behind the list's back: the release checks again and refuses C alone.
  for (const id of ids) await row(id).getByRole("checkbox").check();
  await sql(`UPDATE "Approval" SET "voidedAt" = now(), "voidReason" = 'e2e: voided' WHERE "invoiceId" = $1`, [c]);
  await page.getByRole("button", { name: "Release selected (3)" }).click();
  const results = page.getByTestId("release-results");
  await expect(results).toContainText("2 released, 1 not released.", { timeout: 30_000 });
  const released = await sql<{ id: string; number: string; status: string }>(
    `SELECT id, number, status::text FROM "Invoice" WHERE id = ANY($1::uuid[]) ORDER BY number`,
    [[a, b]],
  );
  for (const r of released) {
    expect(r.status).toBe("RELEASED");
    await expect(results.locator('[data-ok="true"]').filter({ hasText: r.number })).toContainText(
      `Released as ${r.number}.`,
    );
  }
  // Its reason in words, with the counts filled in (the refusal's values reach the text).
  await expect(results.locator('[data-ok="false"]')).toContainText(
    "Not released: Valid approvals for this version: 0 of 1 required.",
  );
  expect((await sql(`SELECT status::text FROM "Invoice" WHERE id = $1`, [c]))[0]).toEqual({ status: "APPROVED" });
  const [refusal] = await sql<{ outcome: string }>(
    `SELECT outcome::text FROM "AuditEvent" WHERE action = 'invoice.release' AND "targetId" = $1
     ORDER BY seq DESC LIMIT 1`,
    [c],
  );
  expect(refusal).toEqual({ outcome: "REFUSED" });
  // The released ones left the list; C stays, waiting.
  await expect(row(a)).toHaveCount(0);
  await expect(row(b)).toHaveCount(0);
  await expect(row(c)).toHaveCount(1);

  // After release, the invoice page still says who approved it.
  await page.goto(`/invoices/${a}`);
  await expect(page.getByTestId("released-approvers")).toHaveText(
    "Released after approval by 部長 恵子 (Keiko Bucho).",
  );
  await useLanguage(page, "ja");
  await expect(page.getByTestId("released-approvers")).toHaveText(
    "部長 恵子 (Keiko Bucho) の承認を経て発行されました。",
  );
  await page.goto("/releases?show=ready&month=2026-08");
  await expect(page.getByRole("button", { name: "選択したものを発行 (0)" })).toBeDisabled();
});

test("the invoice page shows the contract terms applied, and how each usage line follows from its cost", async ({
  page,
  signInAs,
  sql,
}) => {
  // An invoice with usage in dollars, one of its lines as stored, and its contract's markup.
  const [line] = await sql<{
    id: string;
    description: string;
    rate: string;
    amount: string;
    percent: string;
    factor: string;
  }>(
    `SELECT i.id, l.description, trim_scale(l."fxRate")::text AS rate, l."amountJpy"::text AS amount,
            trim_scale(k."markupRate" * 100)::text AS percent, trim_scale(1 + k."markupRate")::text AS factor
     FROM "Invoice" i
     JOIN "InvoiceLine" l ON l."invoiceId" = i.id
     JOIN "PricingContract" k ON k.id = i."contractId"
     WHERE i.month = '2026-09' AND l.kind = 'USAGE' AND l."sourceCurrency" = 'USD' AND NOT l.edited
     ORDER BY l."amountJpy" DESC LIMIT 1`,
  );
  const { id, description, rate, amount, percent, factor } = line!;
  await signInAs("manager", `/invoices/${id}`);
  const terms = page.getByTestId("contract-terms");
  await expect(terms.getByRole("heading")).toHaveText("Contract terms applied");
  await expect(terms.getByTestId("terms-markup")).toContainText(`${percent.startsWith("-") ? "" : "+"}${percent}%`);
  await expect(terms.getByTestId("terms-ops-fee")).toContainText(
    /of cloud cost after credits, at least ¥[\d,]+ a month/,
  );
  await expect(terms.getByTestId("terms-fx")).toContainText(`1 USD = ${rate} JPY`);
  const row = page.locator("tr").filter({ hasText: description });
  const computed = row.getByTestId("line-computation").first();
  await expect(computed).toHaveText(`× ${rate} × ${factor} = ¥${BigInt(amount).toLocaleString("en-US")}`);

  await useLanguage(page, "ja");
  await expect(page.getByTestId("contract-terms").getByRole("heading")).toHaveText("適用した契約条件");
  await expect(page.getByTestId("terms-tax")).toContainText("税率ごとに1回端数処理");
  await expect(computed).toHaveText(`× ${rate} × ${factor} = ￥${BigInt(amount).toLocaleString("ja-JP")}`);
});
