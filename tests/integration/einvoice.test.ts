// E-invoices end to end against the real PostgreSQL and the real local document service:
// released invoices, credit notes and voids get their JP PINT XML, stored once with its SHA-256
// and delivered beside the PDF; a blocked e-invoice never holds the PDF back and is attached
// later by the backfill, as are documents delivered before the console made e-invoices.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registrationNumberFrom } from "@/lib/customers/registration-number";
import { setPeppolParticipant } from "@/lib/customers/set-peppol-participant";
import { db } from "@/lib/db";
import { deliverInvoiceNow } from "@/lib/delivery/deliver-now";
import { documentUploadFor, ensureInvoiceDocument } from "@/lib/delivery/payloads";
import { backfillEInvoices } from "@/lib/einvoice/backfill-einvoices";
import { exportEInvoices } from "@/lib/einvoice/export-einvoices";
import { getEInvoiceView } from "@/lib/einvoice/get-einvoice-view";
import { validateJpPint } from "@/lib/einvoice/validate-jp-pint";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { createCorrection } from "@/lib/release/create-correction";
import { loadReleasedInvoice, pdfModelOf } from "@/lib/release/pdf-model";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { createDocumentsClient } from "@/lib/services/documents-client";
import type { DocumentsClient } from "@/lib/services/types";
import { startDocumentsServer } from "@/services/documents/server";
import { uniqueSuffix } from "../support/db";
import { fakePdf, fakeServices, testDeliveryDeps } from "../support/fake-services";
import { applyReleaseSettings, draftInvoice, person } from "../support/invoices";

const TOKEN = "einvoice-docs-token";
const dirs: string[] = [];
let docs: Awaited<ReturnType<typeof startDocumentsServer>>;
let documents: DocumentsClient;

const fetchFromDocs = async (url: string) => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
};

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "einvoice-docs-"));
  dirs.push(dataDir);
  docs = await startDocumentsServer({ port: 0, token: TOKEN, dataDir });
  documents = createDocumentsClient({ baseUrl: docs.url, token: TOKEN, timeoutMs: 5_000, lookupBeforeCreate: true });
});

