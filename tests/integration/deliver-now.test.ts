// Delivering right after a release, as the release action does (`deliverInvoiceNow` with the
// default budget), against the real local services over HTTP: the wait is bounded at about 5 s
// however slow a service is, and every copy of the PDF (each delivery attempt, the download) is
// the same stored bytes.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimForInvoice } from "@/lib/delivery/claim";
import { deliverClaimed } from "@/lib/delivery/deliver";
import { DELIVER_NOW_BUDGET_MS, deliverInvoiceNow } from "@/lib/delivery/deliver-now";
import { ensureInvoiceDocument } from "@/lib/delivery/payloads";
import { workerActor } from "@/lib/delivery/run-worker";
import { renderInvoicePdf } from "@/lib/pdf/render-invoice-pdf";
import { loadReleasedInvoice } from "@/lib/release/pdf-model";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { createServiceClients } from "@/lib/services/config";
import { startCrmServer } from "@/services/crm/server";
import { startDocumentsServer } from "@/services/documents/server";
import { fakeServices, testDeliveryDeps } from "../support/fake-services";
import { applyReleaseSettings, approvedInvoice } from "../support/invoices";

const dirs: string[] = [];
const closers: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const close of closers) await close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => applyReleaseSettings());

async function released() {
  const { invoice, finance } = await approvedInvoice(120_000n);
  const release = await releaseInvoice({ actor: finance, invoiceId: invoice.id });
  return { id: invoice.id, number: release.number, finance };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("delivering right after release", () => {
  it("waits at most about 5 s for a slow document service; what did not finish stays pending", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "deliver-now-"));
    dirs.push(dataDir);
    // The document service takes 20 s to answer; the per-call timeout alone (30 s) would wait for it.
    const docs = await startDocumentsServer({
      port: 0,
      token: "docs",
      dataDir: path.join(dataDir, "docs"),
      faults: { latencyMs: 20_000 },
    });
    const crm = await startCrmServer({ port: 0, token: "crm", dataDir: path.join(dataDir, "crm") });
    closers.push(docs.close, crm.close);
    const clients = createServiceClients({
      crm: { baseUrl: crm.url, token: "crm" },
      documents: { baseUrl: docs.url, token: "docs" },
      timeoutMs: 30_000,
      lookupBeforeCreate: true,
    });
    const deps = {
      ...clients,
      renderPdf: renderInvoicePdf,
      policy: { timeoutMs: 30_000, maxAttempts: 8, backoff: { baseMs: 500, maxMs: 60_000 }, leaseMs: 91_000 },
    };
    const invoice = await released();

    const started = performance.now();
    const states = await deliverInvoiceNow(invoice.id, deps, invoice.finance);
    const elapsed = performance.now() - started;

    expect(DELIVER_NOW_BUDGET_MS).toBe(5_000);
    expect(elapsed).toBeGreaterThanOrEqual(4_500);
    // The budget plus the bookkeeping after the abort, with room for a loaded machine.
    expect(elapsed).toBeLessThan(7_000);
    expect(states.map((s) => [s.service, s.status])).toEqual([
      ["DOCUMENTS", "PENDING"],
      ["CRM", "PENDING"],
    ]);
    const [crmDelivery, documents] = await db.delivery.findMany({
      where: { invoiceId: invoice.id },
      orderBy: { service: "asc" },
    });
    // One attempt, given up at the deadline and left to the worker; the CRM record waits for the document.
    expect(documents).toMatchObject({ attempts: 1, claimedBy: null });
    expect(documents!.nextAttemptAt).not.toBeNull();
    expect(crmDelivery).toMatchObject({ attempts: 0 });
  });

  it("the stored PDF is the bytes of every delivery attempt and of the download", async () => {
    const invoice = await released();
    // A renderer that never renders the same bytes twice: only the stored copy can make them equal.
    let renders = 0;
    const renderPdf = async (model: { number: string }) =>
      new TextEncoder().encode(`%PDF-1.7 ${model.number} render ${++renders}`);
    const services = fakeServices({
      documents: [{ kind: "retry", error: "503 Injected failure", httpStatus: 503, retryAfterMs: null }],
    });
    const deps = testDeliveryDeps(services, { renderPdf });
    for (let attempt = 0; attempt < 2; attempt++) {
      const claim = await claimForInvoice("test", invoice.id, "DOCUMENTS", 4_000);
      expect(claim).not.toBeNull();
      await deliverClaimed(claim!, deps, workerActor("test"));
    }
    expect(services.calls.documents).toHaveLength(2);

    const stored = await db.invoiceDocument.findUniqueOrThrow({ where: { invoiceId: invoice.id } });
    // What the download route serves (app/api/invoices/[id]/pdf: ensureInvoiceDocument with the renderer).
    const download = await ensureInvoiceDocument((await loadReleasedInvoice(db, invoice.id))!, renderPdf);
    const hashes = [
      ...services.calls.documents.map((u) => sha256(u.pdf)),
      sha256(download.pdf),
      download.sha256,
      stored.sha256,
    ];
    expect(new Set(hashes)).toEqual(new Set([sha256(stored.pdf)]));
    expect(renders).toBe(1);
  });
});
