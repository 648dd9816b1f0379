// npm run bench:release [-- --invoices 1000 --workers 2 --concurrency 4 --timeout-ms 500]
// Approves and releases invoices through the gate's own commands, then lets delivery worker
// processes send them to the local CRM and document services: once with 50 ms latency, 10%
// 5xx and 2% timeouts (half of the failures after the service acted), once with no faults.
// Per run: time from the first delivery attempt to the last final one, the theoretical bound
// (service calls x latency / concurrency), their ratio, and, counted from the services' own
// storage, invoices delivered exactly once, twice (or more) and never. Also PDFs per second.
// Uses its own database (billing_bench_release), recreated each run.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serviceAdmin } from "../services/lib/admin-client";
import { createDatabaseIfMissing, resolveServer, withDatabaseName } from "../scripts/lib/database";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const INVOICES = arg("invoices", 1_000);
const WORKERS = arg("workers", 2);
// Two worker processes x 4 deliveries in flight: on this 2-core machine, 16 in flight makes the
// run CPU-bound (PDF rendering, the services and PostgreSQL share the cores), not latency-bound.
const CONCURRENCY = arg("concurrency", 4);
const LATENCY_MS = 50;
const TIMEOUT_MS = arg("timeout-ms", 500);
const PORTS = { crm: 4510, documents: 4520 } as const;
const TOKENS = { crm: "bench-crm-token", documents: "bench-documents-token" } as const;
const out = path.resolve("bench/out/release");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const server = await resolveServer({ quiet: true });
const dbName = "billing_bench_release";
await createDatabaseIfMissing(server.url, dbName, { recreate: true });
const url = withDatabaseName(server.url, dbName);
execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
process.env.DATABASE_URL = url;

// Imported after DATABASE_URL points at the bench database.
const { db } = await import("../lib/db");
const { releaseInvoice } = await import("../lib/release/release-invoice");
const { renderInvoicePdf } = await import("../lib/pdf/render-invoice-pdf");
const { sampleInvoice } = await import("../lib/pdf/sample-models");
const { approvedInvoice, person, applyReleaseSettings } = await import("../tests/support/invoices");

