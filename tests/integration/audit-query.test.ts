// Reading the audit log: filters (actor, action, target, outcome, time), keyset paging, the
// CSV stream and an invoice's story; only admins and managers read it, and every read is
// itself an audit event.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseAuditSearchParams } from "@/lib/audit/audit-search-params";
import { auditCsvHeader, auditCsvRows, getInvoiceStory, queryAudit, streamAuditEvents } from "@/lib/audit/query-audit";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { approvedInvoice, person } from "../support/invoices";
import { uniqueSuffix } from "../support/db";

async function lastEventBy(email: string) {
  return db.auditEvent.findFirstOrThrow({ where: { actorEmail: email }, orderBy: { seq: "desc" } });
}

describe("queryAudit", () => {
  it("names each target: an invoice by customer and month (or its number), a customer, a user", async () => {
    const manager = await person("MANAGER");
    const { invoice, finance } = await approvedInvoice();
    const customer = await db.customer.findUniqueOrThrow({ where: { id: invoice.customerId } });
    await recordAuditEventNow({ actor: finance, action: "test.names", target: { type: "customer", id: customer.id } });
    await recordAuditEventNow({ actor: finance, action: "test.names", target: { type: "user", id: manager.id } });
    const byInvoice = await queryAudit({ actor: manager, filter: { targetType: "invoice", targetId: invoice.id } });
    expect(byInvoice.events.length).toBeGreaterThan(0);
    expect(byInvoice.names[`invoice:${invoice.id}`]).toBe(`${customer.name} · ${invoice.month}`);
    const named = await queryAudit({ actor: manager, filter: { actor: finance.email, action: "test.names" } });
    expect(named.names).toMatchObject({
      [`customer:${customer.id}`]: `${customer.name} (${customer.code})`,
      [`user:${manager.id}`]: `${manager.name} <${manager.email}>`,
    });
    await db.invoice.update({ where: { id: invoice.id }, data: { number: `NAME-${uniqueSuffix()}` } });
    const numbered = await queryAudit({ actor: manager, filter: { targetId: invoice.id } });
    const { number } = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(numbered.names[`invoice:${invoice.id}`]).toBe(`${number} · ${customer.name}`);
  });

  it("filters by actor and action, pages older by seq, and records the read", async () => {
    const doer = await person("FINANCE");
    const manager = await person("MANAGER");
    const target = uniqueSuffix();
    for (let i = 0; i < 5; i++)
      await recordAuditEventNow({
        actor: doer,
        action: "test.query",
        target: { type: "test", id: target },
        after: { i },
      });
    await recordAuditEventNow({ actor: doer, action: "test.other", target: { type: "test", id: target } });

    const first = await queryAudit({
      actor: manager,
      filter: { actor: doer.email, action: "test.query" },
      pageSize: 3,
    });
    expect(first.events.map((e) => (e.after as { i: number }).i)).toEqual([4, 3, 2]);
    expect(first.events.every((e) => e.actorEmail === doer.email && e.action === "test.query")).toBe(true);
    expect(first.nextBefore).toBe(first.events[2]!.seq);
    const read = await lastEventBy(manager.email);
    expect(read).toMatchObject({ action: "audit.read", outcome: "SUCCESS" });
    expect(read.metadata).toMatchObject({ filter: { actor: doer.email, action: "test.query" }, events: 3 });

    const older = await queryAudit({
      actor: manager,
      filter: { actor: doer.email, action: "test.query" },
      before: first.nextBefore!,
      pageSize: 3,
    });
    expect(older.events.map((e) => (e.after as { i: number }).i)).toEqual([1, 0]);
    expect(older.nextBefore).toBeNull();

    // By part of the actor's e-mail, by target, and by outcome.
    const byTarget = await queryAudit({
      actor: manager,
      filter: { actor: doer.email.split("@")[0], targetType: "test", targetId: target },
    });
    expect(byTarget.events).toHaveLength(6);
    expect(
      (await queryAudit({ actor: manager, filter: { targetId: target, outcome: "REFUSED" } })).events,
    ).toHaveLength(0);
  });

  it("takes local (JST) time bounds from the page, converted to UTC, both ends included", async () => {
    const manager = await person("MANAGER");
    const target = uniqueSuffix();
    const { seq } = await recordAuditEventNow({
      actor: null,
      action: "test.time",
      target: { type: "test", id: target },
    });
    const at = (await db.auditEvent.findUniqueOrThrow({ where: { seq } })).occurredAt;
    const jstMinute = new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 16);
    const nextMinute = new Date(at.getTime() + 9 * 3600_000 + 60_000).toISOString().slice(0, 16);
    const previousMinute = new Date(at.getTime() + 9 * 3600_000 - 60_000).toISOString().slice(0, 16);
    const find = async (params: Record<string, string>) =>
      (await queryAudit({ actor: manager, filter: parseAuditSearchParams({ targetId: target, ...params }).filter }))
        .events.length;
    expect(await find({ from: jstMinute, to: jstMinute })).toBe(1);
    expect(await find({ from: nextMinute })).toBe(0);
    expect(await find({ to: previousMinute })).toBe(0);
    expect(await find({ from: jstMinute.slice(0, 10) })).toBe(1);
    // The domain's own UTC-day bounds still work.
    expect(
      (
        await queryAudit({
          actor: manager,
          filter: { targetId: target, from: at.toISOString().slice(0, 10), to: at.toISOString().slice(0, 10) },
        })
      ).events,
    ).toHaveLength(1);
  });

  it("refuses support and finance, and records the refusal", async () => {
    for (const role of ["SUPPORT", "FINANCE"] as const) {
      const someone = await person(role);
      await expect(queryAudit({ actor: someone })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await lastEventBy(someone.email)).toMatchObject({ action: "access.denied", outcome: "REFUSED" });
    }
  });
});

describe("streamAuditEvents", () => {
  it("yields every matching event oldest first, a page at a time, after recording the export", async () => {
    const admin = await person("ADMIN");
    const target = uniqueSuffix();
    for (let i = 0; i < 5; i++)
      await recordAuditEventNow({
        actor: null,
        action: "test.export",
        target: { type: "test", id: target },
        after: { name: `請求 ${i}`, formula: "=1+1" },
      });
    const pages: number[] = [];
    let csv = auditCsvHeader();
    for await (const page of streamAuditEvents({ actor: admin, filter: { targetId: target }, pageSize: 2 })) {
      pages.push(page.length);
      csv += auditCsvRows(page);
    }
    expect(pages).toEqual([2, 2, 1]);
    expect(await lastEventBy(admin.email)).toMatchObject({ action: "audit.export" });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain("請求 0");
    expect(lines[5]).toContain("請求 4");
  });
});

describe("getInvoiceStory", () => {
  it("gives the invoice's submission and approval in order and records the read on the invoice", async () => {
    const { invoice, finance } = await approvedInvoice();
    const manager = await person("MANAGER");
    const story = await getInvoiceStory({ actor: manager, invoiceId: invoice.id });
    expect(story.events.map((e) => e.action)).toEqual(["invoice.submit", "invoice.approve"]);
    expect(story.events[0]!.actorEmail).toBe(finance.email);
    expect(await lastEventBy(manager.email)).toMatchObject({
      action: "audit.read",
      targetType: "invoice",
      targetId: invoice.id,
    });
    await expect(
      getInvoiceStory({ actor: manager, invoiceId: "00000000-0000-0000-0000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getInvoiceStory({ actor: finance, invoiceId: invoice.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
