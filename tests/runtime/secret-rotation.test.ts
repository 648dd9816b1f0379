// Secrets rotated while work is being done, for real: a database role whose password is
// changed with ALTER ROLE and then in its file, and the services' bearer tokens changed in what
// the services accept and then in the console's files. A pool keeps serving queries (opening
// new connections all the time) and a worker process keeps delivering; nothing may fail and
// every invoice must reach each service exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPool } from "@/lib/db-pool";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { serviceAdmin } from "@/services/lib/admin-client";
import { approvedInvoice, applyReleaseSettings, person } from "../support/invoices";
import { type ServiceProcess, startServiceProcess } from "../support/service-process";

const INVOICES = 40;
const ROLE = "rotation_app";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rotation-"));
const files = {
  dbPassword: path.join(dir, "db-password"),
  crmAccepts: path.join(dir, "crm-accepts"),
  docsAccepts: path.join(dir, "docs-accepts"),
  crmToken: path.join(dir, "crm-token"),
  docsToken: path.join(dir, "docs-token"),
};
/** Writes a secret the way a secrets agent does: a new file renamed over the old one. */
function writeSecret(file: string, value: string) {
  fs.writeFileSync(`${file}.tmp`, value);
  fs.renameSync(`${file}.tmp`, file);
}

let crm: ServiceProcess;
let documents: ServiceProcess;
let worker: ChildProcess | null = null;
let appUrl: string;
// Roles are the database administrator's business: a superuser connection for them.
let admin: pg.Client;
const asAdmin = (sql: string) => admin.query(sql);

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  admin = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await asAdmin(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {});
  // A second runtime login: the runtime role's privileges, its own password.
  await asAdmin(`CREATE ROLE ${ROLE} LOGIN PASSWORD 'first-password' IN ROLE "${decodeURIComponent(url.username)}"`);
  url.username = ROLE;
  url.password = "";
  appUrl = url.toString();
  writeSecret(files.dbPassword, "first-password");
  writeSecret(files.crmAccepts, "crm-token-1");
  writeSecret(files.docsAccepts, "docs-token-1");
  writeSecret(files.crmToken, "crm-token-1");
  writeSecret(files.docsToken, "docs-token-1");
  [crm, documents] = await Promise.all([
    startServiceProcess("crm", { CRM_TOKEN_FILE: files.crmAccepts, SECRET_FILE_CHECK_MS: "0" }),
    startServiceProcess("documents", { DOCUMENTS_TOKEN_FILE: files.docsAccepts, SECRET_FILE_CHECK_MS: "0" }),
  ]);
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker!.once("exit", r));
    worker.kill("SIGTERM");
    await exited;
  }
  await Promise.all([crm?.stop(), documents?.stop()]);
  await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${ROLE}'`);
  await asAdmin(`DROP OWNED BY ${ROLE}`).catch(() => {});
  await asAdmin(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {});
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("rotating secrets under load", () => {
  it("loses no query and no delivery", { timeout: 240_000 }, async () => {
    process.env.SECRET_FILE_CHECK_MS = "0";
    // A pool that opens new connections all the time: a connection serves five queries.
    const pool = createPool(
      appUrl,
      { max: 4, maxUses: 5, idleTimeoutMillis: 50 },
      { DATABASE_PASSWORD_FILE: files.dbPassword },
    );

    await applyReleaseSettings({ prefix: "ROT" });
    const people = { finance: await person("FINANCE"), manager: await person("MANAGER") };
    const numbers: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < INVOICES; i++) {
      const { invoice } = await approvedInvoice(BigInt(2_000 + i), people);
      numbers.push((await releaseInvoice({ actor: people.finance, invoiceId: invoice.id })).number);
      ids.push(invoice.id);
    }

    worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: appUrl,
        DATABASE_PASSWORD_FILE: files.dbPassword,
        SECRET_FILE_CHECK_MS: "0",
        SCHEDULER: "false",
        DELIVERY_WORKER_NAME: "rotation-worker",
        DELIVERY_CONCURRENCY: "2",
        DELIVERY_POLL_MS: "50",
        DELIVERY_QUIET: "true",
        DELIVERY_MAX_ATTEMPTS: "50",
        DELIVERY_BACKOFF_BASE_MS: "50",
        DELIVERY_BACKOFF_MAX_MS: "300",
        CRM_BASE_URL: crm.url,
        CRM_TOKEN_FILE: files.crmToken,
        DOCUMENTS_BASE_URL: documents.url,
        DOCUMENTS_TOKEN_FILE: files.docsToken,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });

    // The "user requests": queries through the rotating pool, four at a time, until told to stop.
    let served = 0;
    const failures: string[] = [];
    let running = true;
    const load = Array.from({ length: 4 }, async () => {
      while (running) {
        try {
          await pool.query(`SELECT count(*) FROM "Delivery" WHERE "invoiceId" = ANY($1::uuid[])`, [ids]);
          served++;
        } catch (error) {
          failures.push(String(error));
        }
      }
    });

    const pending = () => db.delivery.count({ where: { invoiceId: { in: ids }, status: { not: "SENT" } } });
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const sentAtLeast = async (n: number) => {
      const deadline = Date.now() + 120_000;
      while (2 * INVOICES - (await pending()) < n && Date.now() < deadline) await pause(100);
    };
    // Rotate while the deliveries are under way: the database first, then each service (what
    // it accepts first, the console's file 1.5 s later), then the database again.
    await sentAtLeast(4);
    await asAdmin(`ALTER ROLE ${ROLE} PASSWORD 'second-password'`);
    await pause(500);
    writeSecret(files.dbPassword, "second-password");
    await sentAtLeast(10);
    writeSecret(files.crmAccepts, "crm-token-2");
    writeSecret(files.docsAccepts, "docs-token-2");
    await pause(1_500);
    writeSecret(files.crmToken, "crm-token-2");
    writeSecret(files.docsToken, "docs-token-2");
    await sentAtLeast(30);
    await asAdmin(`ALTER ROLE ${ROLE} PASSWORD 'third-password'`);
    await pause(300);
    writeSecret(files.dbPassword, "third-password");

    const deadline = Date.now() + 150_000;
    while ((await pending()) > 0 && Date.now() < deadline) await pause(250);
    running = false;
    await Promise.all(load);
    await pool.end();

    expect(failures).toEqual([]);
    expect(served).toBeGreaterThan(50);
    expect(await pending()).toBe(0);
    expect(await db.delivery.count({ where: { invoiceId: { in: ids }, status: "FAILED" } })).toBe(0);
    const crmStats = await serviceAdmin(crm.url, "crm-token-2").stats();
    const docStats = await serviceAdmin(documents.url, "docs-token-2").stats();
    const notOnce = numbers.filter(
      (n) => crmStats.recordsByInvoiceNumber?.[n] !== 1 || docStats.documentsByInvoiceNumber?.[n] !== 1,
    );
    expect(notOnce).toEqual([]);
    // The rotation really happened: some calls were refused with the old token and retried.
    const refused = [...crm.logs, ...documents.logs].filter((l) => l.msg === "request" && l.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    delete process.env.SECRET_FILE_CHECK_MS;
  });
});
