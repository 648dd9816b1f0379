// A customer split into several invoices: the contract-level fees (the monthly minimum's top-up
// and the fixed fees) are charged once, on the contract's fee group, and every invoice of the
// contract says where, on the page (in the reader's language) and on the PDF (both languages).
import { extractText, getDocumentProxy } from "unpdf";
import { expect, signInAs, test } from "./fixtures";

type SplitInvoice = {
  id: string;
  code: string;
  group: string;
  fee_group: string;
  here: boolean;
};

type Sql = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** The 2026-10 invoices of the first split customer whose contract has a fixed fee. */
async function splitCustomerInvoices(sql: Sql) {
  const rows = await sql<SplitInvoice>(
    `SELECT i.id, c.code, g.name AS group, i."contractFees"->>'feeGroupName' AS fee_group,
            (i."contractFees"->>'feeGroupId') = i."billingGroupId"::text AS here
     FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId" JOIN "BillingGroup" g ON g.id = i."billingGroupId"
     WHERE i.month = '2026-10' AND i.kind = 'INVOICE' AND i."contractFees" IS NOT NULL
       AND c.id = (SELECT k."customerId" FROM "PricingContract" k JOIN "PricingFixedFee" f ON f."contractId" = k.id
                   JOIN "Invoice" x ON x."customerId" = k."customerId" AND x.month = '2026-10'
                   WHERE x."contractFees" IS NOT NULL ORDER BY k."customerId" LIMIT 1)
     ORDER BY g.name`,
  );
  const feeInvoice = rows.find((r) => r.here);
  const other = rows.find((r) => !r.here);
  if (!feeInvoice || !other) throw new Error("the demo data has a split customer with fixed fees");
  return { rows, feeInvoice, other };
}

test("a split customer's invoices: the fees once, on the fee group's invoice, and each says where", async ({
  page,
  signInAs: signIn,
  sql,
}) => {
  const { rows, feeInvoice, other } = await splitCustomerInvoices(sql);
  // Once per contract: one invoice carries the fixed fees and any top-up, the others none.
  const fees = await sql<{ id: string; fixed: number }>(
    `SELECT i.id, count(l.*) FILTER (WHERE l.kind = 'FIXED_FEE')::int AS fixed
     FROM "Invoice" i LEFT JOIN "InvoiceLine" l ON l."invoiceId" = i.id
     WHERE i.id = ANY($1::uuid[]) GROUP BY i.id`,
    [rows.map((r) => r.id)],
  );
  for (const f of fees) expect(f.fixed > 0).toBe(f.id === feeInvoice.id);

  await signIn("finance", `/invoices/${other.id}`);
  const note = page.getByTestId("contract-fees-note");
  await expect(note).toContainText(`are charged on the invoice for “${other.fee_group}”, not on this one`);
  await note.getByRole("link", { name: `Open the invoice for “${other.fee_group}”` }).click();
  await expect(page).toHaveURL(new RegExp(`/invoices/${feeInvoice.id}$`));
  await expect(page.getByTestId("contract-fees-note")).toContainText(
    "This invoice carries the contract-level fees (fixed fees, the top-up to the operations fee's monthly minimum)",
  );

  // The PDF the customer receives prints it, in Japanese and English.
  const preview = await page.request.get(`/api/invoices/${other.id}/preview`);
  expect(preview.status()).toBe(200);
  const pdf = await getDocumentProxy(new Uint8Array(await preview.body()));
  const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, "");
  expect(text).toContain(`「${other.fee_group.replace(/\s+/g, "")}」宛の請求書でご請求しています`);
  expect(text).toContain("Contract-levelfees");
});

test("the note in Japanese", async ({ browser, sql }) => {
  const { other } = await splitCustomerInvoices(sql);
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  await signInAs(page, "finance", `/invoices/${other.id}`);
  await expect(page.getByTestId("contract-fees-note")).toContainText(
    "契約単位の料金(固定費、運用代行費の月額最低料金までの差額)は、" +
      `この請求書ではなく「${other.fee_group}」宛の請求書で請求しています。`,
  );
  await context.close();
});

test("an admin moves a contract's fee group on the customers page", async ({ page, signInAs: signIn, sql }) => {
  const { other, feeInvoice } = await splitCustomerInvoices(sql);
  await signIn("admin", `/admin/customers?q=${other.code}`);
  const cell = page.getByTestId(`fee-group-${other.code}`);
  const select = cell.getByLabel("Contract fee group");
  await expect(select.locator("option:checked")).toHaveText(feeInvoice.group);
  await select.selectOption({ label: other.group });
  await cell.getByRole("button", { name: "Save" }).click();
  await expect(cell.getByRole("status")).toHaveText("Saved. Drafts follow at their next generation.");
  const [event] = await sql<{ after: { feeGroupName: string } }>(
    `SELECT after FROM "AuditEvent" WHERE action = 'contract.feeGroup' ORDER BY seq DESC LIMIT 1`,
  );
  expect(event?.after.feeGroupName).toBe(other.group);
  // Back as it was, so the month's drafts stay as generated for the journeys that follow.
  await select.selectOption({ label: feeInvoice.group });
  await cell.getByRole("button", { name: "Save" }).click();
  await expect(cell.getByRole("status")).toHaveText("Saved. Drafts follow at their next generation.");
});