afterAll(async () => {
  await docs?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => applyReleaseSettings());

/** A released invoice of `amount` yen at 10 %, for a customer with the given registration number. */
async function released(options: { amount?: bigint; registered?: boolean; month?: string } = {}) {
  const finance = await person("FINANCE");
  const manager = await person("MANAGER");
  const draft = await draftInvoice(options.amount ?? 240_000n, options.month ?? "2032-02");
  const registrationNumber = options.registered === false ? null : registrationNumberFrom("300000012345");
  await db.customer.update({ where: { id: draft.customerId }, data: { registrationNumber } });
  await submitInvoice({ actor: finance, invoiceId: draft.id, expectedVersion: 1 });
  await approveInvoice({ actor: manager, invoiceId: draft.id, expectedVersion: 1 });
  const release = await releaseInvoice({ actor: finance, invoiceId: draft.id });
  return { id: draft.id, customerId: draft.customerId, number: release.number, finance, manager };
}

async function releaseCorrection(
  of: Awaited<ReturnType<typeof released>>,
  kind: "VOID" | "CREDIT_NOTE",
): Promise<{ id: string; number: string }> {
  const correction = await createCorrection({ actor: of.finance, invoiceId: of.id, kind, reason: "wrong quantity" });
  await submitInvoice({ actor: of.finance, invoiceId: correction.id, expectedVersion: 1 });
  await approveInvoice({ actor: of.manager, invoiceId: correction.id, expectedVersion: 1 });
  const release = await releaseInvoice({ actor: of.finance, invoiceId: correction.id });
  return { id: correction.id, number: release.number };
}

const deliver = (invoiceId: string, actor: { id: string; email: string }) =>
  deliverInvoiceNow(invoiceId, testDeliveryDeps({ crm: fakeServices().crm, documents }), actor, 10_000);

const documentDelivery = (invoiceId: string) =>
  db.delivery.findUniqueOrThrow({ where: { invoiceId_service: { invoiceId, service: "DOCUMENTS" } } });

describe("e-invoices", () => {
  it("an invoice's XML is stored once and delivered with its PDF to the participant an admin set", async () => {
    const invoice = await released();
    const admin = await person("ADMIN");
    await setPeppolParticipant({ actor: admin, customerId: invoice.customerId, scheme: "0188", id: "5835678256246" });

    const states = await deliver(invoice.id, invoice.finance);
    expect(states.map((s) => [s.service, s.status])).toEqual([
      ["DOCUMENTS", "SENT"],
      ["CRM", "SENT"],
    ]);
    const stored = await db.invoiceEInvoice.findUniqueOrThrow({ where: { invoiceId: invoice.id } });
    const delivery = await documentDelivery(invoice.id);
    expect(stored).toMatchObject({
      customizationId: "urn:peppol:pint:billing-1@jp-1",
      documentId: delivery.externalId,
    });
    expect(stored.deliveredAt).not.toBeNull();

    // The document service holds exactly the stored bytes beside the PDF.
    const held = await fetchFromDocs(`${docs.url}/documents/${delivery.externalId}/einvoice`);
    expect(held.status).toBe(200);
    expect(held.bytes.equals(Buffer.from(stored.xml))).toBe(true);
    const xml = held.bytes.toString("utf8");
    expect(validateJpPint(xml)).toEqual([]);
    expect(xml).toContain('<cbc:EndpointID schemeID="0188">5835678256246</cbc:EndpointID>');
    expect(xml).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);

    // The PDF's numbers, to the yen: 240,000 + 24,000 tax = 264,000.
    const model = pdfModelOf((await loadReleasedInvoice(db, invoice.id)) ?? never());
    expect(model).toMatchObject({ subtotalJpy: 240_000n, taxJpy: 24_000n, totalJpy: 264_000n });
    expect(xml).toContain('<cbc:TaxAmount currencyID="JPY">24000</cbc:TaxAmount>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="JPY">264000</cbc:PayableAmount>');

    // Setting the participant was audited; delivering again changes nothing.
    expect(
      await db.auditEvent.count({ where: { targetId: invoice.customerId, action: "customer.peppolParticipant" } }),
    ).toBe(1);
    const sent = await db.auditEvent.findFirstOrThrow({
      where: { targetId: invoice.id, action: "delivery.sent", after: { path: ["service"], equals: "DOCUMENTS" } },
    });
    expect(sent.after).toMatchObject({ einvoiceSha256: stored.sha256 });
  });

  it("a credit note and a void are CreditNotes naming the invoice they correct, delivered the same way", async () => {
    const original = await released({ amount: 100_000n });
    await deliver(original.id, original.finance);
    const originalRow = await db.invoice.findUniqueOrThrow({ where: { id: original.id } });
    const issued = originalRow.issueDate?.toISOString().slice(0, 10);

    const credit = await releaseCorrection(original, "CREDIT_NOTE");
    const voiding = await releaseCorrection(original, "VOID");
    for (const correction of [credit, voiding]) {
      await deliver(correction.id, original.finance);
      const stored = await db.invoiceEInvoice.findUniqueOrThrow({ where: { invoiceId: correction.id } });
      const xml = Buffer.from(stored.xml).toString("utf8");
      expect(validateJpPint(xml)).toEqual([]);
      expect(xml).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
      expect(xml).toMatch(
        new RegExp(
          `<cac:InvoiceDocumentReference>\\s*<cbc:ID>${original.number}</cbc:ID>\\s*<cbc:IssueDate>${issued}<`,
        ),
      );
      // 100,000 credited with its 10,000 tax.
      expect(xml).toContain('<cbc:PayableAmount currencyID="JPY">110000</cbc:PayableAmount>');
      expect(stored.deliveredAt).not.toBeNull();
    }
  });

  it("a blocked e-invoice never holds the PDF back; once fixed, the backfill attaches it", async () => {
    // No registration number and no participant ID: JP PINT's buyer address (ibr-080) is missing.
    const invoice = await released({ registered: false });
    const states = await deliver(invoice.id, invoice.finance);
    expect(states.map((s) => s.status)).toEqual(["SENT", "SENT"]);
    expect(await db.invoiceEInvoice.count({ where: { invoiceId: invoice.id } })).toBe(0);
    const blocked = await db.auditEvent.findFirstOrThrow({
      where: { targetId: invoice.id, action: "einvoice.blocked" },
    });
    expect(blocked).toMatchObject({ outcome: "REFUSED", after: { rules: ["ibr-080"], reasons: ["buyer"] } });
    const delivery = await documentDelivery(invoice.id);
    expect((await fetchFromDocs(`${docs.url}/documents/${delivery.externalId}/einvoice`)).status).toBe(404);
    // The invoice page says why, by reason (translated there) and rule.
    expect(await getEInvoiceView(invoice.id)).toMatchObject({
      released: true,
      available: false,
      participant: null,
      blocked: { reasons: ["buyer"], rules: ["ibr-080"] },
    });

    // An admin sets the customer's participant ID; the backfill attaches the XML to the stored PDF.
    await setPeppolParticipant({
      actor: await person("ADMIN"),
      customerId: invoice.customerId,
      scheme: "0221",
      id: registrationNumberFrom("400000054321"),
    });
    const actor = { id: null, email: "system:test-backfill" };
    const summary = await backfillEInvoices({ documents, actor, timeoutMs: 5_000 });
    expect(summary.attached).toContain(invoice.number);
    const stored = await db.invoiceEInvoice.findUniqueOrThrow({ where: { invoiceId: invoice.id } });
    expect(stored).toMatchObject({ documentId: delivery.externalId });
    expect(await getEInvoiceView(invoice.id)).toMatchObject({ available: true, delivered: true, blocked: null });
    const held = await fetchFromDocs(`${docs.url}/documents/${delivery.externalId}/einvoice`);
    expect(held.bytes.equals(Buffer.from(stored.xml))).toBe(true);
    // Running it again finds nothing left to do for this invoice.
    const again = await backfillEInvoices({ documents, actor, timeoutMs: 5_000 });
    expect([...again.attached, ...again.waiting]).not.toContain(invoice.number);
  });

  it("documents delivered before the console made e-invoices get theirs from the backfill", async () => {
    const invoice = await released();
    // What the console did before this change: the PDF alone, and the delivery recorded as sent.
    const row = (await loadReleasedInvoice(db, invoice.id)) ?? never();
    const pdf = await ensureInvoiceDocument(row, fakePdf);
    const pending = await documentDelivery(invoice.id);
    const uploaded = await documents.uploadInvoice(documentUploadFor(row, pdf, pending.idempotencyKey));
    if (uploaded.kind !== "sent") throw new Error(`upload failed: ${JSON.stringify(uploaded)}`);
    await db.delivery.update({
      where: { id: pending.id },
      data: { status: "SENT", externalId: uploaded.externalId, externalUrl: uploaded.externalUrl, sentAt: new Date() },
    });
    const delivery = await documentDelivery(invoice.id);
    expect(await db.invoiceEInvoice.count({ where: { invoiceId: invoice.id } })).toBe(0);
    expect((await fetchFromDocs(`${docs.url}/documents/${delivery.externalId}/einvoice`)).status).toBe(404);

    const summary = await backfillEInvoices({ documents, actor: { id: null, email: "system:test" }, timeoutMs: 5_000 });
    expect(summary.attached).toContain(invoice.number);
    const held = await fetchFromDocs(`${docs.url}/documents/${delivery.externalId}/einvoice`);
    expect(validateJpPint(held.bytes.toString("utf8"))).toEqual([]);
    expect(
      (await db.invoiceEInvoice.findUniqueOrThrow({ where: { invoiceId: invoice.id } })).deliveredAt,
    ).not.toBeNull();
  });

  it("einvoice:export writes the stored XML of every released document of the month", async () => {
    const month = `2040-${String((Number.parseInt(uniqueSuffix().slice(0, 4), 16) % 12) + 1).padStart(2, "0")}`;
    const first = await released({ month });
    const second = await released({ month, amount: 1_000n });
    const blocked = await released({ month, registered: false });
    await deliver(first.id, first.finance);
    const out = mkdtempSync(path.join(tmpdir(), "einvoice-export-"));
    dirs.push(out);
    const summary = await exportEInvoices({ month, outDir: out });
    const mine = summary.written.filter((w) => [first.number, second.number].includes(w.number));
    expect(mine.map((w) => w.number).sort()).toEqual([first.number, second.number].sort());
    const stored = await db.invoiceEInvoice.findUniqueOrThrow({ where: { invoiceId: first.id } });
    expect(readFileSync(path.join(out, `${first.number}.xml`)).equals(Buffer.from(stored.xml))).toBe(true);
    // The second was never delivered: exporting stored it, so a later delivery sends the same bytes.
    expect(await db.invoiceEInvoice.count({ where: { invoiceId: second.id } })).toBe(1);
    expect(summary.blocked).toContainEqual({ number: blocked.number, rules: ["ibr-080"] });
  });
});

function never(): never {
  throw new Error("the invoice was released");
}
