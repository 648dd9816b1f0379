// Data-level authorization, response bodies included: finance's internal notes (社内メモ)
// reach only the roles the policy lets read them (invoice.viewInternalNotes). A marker planted
// in the notes is looked for in every route that returns invoice data, as HTML, as the RSC
// flight (`RSC: 1`, what client navigation fetches), and as CSV, JSON or PDF text.
import { extractText, getDocumentProxy } from "unpdf";
import { type DemoRole, expect, signInAs, test } from "./fixtures";

const ROLES: DemoRole[] = ["finance", "manager", "admin", "support"];
/** Who may read internal notes (lib/authz/policy.ts, invoice.viewInternalNotes). */
const MAY_SEE = new Set<DemoRole>(["finance", "manager", "admin"]);

test("internal notes leave the server only for roles allowed to read them", async ({ browser, sql, claimDrafts }) => {
  test.setTimeout(240_000);
  const marker = `INTERNAL-NOTE-MARKER-${Date.now()}`;
  // A draft of its own (e2e/support/claims.ts): its notes are edited here.
  const [claimed] = await claimDrafts({});
  const [invoice] = await sql<{ id: string; customerId: string; month: string }>(
    `SELECT id::text, "customerId"::text, month FROM "Invoice" WHERE id = $1`,
    [claimed],
  );
  const id = invoice!.id;

  // Finance writes the note through the editor: the invoice, its version snapshot and the
  // edit's audit event all carry it now.
  const financeContext = await browser.newContext({ locale: "en-US" });
  const financePage = await financeContext.newPage();
  await signInAs(financePage, "finance", `/invoices/${id}`);
  await financePage.getByRole("button", { name: "Edit invoice" }).click();
  await financePage.getByLabel("Internal notes (never printed)", { exact: true }).fill(`Checked. ${marker}`);
  await financePage.getByRole("button", { name: "Save" }).click();
  await expect(financePage.getByTestId("edit-notice")).toContainText("Saved as version");
  await financeContext.close();
  const [stored] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'invoice.edit'
     AND (before::text LIKE $2 OR after::text LIKE $2)`,
    [id, `%${marker}%`],
  );
  expect(stored?.n).toBe("1");

  const pages = [
    `/invoices/${id}`,
    `/invoices/${id}/history`,
    `/invoices/${id}/history?a=1&b=2`,
    `/audit/invoices/${id}`,
    `/audit?targetType=invoice&targetId=${id}`,
    `/lookup/customers/${invoice!.customerId}`,
    `/drafts?month=${invoice!.month}`,
    "/approvals",
  ];
  const files = [`/api/audit/export?targetType=invoice&targetId=${id}`, `/api/drafts/export?month=${invoice!.month}`];

  for (const role of ROLES) {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await signInAs(page, role);
    const seen: string[] = [];
    for (const path of pages) {
      for (const headers of [{}, { RSC: "1" }] as Array<Record<string, string>>) {
        const response = await page.request.get(path, { headers });
        const body = await response.text();
        // Never an error page: either the content, or a refusal for a role without the page.
        expect([200, 403], `${role} ${path}`).toContain(response.status());
        if (body.includes(marker)) seen.push(`${path}${headers.RSC ? " (RSC)" : ""}`);
      }
    }
    for (const path of files) {
      const response = await page.request.get(path);
      if ((await response.text()).includes(marker)) seen.push(path);
    }
    // The flight a client navigation fetches with the router's own query marker.
    const flight = await page.request.get(`/invoices/${id}?_rsc=x1`, { headers: { RSC: "1" } });
    if ((await flight.text()).includes(marker)) seen.push("/invoices/[id]?_rsc");
    // The customer's preview PDF never prints internal notes, for anyone.
    const preview = await page.request.get(`/api/invoices/${id}/preview`);
    expect(preview.status()).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(await preview.body()));
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text.length).toBeGreaterThan(100);
    if (text.includes(marker)) seen.push("preview PDF");

    if (MAY_SEE.has(role)) {
      expect(seen, role).toEqual(
        expect.arrayContaining([
          `/invoices/${id}`,
          `/invoices/${id}/history`,
          `/invoices/${id}/history?a=1&b=2`,
          `/invoices/${id} (RSC)`,
          `/invoices/${id}/history?a=1&b=2 (RSC)`,
          "/invoices/[id]?_rsc",
        ]),
      );
      if (role !== "finance") expect(seen, role).toContain(`/api/audit/export?targetType=invoice&targetId=${id}`);
      expect(seen, role).not.toContain("preview PDF");
      // On the page itself, in the notes panel.
      await page.goto(`/invoices/${id}`);
      await expect(page.getByTestId("invoice-notes")).toContainText(marker);
    } else {
      expect(seen, role).toEqual([]);
      await page.goto(`/invoices/${id}`);
      await expect(page.getByTestId("invoice-notes")).not.toContainText(marker);
      await expect(page.getByTestId("invoice-notes")).toContainText("Internal notes are not shown to your role");
    }
    await context.close();
  }
});