const children: ChildProcess[] = [];
function start(name: string, args: string[], env: Record<string, string>) {
  // Node itself with tsx's loader (not npx), so signals reach the process that does the work.
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = fs.createWriteStream(path.join(out, `${name}.log`));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  children.push(child);
  return child;
}
async function waitForHttp(target: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${target} did not start`);
}
const admin = {
  crm: serviceAdmin(`http://127.0.0.1:${PORTS.crm}`, TOKENS.crm),
  documents: serviceAdmin(`http://127.0.0.1:${PORTS.documents}`, TOKENS.documents),
};
async function pool<T>(items: T[], width: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

for (const name of ["crm", "documents"] as const) {
  start(name, ["services/run.ts", name], {
    PORT: String(PORTS[name]),
    [name === "crm" ? "CRM_TOKEN" : "DOCUMENTS_TOKEN"]: TOKENS[name],
    SERVICE_DATA_DIR: path.join(out, name),
  });
  await waitForHttp(`http://127.0.0.1:${PORTS[name]}/health`);
}

// PDF rendering on its own, one core.
await renderInvoicePdf(sampleInvoice);
const pdfStart = performance.now();
for (let i = 0; i < 100; i++) await renderInvoicePdf({ ...sampleInvoice, number: `BENCH-${i}` });
const pdfsPerSecond = 100 / ((performance.now() - pdfStart) / 1000);

await applyReleaseSettings({ prefix: "BENCH" });
const people = { finance: await person("FINANCE"), manager: await person("MANAGER") };

type Run = {
  name: string;
  faults: { latencyMs: number; errorRate: number; timeoutRate: number; afterWriteShare: number };
};
const runs: Run[] = [
  { name: "faults", faults: { latencyMs: LATENCY_MS, errorRate: 0.1, timeoutRate: 0.02, afterWriteShare: 0.5 } },
  { name: "no-faults", faults: { latencyMs: LATENCY_MS, errorRate: 0, timeoutRate: 0, afterWriteShare: 0 } },
];
const results = [];
for (const run of runs) {
  for (const service of ["crm", "documents"] as const) {
    await admin[service].reset();
    await admin[service].faults(run.faults);
  }
  // Approve through the gate (submit by finance, approval by a manager), then release.
  const approveStart = performance.now();
  const ids: string[] = [];
  await pool(
    Array.from({ length: INVOICES }, (_, i) => i),
    8,
    async (i) => {
      const { invoice } = await approvedInvoice(BigInt(10_000 + i), people);
      ids.push(invoice.id);
    },
  );
  const approveSeconds = (performance.now() - approveStart) / 1000;
  const releaseStart = performance.now();
  const numbers: string[] = [];
  await pool(ids, 8, async (id) =>
    numbers.push((await releaseInvoice({ actor: people.finance, invoiceId: id })).number),
  );
  const releaseSeconds = (performance.now() - releaseStart) / 1000;

  const workers = Array.from({ length: WORKERS }, (_, w) =>
    start(`${run.name}-worker-${w + 1}`, ["scripts/worker.ts"], {
      DATABASE_URL: url,
      DELIVERY_WORKER_NAME: `bench-${w + 1}`,
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
      DELIVERY_POLL_MS: "50",
      DELIVERY_QUIET: "true",
      DELIVERY_MAX_ATTEMPTS: "12",
      DELIVERY_BACKOFF_BASE_MS: "100",
      DELIVERY_BACKOFF_MAX_MS: "2000",
      SERVICE_TIMEOUT_MS: String(TIMEOUT_MS),
      CRM_BASE_URL: `http://127.0.0.1:${PORTS.crm}`,
      CRM_TOKEN: TOKENS.crm,
      DOCUMENTS_BASE_URL: `http://127.0.0.1:${PORTS.documents}`,
      DOCUMENTS_TOKEN: TOKENS.documents,
    }),
  );
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const open = await db.delivery.count({ where: { invoiceId: { in: ids }, status: "PENDING" } });
    if (open === 0 || Date.now() > deadline) break;
    if (workers.every((w) => w.exitCode !== null))
      throw new Error(`the workers exited; see ${out}/${run.name}-worker-*.log`);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const w of workers) w.kill("SIGTERM");
  await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.on("exit", r)))));

  const [span] = await db.$queryRaw<Array<{ first: Date; last: Date; attempts: bigint }>>`
    SELECT min(a."startedAt") AS first, max(a."finishedAt") AS last, count(*) AS attempts
    FROM "DeliveryAttempt" a JOIN "Delivery" d ON d.id = a."deliveryId" WHERE d."invoiceId" = ANY(${ids}::uuid[])`;
  const failed = await db.delivery.count({ where: { invoiceId: { in: ids }, status: "FAILED" } });
  const crm = await admin.crm.stats();
  const documents = await admin.documents.stats();
  const calls = Number(crm.requests.total) + Number(documents.requests.total);
  const seconds = (span!.last.getTime() - span!.first.getTime()) / 1000;
  const bound = (calls * LATENCY_MS) / 1000 / (WORKERS * CONCURRENCY);
  const count = (n: number | undefined) => n ?? 0;
  let once = 0,
    twice = 0,
    never = 0;
  for (const number of numbers) {
    const c = count(crm.recordsByInvoiceNumber?.[number]);
    const d = count(documents.documentsByInvoiceNumber?.[number]);
    if (c === 0 || d === 0) never++;
    else if (c > 1 || d > 1) twice++;
    else once++;
  }
  results.push({
    run: run.name,
    invoices: INVOICES,
    approve_s: +approveSeconds.toFixed(2),
    release_s: +releaseSeconds.toFixed(2),
    deliver_s: +seconds.toFixed(2),
    bound_s: +bound.toFixed(2),
    ratio: +(seconds / bound).toFixed(2),
    calls,
    attempts: Number(span!.attempts),
    failed_deliveries: failed,
    injected_errors: crm.requests.injected.errors + documents.requests.injected.errors,
    injected_timeouts: crm.requests.injected.timeouts + documents.requests.injected.timeouts,
    once,
    twice,
    never,
  });
}

console.log(
  `\nbench:release — ${INVOICES} invoices, ${WORKERS} worker processes x ${CONCURRENCY} concurrent deliveries, ` +
    `${LATENCY_MS} ms service latency, ${TIMEOUT_MS} ms call timeout`,
);
console.table(results);
console.log(`PDF rendering: ${pdfsPerSecond.toFixed(1)} PDFs/s (one core, 8-line invoice)`);
const summary = {
  invoices: INVOICES,
  workers: WORKERS,
  concurrency: WORKERS * CONCURRENCY,
  pdfs_per_s: +pdfsPerSecond.toFixed(1),
  ...Object.fromEntries(
    results.flatMap((r) => {
      const k = r.run === "faults" ? "faults" : "clean";
      return [
        [`${k}_deliver_s`, r.deliver_s],
        [`${k}_bound_s`, r.bound_s],
        [`${k}_ratio`, r.ratio],
        [`${k}_once`, r.once],
        [`${k}_twice`, r.twice],
        [`${k}_never`, r.never],
      ];
    }),
  ),
};
for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
await db.$disconnect();
await server.stop();
console.log(`RESULT ${JSON.stringify(summary)}`);
process.exit(0);
