// Data-level authorization: each role's DTOs, built in lib/ from the policy, carry finance's
// internal notes (社内メモ) only for roles allowed to read them (invoice.viewInternalNotes), and
// customer contact data unmasked only by role or an active grant. A marker planted in the notes
// is looked for in the whole serialised DTO, as it would travel to the browser.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getCustomerContact } from "@/lib/access/get-customer-contact";
import { getInvoiceStory, queryAudit, streamAuditEvents } from "@/lib/audit/query-audit";
import type { Actor } from "@/lib/authz/actor";
import { editInvoice } from "@/lib/invoices/edit-invoice";
import { getInvoiceHistory, resolveComparison } from "@/lib/invoices/get-invoice-history";
import { getInvoicePage } from "@/lib/invoices/get-invoice-page";
import { withoutInternalNotes } from "@/lib/invoices/internal-notes";
import { snapshotOf } from "@/lib/invoices/snapshot";
import type { Role } from "@/lib/generated/prisma/enums";
import { draftInvoice, person } from "../support/invoices";

const ROLES: Array<{ role: Role; seesNotes: boolean; readsAudit: boolean; unmasked: boolean }> = [
  { role: "FINANCE", seesNotes: true, readsAudit: false, unmasked: true },
  { role: "MANAGER", seesNotes: true, readsAudit: true, unmasked: true },
  { role: "ADMIN", seesNotes: true, readsAudit: true, unmasked: true },
  { role: "SUPPORT", seesNotes: false, readsAudit: false, unmasked: false },
];

/** A draft whose internal notes (and its version 2 snapshot and edit event) carry the marker. */
async function invoiceWithNotes(marker: string) {
  const invoice = await draftInvoice(120_000n);
  const loaded = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { lines: true } });
  await db.invoiceVersion.updateMany({
    where: { invoiceId: invoice.id, version: 1 },
    data: {
      snapshot: JSON.parse(JSON.stringify(snapshotOf(loaded), (_k, v) => (typeof v === "bigint" ? String(v) : v))),
    },
  });
  const finance = await person("FINANCE");
  await editInvoice({
    actor: finance,
    invoiceId: invoice.id,
    expectedVersion: 1,
    changes: { notesInternal: `Checked with sales. ${marker}`, notesPrinted: "Thank you" },
    locale: "en",
  });
  return invoice;
}

const text = (value: unknown) =>
  JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v instanceof Date ? v.toISOString() : v));

describe("internal notes per role", () => {
  it.each(ROLES)("$role: invoice page, history and diff carry the notes only if allowed", async (row) => {
    const marker = `MARKER-${row.role}-${Date.now()}`;
    const invoice = await invoiceWithNotes(marker);
    const actor: Actor = await person(row.role);

    const page = await getInvoicePage(invoice.id, actor);
    expect(text(page).includes(marker)).toBe(row.seesNotes);
    expect(page.editable.internalNotesVisible).toBe(row.seesNotes);
    // The printed notes are the customer's to see: everyone.
    expect(page.editable.notesPrinted).toBe("Thank you");

    const history = await getInvoiceHistory({ actor, invoiceId: invoice.id });
    expect(text(history).includes(marker)).toBe(row.seesNotes);
    const diff = resolveComparison(history, { a: "1", b: "2" });
    expect(diff.ok).toBe(true);
    if (!diff.ok) return;
    expect(text(diff).includes(marker)).toBe(row.seesNotes);
    const noteChange = diff.diff.header.find((c) => c.field === "notesInternal");
    expect(noteChange !== undefined).toBe(row.seesNotes);
    expect(diff.diff.header.some((c) => c.field === "notesPrinted")).toBe(true);
  });

  it.each(ROLES)(
    "$role: the audit log (list, CSV stream, invoice story) carries the notes only if allowed",
    async (row) => {
      const marker = `AUDIT-${row.role}-${Date.now()}`;
      const invoice = await invoiceWithNotes(marker);
      const actor: Actor = await person(row.role);
      const filter = { targetType: "invoice", targetId: invoice.id };
      if (!row.readsAudit) {
        await expect(queryAudit({ actor, filter })).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(getInvoiceStory({ actor, invoiceId: invoice.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
        return;
      }
      const page = await queryAudit({ actor, filter });
      expect(page.events.some((e) => e.action === "invoice.edit")).toBe(true);
      expect(text(page).includes(marker)).toBe(row.seesNotes);
      const streamed = [];
      for await (const chunk of streamAuditEvents({ actor, filter, pageSize: 10 })) streamed.push(...chunk);
      expect(text(streamed).includes(marker)).toBe(row.seesNotes);
      const story = await getInvoiceStory({ actor, invoiceId: invoice.id });
      expect(text(story).includes(marker)).toBe(row.seesNotes);
    },
  );

  it("the audit DTO drops the notes for a role that may not read them, however deep, and nothing else", () => {
    const event = {
      before: { version: 1, notesInternal: "secret", notesPrinted: "hello", nested: [{ notesInternal: "x", a: 1 }] },
      after: { notesInternal: "secret 2" },
    };
    expect(withoutInternalNotes(event)).toEqual({
      before: { version: 1, notesPrinted: "hello", nested: [{ a: 1 }] },
      after: {},
    });
  });
});

describe("customer contact per role", () => {
  it.each(ROLES)("$role: contact and bank data unmasked only by role or grant", async (row) => {
    const invoice = await draftInvoice();
    const email = `contact-${Date.now()}@example.co.jp`;
    await db.customer.update({
      where: { id: invoice.customerId },
      data: { contactEmail: email, contactPhone: "03-1234-5678", bankDetails: "みずほ銀行 本店 普通 7654321" },
    });
    const actor: Actor = await person(row.role);
    const contact = await getCustomerContact({ actor, customerId: invoice.customerId });
    expect(contact.masked).toBe(!row.unmasked);
    for (const secret of [email, "03-1234-5678", "7654321"]) expect(text(contact).includes(secret)).toBe(row.unmasked);
  });
});
