// The two-person gate in the browser: submit, approve (keyboard), the same person refused even
// by a forged call, a high-value invoice waiting for a second approver, a rejection.
import { captureServerAction, DEMO, expect, test } from "./fixtures";

test("finance submits; the submitter cannot approve (button or forged call); another approves by keyboard", async ({
  page,
  signInAs,
  sql,
  browser,
  claimDrafts,
}) => {
  // Five sign-ins and two browser contexts: it took 58.6 s and once timed out at 60 s on a busy machine.
  test.slow();
  const [a, b] = await claimDrafts({ month: "2026-10", n: 2, approvals: "one" });

  // The dual-role person submits invoice B and is offered no approval, with the reason.
  await signInAs("dual", `/invoices/${b}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  const panel = page.getByTestId("gate-panel");
  await expect(panel).toContainText("Submitted by 兼務 亮");
  await expect(panel.getByRole("button", { name: "Approve (A)" })).toHaveCount(0);
  await expect(panel).toContainText("you submitted this invoice");

  // A manager's real approval of invoice A gives the action id; finance submits A first.
  const context = await browser.newContext({ locale: "en-US" });
  const other = await context.newPage();
  const { signInAs: signInOther } = await import("./fixtures");
  await signInOther(other, "finance", `/invoices/${a}`);
  await other.getByRole("button", { name: "Submit for approval" }).click();
  await expect(other.getByTestId("gate-panel")).toContainText("Submitted by 経理 花子");
  await signInOther(other, "manager", `/invoices/${a}`);
  // A key pressed before the page's script has run would be lost.
  await other.locator('[data-keyboard="ready"]').waitFor();
  const approve = await captureServerAction(other, () => other.keyboard.press("a"));
  await expect(other.getByTestId("gate-panel")).toContainText("Approvals complete");
  await context.close();

  // The dual-role person forges the same call for invoice B: refused on the server and audited.
  const forged = await page.request.post(approve.url, {
    headers: {
      "Next-Action": approve.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // As the browser sends it: the forgery under test is the role, not the origin.
      Origin: new URL(approve.url).origin,
    },
    data: approve.body.replace(a!, b!),
  });
  expect(await forged.text()).toContain('"code":"FORBIDDEN"');
  const [status] = await sql(`SELECT status FROM "Invoice" WHERE id = $1`, [b]);
  expect(status).toEqual({ status: "SUBMITTED" });
  const [event] = await sql(
    `SELECT outcome, reason
     FROM "AuditEvent"
     WHERE action = 'invoice.approve' AND "targetId" = $1 AND "actorEmail" = $2
     ORDER BY seq DESC LIMIT 1`,
    [b, DEMO.dual],
  );
  expect(event).toMatchObject({ outcome: "REFUSED", reason: expect.stringMatching(/^own-submission/) });

  // A second person approves B.
  await signInAs("manager2", "/approvals");
  await page.getByTestId("approval-queue").getByRole("link").first().waitFor();
  await page.goto(`/invoices/${b}`);
  await page.getByRole("button", { name: "Approve (A)" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Approvals complete: ready to release.");
});

test("a high-value invoice waits for a second approver", async ({ page, signInAs, claimDrafts }) => {
  const [big] = await claimDrafts({ month: "2026-10", approvals: "two" });
  await signInAs("finance", `/invoices/${big}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
  await signInAs("manager", `/invoices/${big}`);
  await page.getByRole("button", { name: "Approve (A)" }).click();
  const panel = page.getByTestId("gate-panel");
  await expect(panel).toContainText("Approvals for this version: 1 of 2");
  await expect(panel).toContainText("Missing before release: 1 more approval(s)");
  await expect(panel.getByRole("button", { name: "Approve (A)" })).toHaveCount(0);
  await signInAs("manager2", `/invoices/${big}`);
  await page.getByRole("button", { name: "Approve (A)" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Approvals for this version: 2 of 2");
});

test("a manager rejects with a reason (R), and finance sees it on the draft", async ({
  page,
  signInAs,
  claimDrafts,
}) => {
  const [c] = await claimDrafts({ month: "2026-10", approvals: "one" });
  await signInAs("finance", `/invoices/${c}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
  await signInAs("manager", `/invoices/${c}`);
  await page.locator('[data-keyboard="ready"]').waitFor();
  await page.keyboard.press("r");
  await page.getByLabel("Reason for rejecting").fill("BigQuery looks doubled");
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await signInAs("finance", `/invoices/${c}`);
  await expect(page.getByTestId("gate-panel")).toContainText(
    "Rejected by 承認 太郎 (Taro Shonin): BigQuery looks doubled",
  );
  await expect(page.getByRole("button", { name: "Submit for approval" })).toBeVisible();
});

test("reject and resubmit: who submitted in a rejected round cannot approve, in the panel or by a forged call", async ({
  page,
  signInAs,
  sql,
  browser,
  claimDrafts,
}) => {
  // Seven sign-ins and three browser contexts: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const [x, y] = await claimDrafts({ month: "2026-10", n: 2, approvals: "one" });
  const panel = page.getByTestId("gate-panel");

  // Round 1: the person holding both roles submits; a manager rejects it.
  await signInAs("dual", `/invoices/${x}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(panel).toContainText("Submitted by 兼務 亮");
  await signInAs("manager", `/invoices/${x}`);
  await page.locator('[data-keyboard="ready"]').waitFor();
  await page.keyboard.press("r");
  await page.getByLabel("Reason for rejecting").fill("Please check the BigQuery line");
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(panel).toContainText("Rejected by 承認 太郎");

  // Round 2: someone else resubmits it unchanged: same version, and the latest submitter is finance2.
  await signInAs("finance2", `/invoices/${x}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(panel).toContainText("Submitted by 会計 次郎");
  expect(await sql(`SELECT version, status FROM "Invoice" WHERE id = $1`, [x])).toEqual([
    { version: 1, status: "SUBMITTED" },
  ]);

  // dual opens it: no decision offered, and the panel says why; the queue does not list it.
  await signInAs("dual", `/invoices/${x}`);
  await expect(panel).toContainText("Submitted by 会計 次郎");
  await expect(panel.getByTestId("why-not-decide")).toHaveText(
    "You cannot decide on this invoice: " +
      "you submitted this invoice (in this or an earlier round), so someone else must decide on it",
  );
  await expect(panel.getByRole("button", { name: "Approve (A)" })).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Reject (R)" })).toHaveCount(0);
  await page.goto("/approvals");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(`a[href="/invoices/${x}"]`)).toHaveCount(0);

  // The same, in Japanese.
  const ja = await browser.newContext({ locale: "ja-JP" });
  const jaPage = await ja.newPage();
  const { signInAs: signInOther } = await import("./fixtures");
  await signInOther(jaPage, "dual", `/invoices/${x}`);
  await expect(jaPage.getByTestId("why-not-decide")).toHaveText(
    "この請求書は承認できません: この請求書を提出したのはあなたです(差し戻し前の回を含む)。" +
      "承認・差し戻しは他の人が行う必要があります。",
  );
  await expect(jaPage.getByRole("button", { name: "承認 (A)" })).toHaveCount(0);
  await ja.close();

  // A manager's real approval of another invoice gives the approve action's id and body.
  const en = await browser.newContext({ locale: "en-US" });
  const other = await en.newPage();
  await signInOther(other, "finance", `/invoices/${y}`);
  await other.getByRole("button", { name: "Submit for approval" }).click();
  await expect(other.getByTestId("gate-panel")).toContainText("Submitted by 経理 花子");
  await signInOther(other, "manager2", `/invoices/${y}`);
  await other.locator('[data-keyboard="ready"]').waitFor();
  const approve = await captureServerAction(other, () => other.keyboard.press("a"));
  await expect(other.getByTestId("gate-panel")).toContainText("Approvals complete");
  await en.close();

  // dual forges that call for the invoice they submitted in round 1: refused and audited.
  const forged = await page.request.post(approve.url, {
    headers: {
      "Next-Action": approve.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // As the browser sends it: the forgery under test is the person, not the origin.
      Origin: new URL(approve.url).origin,
    },
    data: approve.body.replace(y!, x!),
  });
  expect(await forged.text()).toContain('"code":"FORBIDDEN"');
  expect(await sql(`SELECT status FROM "Invoice" WHERE id = $1`, [x])).toEqual([{ status: "SUBMITTED" }]);
  expect(
    await sql(`SELECT count(*)::int AS n FROM "Approval" WHERE "invoiceId" = $1 AND decision = 'APPROVED'`, [x]),
  ).toEqual([{ n: 0 }]);
  const [event] = await sql(
    `SELECT outcome, reason FROM "AuditEvent"
     WHERE action = 'invoice.approve' AND "targetId" = $1 AND "actorEmail" = $2 ORDER BY seq DESC LIMIT 1`,
    [x, DEMO.dual],
  );
  expect(event).toMatchObject({ outcome: "REFUSED", reason: expect.stringMatching(/^own-submission/) });
});
