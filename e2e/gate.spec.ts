// The two-person gate in the browser: submit, approve (keyboard), the same person refused even
// by a forged call, a high-value invoice waiting for a second approver, a rejection.
import { captureServerAction, DEMO, expect, test } from "./fixtures";

async function draftIds(sql: (t: string, p?: unknown[]) => Promise<Array<{ id: string }>>, where: string, n: number) {
  return (
    await sql(
      `SELECT id
       FROM "Invoice"
       WHERE month = '2026-10' AND status = 'DRAFT' AND ${where}
       ORDER BY "totalJpy" LIMIT ${n}`,
    )
  ).map((r) => r.id);
}

test("finance submits; the submitter cannot approve (button or forged call); another approves by keyboard", async ({
  page,
  signInAs,
  sql,
  browser,
}) => {
  const [a, b] = await draftIds(sql, `"totalJpy" < 5000000`, 2);

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

test("a high-value invoice waits for a second approver", async ({ page, signInAs, sql }) => {
  const [big] = await draftIds(sql, `"totalJpy" >= 5000000`, 1);
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

test("a manager rejects with a reason (R), and finance sees it on the draft", async ({ page, signInAs, sql }) => {
  const [, , c] = await draftIds(sql, `"totalJpy" < 5000000`, 3);
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
