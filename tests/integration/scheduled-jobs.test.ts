// The scheduler for real: three worker processes on the same database run each scheduled
// occurrence exactly once; "run now" runs once on whichever worker takes it; every run is
// recorded with an audit event. Then the usage inbox with real files through the importer.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listJobs } from "@/lib/jobs/list-jobs";
import { requestJobRun } from "@/lib/jobs/request-run";
import { processUsageInbox } from "@/lib/jobs/usage-inbox";
import { person } from "../support/invoices";

const inbox = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-"));
const workers: ChildProcess[] = [];

function startWorker(name: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      DELIVERY_WORKER_NAME: name,
      DELIVERY_QUIET: "true",
      SCHEDULER_CRON_MONITOR_SECONDS: "2",
      USAGE_INBOX_DIR: inbox,
      JOB_CRON_EXPIRE_ACCESS_GRANTS: "* * * * *",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.push(child);
  return child;
}

afterAll(async () => {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          if (w.exitCode !== null) return resolve(null);
          w.once("exit", resolve);
          w.kill("SIGTERM");
        }),
    ),
  );
  fs.rmSync(inbox, { recursive: true, force: true });
});

const scheduledRuns = (since: Date) =>
  db.jobRun.findMany({
    where: { job: "expire-access-grants", trigger: "schedule", startedAt: { gte: since } },
    orderBy: { startedAt: "asc" },
  });

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("scheduled jobs with three workers", () => {
  it("run each occurrence once, and run-now once, each run audited", { timeout: 240_000 }, async () => {
    const since = new Date(Date.now() - 61_000);
    for (const name of ["sched-a", "sched-b", "sched-c"]) startWorker(name);

    // The current minute's occurrence fires right away, the next at the minute boundary.
    const first = await waitFor(
      () => scheduledRuns(since),
      (r) => r.length >= 1,
      90_000,
    );
    expect(first.length).toBeGreaterThanOrEqual(1);
    const boundary = Math.ceil(Date.now() / 60_000) * 60_000;
    await new Promise((r) => setTimeout(r, boundary - Date.now()));
    const runs = await waitFor(
      () => scheduledRuns(since),
      (r) => r.some((run) => run.startedAt.getTime() >= boundary),
      60_000,
    );
    // Let any duplicate show up before counting.
    await new Promise((r) => setTimeout(r, 6_000));
    const settled = await scheduledRuns(since);
    expect(settled.length).toBe(runs.length);
    const perMinute = new Map<number, number>();
    for (const run of settled) {
      const minute = Math.floor(run.startedAt.getTime() / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    // The runs themselves, so that a failure says which run broke the rule.
    const seen = JSON.stringify(settled.map((r) => [r.startedAt, r.finishedAt, r.outcome, r.worker, r.bossJobId]));
    expect(perMinute.size, seen).toBeGreaterThanOrEqual(2);
    expect(
      [...perMinute.values()].every((n) => n === 1),
      seen,
    ).toBe(true);
    expect(
      settled.every((r) => r.outcome === "SUCCESS" && r.finishedAt !== null),
      seen,
    ).toBe(true);
    expect(new Set(settled.map((r) => r.worker)).size).toBeGreaterThanOrEqual(1);

    // Each run wrote its audit event.
    const audited = await db.auditEvent.findMany({
      where: { action: "job.run", targetId: "expire-access-grants", occurredAt: { gte: since } },
    });
    const auditedRuns = new Set(audited.map((e) => (e.after as { runId: string }).runId));
    for (const run of settled) expect(auditedRuns.has(run.id)).toBe(true);

    // Run now: an admin asks, one worker runs it.
    const admin = await person("ADMIN");
    const { bossJobId } = await requestJobRun({ ...admin, roles: ["ADMIN"] }, "sweep-delivery-leases");
    const manual = await waitFor(
      () => db.jobRun.findMany({ where: { bossJobId } }),
      (r) => r.length > 0 && r[0]!.finishedAt !== null,
      60_000,
    );
    expect(manual).toHaveLength(1);
    expect(manual[0]).toMatchObject({ trigger: "manual", requestedById: admin.id, outcome: "SUCCESS" });
    expect(await db.auditEvent.count({ where: { action: "job.requested", actorId: admin.id } })).toBe(1);

    const view = await listJobs();
    const sweep = view.find((j) => j.name === "sweep-delivery-leases")!;
    expect(sweep.lastRun).toMatchObject({ trigger: "manual", outcome: "SUCCESS" });
    expect(sweep.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("the usage inbox", () => {
  it("imports good files to done/ and refused ones to failed/, each with its report", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-direct-"));
    const fixtures = path.resolve(import.meta.dirname, "../fixtures/usage");
    // A unique file (its tags differ), so it is imported now rather than found already imported.
    // A billing account of its own, so its month is new, and a second file that changes it.
    const account = String(Math.floor(Math.random() * 9e11) + 1e11);
    const good = fs.readFileSync(path.join(fixtures, "focus-small.csv"), "utf8").replaceAll("123456789012", account);
    fs.writeFileSync(path.join(dir, "october.csv"), good);
    const changed = good.replace("12.34,", "13.34,");
    fs.copyFileSync(path.join(fixtures, "gcp-bad.csv"), path.join(dir, "broken.csv"));
    fs.writeFileSync(path.join(dir, "still-writing.csv"), "partial");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, "october.csv"), old, old);
    fs.utimesSync(path.join(dir, "broken.csv"), old, old);

    const results = await processUsageInbox({ dir, settleMs: 10_000 });
    expect(results.map((r) => [r.file, r.status, r.movedTo]).sort()).toEqual([
      ["broken.csv", "refused", "failed"],
      ["october.csv", "imported", "done"],
    ]);
    expect(fs.existsSync(path.join(dir, "still-writing.csv"))).toBe(true);
    const report = JSON.parse(fs.readFileSync(path.join(dir, "done", "october.csv.report.json"), "utf8"));
    expect(report).toMatchObject({ status: "imported", file: "october.csv" });
    const refused = JSON.parse(fs.readFileSync(path.join(dir, "failed", "broken.csv.report.json"), "utf8"));
    expect(refused.status).toBe("refused");
    expect(refused.errors.length).toBeGreaterThan(0);
    const batch = await db.usageBatch.findUniqueOrThrow({ where: { id: report.batchId } });
    expect(batch).toMatchObject({ source: "inbox", fileName: "october.csv" });

    // The month is billed now: a changed file is only previewed, never applied by the inbox.
    fs.writeFileSync(path.join(dir, "october-corrected.csv"), changed);
    fs.utimesSync(path.join(dir, "october-corrected.csv"), old, old);
    const again = await processUsageInbox({ dir, settleMs: 10_000 });
    expect(again.map((r) => [r.file, r.status, r.movedTo])).toEqual([["october-corrected.csv", "preview", "failed"]]);
    const preview = JSON.parse(fs.readFileSync(path.join(dir, "failed", "october-corrected.csv.report.json"), "utf8"));
    expect(preview).toMatchObject({ status: "preview", staged: false });
    const scopes = await db.usageBatchScope.findMany({ where: { billingAccountId: account } });
    expect(scopes.map((s) => [s.batchId, s.state])).toEqual([[report.batchId, "CURRENT"]]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
