// A delivery worker killed at random points while 200 released invoices are delivered, and
// restarted each time: every invoice must reach each service exactly once, counted from the
// services' own storage. The services also fail some calls after acting, as real ones do.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { startCrmServer } from "../../services/crm/server";
import { startDocumentsServer } from "../../services/documents/server";
import { approvedInvoice, person, applyReleaseSettings } from "../support/invoices";

const INVOICES = 200;
const faults = { latencyMs: 20, errorRate: 0.05, timeoutRate: 0.01, afterWriteShare: 0.5 };

let dataDir: string;
let crm: Awaited<ReturnType<typeof startCrmServer>>;
let documents: Awaited<ReturnType<typeof startDocumentsServer>>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "delivery-crash-"));
  crm = await startCrmServer({ port: 0, token: "crash-crm", dataDir: path.join(dataDir, "crm"), faults });
  documents = await startDocumentsServer({
    port: 0,
    token: "crash-docs",
    dataDir: path.join(dataDir, "documents"),
    faults,
  });
});

afterAll(async () => {
  await crm?.close();
  await documents?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(): ChildProcess {
  // Node itself with tsx's loader, not npx: a SIGKILL must hit the worker, not a wrapper.
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      DELIVERY_WORKER_NAME: "crash-worker",
      DELIVERY_CONCURRENCY: "8",
      DELIVERY_POLL_MS: "50",
      DELIVERY_QUIET: "true",
      // Deliveries only: the scheduled jobs are tested in scheduled-jobs.test.ts.
      SCHEDULER: "false",
      DELIVERY_MAX_ATTEMPTS: "50",
      DELIVERY_BACKOFF_BASE_MS: "50",
      DELIVERY_BACKOFF_MAX_MS: "500",
      SERVICE_TIMEOUT_MS: "400",
      CRM_BASE_URL: crm.url,
      CRM_TOKEN: "crash-crm",
      DOCUMENTS_BASE_URL: documents.url,
      DOCUMENTS_TOKEN: "crash-docs",
    },
    stdio: "ignore",
  });
}

const exited = (child: ChildProcess) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve),
  );

describe("a worker killed mid-delivery", () => {
  it("loses nothing and sends nothing twice", { timeout: 240_000 }, async () => {
    await applyReleaseSettings({ prefix: "CRASH" });
    const people = { finance: await person("FINANCE"), manager: await person("MANAGER") };
    const ids: string[] = [];
    const numbers: string[] = [];
    for (let i = 0; i < INVOICES; i++) {
      const { invoice } = await approvedInvoice(BigInt(1_000 + i), people);
      numbers.push((await releaseInvoice({ actor: people.finance, invoiceId: invoice.id })).number);
      ids.push(invoice.id);
    }
    const pending = () => db.delivery.count({ where: { invoiceId: { in: ids }, status: { not: "SENT" } } });

    // Kill it at random moments (SIGKILL: no chance to finish what it holds) until it has
    // been killed six times, then let the last one finish.
    let kills = 0;
    let worker = startWorker();
    while (kills < 6 && (await pending()) > 0) {
      await new Promise((r) => setTimeout(r, 1_500 + Math.random() * 2_000));
      worker.kill("SIGKILL");
      await exited(worker);
      kills++;
      worker = startWorker();
    }
    const deadline = Date.now() + 150_000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    worker.kill("SIGTERM");
    await exited(worker);

    expect(kills).toBeGreaterThanOrEqual(3);
    expect(await pending()).toBe(0);
    const crmCounts = new Map<string, number>();
    for (const record of crm.state().invoices.values())
      crmCounts.set(record.number, (crmCounts.get(record.number) ?? 0) + 1);
    const docCounts = new Map<string, number>();
    for (const doc of documents.state().documents.values())
      docCounts.set(doc.metadata.invoiceNumber, (docCounts.get(doc.metadata.invoiceNumber) ?? 0) + 1);
    const notOnce = numbers.filter((n) => crmCounts.get(n) !== 1 || docCounts.get(n) !== 1);
    expect(notOnce).toEqual([]);
    // A claim that lapsed while its worker died never records a second "sent".
    const sentAttempts = await db.deliveryAttempt.count({
      where: { outcome: "sent", delivery: { invoiceId: { in: ids } } },
    });
    expect(sentAttempts).toBe(2 * INVOICES);
  });
});
