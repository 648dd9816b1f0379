import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimDue, claimForInvoice } from "@/lib/delivery/claim";
import { deliverClaimed } from "@/lib/delivery/deliver";
import { deliverInvoiceNow } from "@/lib/delivery/deliver-now";
import { retryDelivery } from "@/lib/delivery/retry-delivery";
import { runWorker, workerActor } from "@/lib/delivery/run-worker";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { fakeServices, testDeliveryDeps } from "../support/fake-services";
import { approvedInvoice, person, applyReleaseSettings } from "../support/invoices";

async function releasedInvoice(amount = 120_000n) {
  const { invoice, finance, manager } = await approvedInvoice(amount);
  const released = await releaseInvoice({ actor: finance, invoiceId: invoice.id });
  return { id: invoice.id, number: released.number, finance, manager };
}

const deliveriesOf = (invoiceId: string) =>
  db.delivery.findMany({
    where: { invoiceId },
    include: { attemptLog: { orderBy: { attemptNo: "asc" } } },
    orderBy: { service: "asc" },
  });

describe("delivery", () => {
  beforeEach(() => applyReleaseSettings());

  // deliverInvoiceNow with in-process fakes; the bounded wait against the real services is in deliver-now.test.ts.
  it("delivery after release: the document, then the CRM record linking to it; each attempt audited", async () => {
    const invoice = await releasedInvoice();
    const services = fakeServices();
    const states = await deliverInvoiceNow(invoice.id, testDeliveryDeps(services), invoice.finance);
    expect(states.map((s) => [s.service, s.status])).toEqual([
      ["DOCUMENTS", "SENT"],
      ["CRM", "SENT"],
    ]);
    expect(services.calls.documents).toHaveLength(1);
    expect(services.calls.documents[0]!.metadata).toMatchObject({ invoiceNumber: invoice.number, totalJpy: "132000" });
    expect(services.calls.crm[0]!.invoice).toMatchObject({
      number: invoice.number,
      totalJpy: "132000",
      documentId: `doc-${invoice.number}`,
      amountsByTaxRate: [{ taxRate: "STANDARD_10", baseJpy: "120000", taxJpy: "12000" }],
    });
    expect(services.calls.crm).toHaveLength(1);
    expect(services.calls.crm[0]!.idempotencyKey).toBe(`release-${invoice.id}-crm`);
    const stored = await db.invoiceDocument.findUniqueOrThrow({ where: { invoiceId: invoice.id } });
    expect(Buffer.from(stored.pdf).toString()).toContain(invoice.number);
    const audit = await db.auditEvent.findMany({ where: { targetId: invoice.id, action: "delivery.sent" } });
    expect(audit.map((e) => (e.after as { service: string }).service).sort()).toEqual(["CRM", "DOCUMENTS"]);
    expect(audit.every((e) => e.actorId === invoice.finance.id)).toBe(true);
  });

  // It gives up after the configured number of attempts.
  it("retries 5xx and timeouts with backoff, gives up with the service's error; finance's retry sends it", async () => {
    const invoice = await releasedInvoice();
    const failing = { kind: "retry" as const, error: "503 Injected failure", httpStatus: 503, retryAfterMs: null };
    const services = fakeServices({
      documents: [
        failing,
        { kind: "retry", error: "timeout after 1000ms", httpStatus: null, retryAfterMs: null },
        failing,
      ],
    });
    const deps = testDeliveryDeps(services);
    for (let i = 0; i < 3; i++) {
      const claim = await claimForInvoice("test", invoice.id, "DOCUMENTS", 4_000);
      expect(claim).not.toBeNull();
      await deliverClaimed(claim!, deps, workerActor("test"));
    }
    const [crm, documents] = await deliveriesOf(invoice.id);
    expect(documents).toMatchObject({
      status: "FAILED",
      attempts: 3,
      lastError: "503 Injected failure",
      lastHttpStatus: 503,
    });
    expect(documents!.attemptLog.map((a) => a.outcome)).toEqual(["retry", "retry", "failed"]);
    // The CRM record waits for the document it links to.
    expect(crm).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await claimDue("test", 100, 4_000).then((c) => c.filter((d) => d.invoiceId === invoice.id))).toEqual([]);

    await expect(retryDelivery({ actor: invoice.manager, deliveryId: documents!.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await retryDelivery({ actor: invoice.finance, deliveryId: documents!.id });
    const states = await deliverInvoiceNow(invoice.id, deps, invoice.finance);
    expect(states.map((s) => s.status)).toEqual(["SENT", "SENT"]);
    await expect(retryDelivery({ actor: invoice.finance, deliveryId: documents!.id })).rejects.toMatchObject({
      code: "ALREADY_DONE",
    });
    const actions = (
      await db.auditEvent.findMany({
        where: { targetId: invoice.id, action: { startsWith: "delivery." } },
        orderBy: { seq: "asc" },
      })
    ).map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual([
      "delivery.retry-scheduled:FAILURE",
      "delivery.retry-scheduled:FAILURE",
      "delivery.failed:FAILURE",
      "delivery.retry:REFUSED",
      "delivery.retry:SUCCESS",
      "delivery.sent:SUCCESS",
      "delivery.sent:SUCCESS",
      "delivery.retry:REFUSED",
    ]);
  });

  it("does not retry a 4xx other than 429", async () => {
    const invoice = await releasedInvoice();
    const services = fakeServices({
      documents: [{ kind: "failed", error: "422 sha256 does not match the content", httpStatus: 422 }],
    });
    await deliverInvoiceNow(invoice.id, testDeliveryDeps(services), invoice.finance);
    const [, documents] = await deliveriesOf(invoice.id);
    expect(documents).toMatchObject({ status: "FAILED", attempts: 1, lastHttpStatus: 422 });
    expect(services.calls.documents).toHaveLength(1);
  });

  it("a claim is exclusive until its lease lapses, and a lapsed claim cannot record its outcome", async () => {
    const invoice = await releasedInvoice();
    const [a, b] = await Promise.all([
      claimForInvoice("a", invoice.id, "DOCUMENTS", 60_000),
      claimForInvoice("b", invoice.id, "DOCUMENTS", 60_000),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    await db.delivery.updateMany({
      where: { invoiceId: invoice.id },
      data: { claimedUntil: new Date(Date.now() - 1) },
    });
    const taker = await claimForInvoice("c", invoice.id, "DOCUMENTS", 60_000);
    expect(taker).not.toBeNull();
    const services = fakeServices();
    const late = await deliverClaimed((a ?? b)!, testDeliveryDeps(services), workerActor("late"));
    expect(late.outcome).toBe("claim-lost");
    const done = await deliverClaimed(taker!, testDeliveryDeps(services), workerActor("c"));
    expect(done.outcome).toBe("sent");
    const [, documents] = await deliveriesOf(invoice.id);
    expect(documents!.attemptLog).toHaveLength(1);
    // Both calls carried the same key: a real service answers the second with the first's result.
    expect(services.calls.documents).toHaveLength(2);
    expect(new Set(services.calls.documents.map((c) => c.idempotencyKey)).size).toBe(1);
  });

  it("two workers deliver every pending delivery once, never the same one at the same time", async () => {
    const finance = await person("FINANCE");
    const manager = await person("MANAGER");
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      const { invoice } = await approvedInvoice(10_000n, { finance, manager });
      await releaseInvoice({ actor: finance, invoiceId: invoice.id });
      ids.push(invoice.id);
    }
    const services = fakeServices();
    const deps = testDeliveryDeps(services);
    const stop = new AbortController();
    const workers = [
      runWorker({ deps, holder: "w1", concurrency: 4, pollMs: 20, signal: stop.signal }),
      runWorker({ deps, holder: "w2", concurrency: 4, pollMs: 20, signal: stop.signal }),
    ];
    // Waits for the condition; the deadline only ends a run that would never get there.
    const deadline = Date.now() + 90_000;
    while (
      (await db.delivery.count({ where: { invoiceId: { in: ids }, status: "SENT" } })) < 30 &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await Promise.all(workers);
    expect(await db.delivery.count({ where: { invoiceId: { in: ids }, status: "SENT" } })).toBe(30);
    const numbers = (await db.invoice.findMany({ where: { id: { in: ids } }, select: { number: true } })).map(
      (i) => i.number!,
    );
    for (const number of numbers) {
      expect(services.calls.documents.filter((c) => c.metadata.invoiceNumber === number)).toHaveLength(1);
      expect(services.calls.crm.filter((c) => c.invoice.number === number)).toHaveLength(1);
    }
    const byWorker = await db.deliveryAttempt.groupBy({
      by: ["by"],
      where: { delivery: { invoiceId: { in: ids } } },
      _count: true,
    });
    expect(byWorker.map((w) => w.by).sort()).toEqual(["w1", "w2"]);
  }, 120_000);
});
