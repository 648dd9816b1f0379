// Release in the browser: finance releases an approved invoice, which gets its number, PDF and
// e-invoice (JP PINT XML, to the Peppol participant an admin set) and arrives once in each local
// service; a CRM outage leaves the delivery visible with the service's error until finance
// retries it; a manager's forged retry is refused.
import { createHash } from "node:crypto";
import { services } from "../playwright.config";
import { serviceAdmin } from "../services/lib/admin-client";
import { captureServerAction, DEMO, expect, japanDatePlus, setDueDate, signInAs, test } from "./fixtures";
import type { Page } from "@playwright/test";
import type { DraftNeeds } from "./support/claims";

const crm = serviceAdmin(services.crm.url, services.crm.token);
const documents = serviceAdmin(services.documents.url, services.documents.token);

/**
 * An October draft of the journey's own (one approval releases it; its customer has a registration
 * number, which the e-invoice is addressed by), due `dueInDays` after today, submitted and approved
 * in the browser.
 */
async function approvedThroughTheGate(
  page: Page,
  claimDrafts: (needs: DraftNeeds) => Promise<string[]>,
  dueInDays = 30,
) {
  const [id] = (await claimDrafts({ month: "2026-10", approvals: "one", registered: true })) as [string];
  await signInAs(page, "finance", `/invoices/${id}`);
  await setDueDate(page, japanDatePlus(dueInDays));
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
  await signInAs(page, "manager", `/invoices/${id}`);
  await page.getByRole("button", { name: "Approve (A)" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("ready to release");
  await signInAs(page, "finance", `/invoices/${id}`);
  return id;
}

test("finance releases an approved invoice: a number, the PDF, one record per service, every attempt audited", async ({
  page,
  sql,
  claimDrafts,
}) => {
  const id = await approvedThroughTheGate(page, claimDrafts);
  // An admin records where the customer receives e-invoices.
  const [customer] = await sql<{ code: string }>(
    `SELECT c.code FROM "Customer" c JOIN "Invoice" i ON i."customerId" = c.id WHERE i.id = $1`,
    [id],
  );
  await signInAs(page, "admin", `/admin/customers?q=${customer!.code}`);
  const settings = page.getByTestId(`customer-${customer!.code}`);
  // The Peppol form's own Save: a customer with contract fees has a second form here.
  const participant = settings.locator("form").filter({ has: page.getByLabel("Identifier") });
  await participant.getByLabel("Identifier").fill("5835678256246");
  await participant.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved.");
  await signInAs(page, "finance", `/invoices/${id}`);
  const einvoicePanel = page.getByTestId("einvoice-panel");
  await expect(einvoicePanel).toContainText("This invoice goes to Peppol participant 0188:5835678256246.");
  const einvoicesBefore = (await documents.stats()).einvoices ?? 0;

  const panel = page.getByTestId("release-panel");
  await panel.getByRole("button", { name: "Release and deliver" }).click();
  await expect(panel).toContainText(/Released as INV-\d{4}-\d{6}/);
  await expect(panel.getByTestId("delivery-DOCUMENTS")).toHaveAttribute("data-status", "SENT");
  await expect(panel.getByTestId("delivery-CRM")).toHaveAttribute("data-status", "SENT");
  const number = (await sql<{ number: string }>(`SELECT number FROM "Invoice" WHERE id = $1`, [id]))[0]!.number;
  await expect(page.getByTestId("invoice-total")).toBeVisible();

  const pdf = await page.request.get(`/api/invoices/${id}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toContain(`${number}.pdf`);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  // The download and the document service's copy are the same bytes: the PDF stored at the first delivery.
  const [document] = await sql<{ externalId: string; sha256: string }>(
    `SELECT d."externalId", f.sha256
     FROM "Delivery" d JOIN "InvoiceDocument" f ON f."invoiceId" = d."invoiceId"
     WHERE d."invoiceId" = $1 AND d.service = 'DOCUMENTS'`,
    [id],
  );
  const delivered = await fetch(`${services.documents.url}/documents/${document!.externalId}/content`, {
    headers: { authorization: `Bearer ${services.documents.token}` },
  });
  expect(delivered.status).toBe(200);
  const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
  expect(sha256(await pdf.body())).toBe(document!.sha256);
  expect(pdf.headers()["x-content-sha256"]).toBe(document!.sha256);
  expect(sha256(new Uint8Array(await delivered.arrayBuffer()))).toBe(document!.sha256);

  // The e-invoice: offered on the page, the stored XML, and held by the document service too.
  await page.reload();
  await expect(einvoicePanel).toContainText("Stored with the document service beside the PDF.");
  const download = page.waitForEvent("download");
  await einvoicePanel.getByRole("link", { name: "Download e-invoice (XML)" }).click();
  expect((await download).suggestedFilename()).toBe(`${number}.xml`);
  const xml = await page.request.get(`/api/invoices/${id}/einvoice`);
  expect(xml.headers()["content-type"]).toContain("application/xml");
  const text = await xml.text();
  expect(text).toContain("<cbc:CustomizationID>urn:peppol:pint:billing-1@jp-1</cbc:CustomizationID>");
  expect(text).toContain(`<cbc:ID>${number}</cbc:ID>`);
  expect(text).toContain('<cbc:EndpointID schemeID="0188">5835678256246</cbc:EndpointID>');
  const [stored] = await sql<{ sha256: string }>(`SELECT sha256 FROM "InvoiceEInvoice" WHERE "invoiceId" = $1`, [id]);
  expect(xml.headers()["x-content-sha256"]).toBe(stored!.sha256);
  expect((await documents.stats()).einvoices).toBe(einvoicesBefore + 1);

  expect((await crm.stats()).recordsByInvoiceNumber![number]).toBe(1);
  expect((await documents.stats()).documentsByInvoiceNumber![number]).toBe(1);
  const audit = await sql<{ action: string; n: string }>(
    `SELECT action, count(*)::text AS n
     FROM "AuditEvent"
     WHERE "targetId" = $1 AND action IN ('invoice.release', 'delivery.sent')
     GROUP BY action
     ORDER BY action`,
    [id],
  );
  expect(audit).toEqual([
    { action: "delivery.sent", n: "2" },
    { action: "invoice.release", n: "1" },
  ]);
  // Once the release has committed, the audit chain's head (the release's event or later) is
  // checkpointed at the document service, outside the database.
  const [released] = await sql<{ seq: string }>(
    `SELECT seq::text AS seq FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'invoice.release'`,
    [id],
  );
  const latestCheckpoint = async () => {
    const answer = await fetch(`${services.documents.url}/audit-checkpoints/latest`, {
      headers: { Authorization: `Bearer ${services.documents.token}` },
    });
    return answer.ok ? BigInt(((await answer.json()) as { seq: string }).seq) : 0n;
  };
  await expect.poll(async () => (await latestCheckpoint()) >= BigInt(released!.seq)).toBe(true);

  await page.goto("/releases");
  const row = page.getByTestId("release-row").filter({ hasText: number });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("delivery-CRM")).toHaveAttribute("data-status", "SENT");
  await expect(row.getByRole("link", { name: `Download e-invoice (XML) ${number}` })).toHaveAttribute(
    "href",
    `/api/invoices/${id}/einvoice`,
  );
});

// A manager's forged retry is refused.
test("a CRM outage leaves the delivery pending with the service's error, and finance retries it", async ({
  page,
  sql,
  claimDrafts,
}) => {
  const id = await approvedThroughTheGate(page, claimDrafts);
  await crm.faults({ errorRate: 1 });
  try {
    const panel = page.getByTestId("release-panel");
    await panel.getByRole("button", { name: "Release and deliver" }).click();
    await expect(panel.getByTestId("delivery-DOCUMENTS")).toHaveAttribute("data-status", "SENT");
    const crm = panel.getByTestId("delivery-CRM");
    await expect(crm).toHaveAttribute("data-status", "PENDING");
    await expect(crm).toContainText("503 Injected failure");
    await expect(crm).toContainText("1 attempts");
  } finally {
    await crm.faults({ errorRate: 0 });
  }

  await page.goto("/releases?show=problems");
  const row = page.getByTestId("release-row").first();
  await expect(row.getByTestId("delivery-CRM")).toHaveAttribute("data-status", "PENDING");
  const retry = await captureServerAction(page, () => row.getByRole("button", { name: "Retry" }).click());
  await expect(page.getByText("Every delivery has been sent.")).toBeVisible();
  const attempts = await sql<{ outcome: string }>(
    `SELECT a.outcome
     FROM "DeliveryAttempt" a
     JOIN "Delivery" d ON d.id = a."deliveryId"
     WHERE d."invoiceId" = $1 AND d.service = 'CRM'
     ORDER BY a."startedAt"`,
    [id],
  );
  expect(attempts.map((a) => a.outcome)).toEqual(["retry", "sent"]);
  const number = (await sql<{ number: string }>(`SELECT number FROM "Invoice" WHERE id = $1`, [id]))[0]!.number;
  expect((await crm.stats()).recordsByInvoiceNumber![number]).toBe(1);

  // A manager sees no retry button and a forged call is refused on the server and audited.
  await signInAs(page, "manager", `/invoices/${id}`);
  await expect(page.getByTestId("release-panel").getByRole("button", { name: "Retry" })).toHaveCount(0);
  const forged = await page.request.post(retry.url, {
    headers: {
      "Next-Action": retry.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // As the browser sends it: the forgery under test is the role, not the origin.
      Origin: new URL(retry.url).origin,
    },
    data: retry.body,
  });
  expect(await forged.text()).toContain('"code":"FORBIDDEN"');
  const [denied] = await sql(
    `SELECT reason FROM "AuditEvent" WHERE action = 'access.denied' AND "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [DEMO.manager],
  );
  expect(denied).toEqual({ reason: "delivery.retry: role" });
});

test("a released invoice is voided through the same gate: its own number, the original voided, both delivered", async ({
  page,
  sql,
  claimDrafts,
}) => {
  const id = await approvedThroughTheGate(page, claimDrafts);
  const panel = page.getByTestId("release-panel");
  await panel.getByRole("button", { name: "Release and deliver" }).click();
  await expect(panel.getByTestId("delivery-CRM")).toHaveAttribute("data-status", "SENT");
  const original = (await sql<{ number: string }>(`SELECT number FROM "Invoice" WHERE id = $1`, [id]))[0]!.number;

  await panel.getByRole("button", { name: "Correct this invoice" }).click();
  await panel.getByRole("button", { name: "Create draft" }).click();
  await expect(panel.getByRole("alert")).toContainText("Say why the invoice is corrected (at least 5 characters).");
  await panel.getByLabel("Reason (at least 5 characters)").fill("Billed to the wrong customer");
  await panel.getByRole("button", { name: "Create draft" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/invoices/") && !url.pathname.endsWith(id));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Void");
  const voidId = page.url().split("/invoices/")[1]!;

  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");
  await signInAs(page, "manager", `/invoices/${voidId}`);
  await page.getByRole("button", { name: "Approve (A)" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("ready to release");
  await signInAs(page, "finance", `/invoices/${voidId}`);
  await page.getByTestId("release-panel").getByRole("button", { name: "Release and deliver" }).click();
  await expect(page.getByTestId("release-panel").getByTestId("delivery-CRM")).toHaveAttribute("data-status", "SENT");

  const rows = await sql<{ id: string; kind: string; status: string; number: string; totalJpy: string }>(
    `SELECT id, kind, status, number, "totalJpy"::text FROM "Invoice" WHERE id IN ($1, $2)`,
    [id, voidId],
  );
  const voided = rows.find((r) => r.id === id)!;
  const voiding = rows.find((r) => r.id === voidId)!;
  expect(voided.status).toBe("VOIDED");
  expect(voiding).toMatchObject({ kind: "VOID", status: "RELEASED" });
  expect(voiding.number).not.toBe(original);
  expect(BigInt(voiding.totalJpy)).toBeLessThan(0n);
  expect((await crm.stats()).recordsByInvoiceNumber![voiding.number]).toBe(1);
  expect((await documents.stats()).documentsByInvoiceNumber![voiding.number]).toBe(1);

  // The void's e-invoice is a CreditNote naming the invoice it cancels.
  const xml = await (await page.request.get(`/api/invoices/${voidId}/einvoice`)).text();
  expect(xml).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
  expect(xml).toMatch(new RegExp(`<cac:InvoiceDocumentReference>\\s*<cbc:ID>${original}</cbc:ID>`));
});

test("a due date before the issue date is pointed out before submission and refused at release, naming both", async ({
  page,
  sql,
  claimDrafts,
}) => {
  const due = japanDatePlus(-3);
  const today = japanDatePlus(0);
  const id = await approvedThroughTheGate(page, claimDrafts, -3);
  const warning = page.getByTestId("due-date-warning");
  await expect(warning).toHaveText(
    `The due date ${due} is before today (${today}). Change it before release: an invoice is never issued after ` +
      "its due date.",
  );
  const panel = page.getByTestId("release-panel");
  await panel.getByRole("button", { name: "Release and deliver" }).click();
  await expect(panel.getByRole("alert")).toHaveText(
    `The due date ${due} is before the issue date ${today}. Change the due date, then release it.`,
  );
  expect(
    (
      await sql<{ status: string; number: string | null }>(`SELECT status, number FROM "Invoice" WHERE id = '${id}'`)
    )[0],
  ).toEqual({ status: "APPROVED", number: null });
  const [refusal] = await sql<{ outcome: string; reason: string }>(
    `SELECT outcome, reason FROM "AuditEvent" WHERE "targetId" = '${id}' AND action = 'invoice.release'`,
  );
  expect(refusal).toMatchObject({ outcome: "REFUSED", reason: expect.stringMatching(/^due-before-issue: /) });

  // The same in Japanese.
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(warning).toContainText(`支払期日(${due})が本日(${today})より前です。`);
  await panel.getByRole("button", { name: "発行して送信" }).click();
  await expect(panel.getByRole("alert")).toHaveText(
    `支払期日(${due})が発行日(${today})より前です。支払期日を変更してから発行してください。`,
  );
  await page.getByRole("button", { name: "English" }).click();
});
