// The jobs the scheduler took over from elsewhere, each run through runJob as a worker runs it:
// the audit checkpoint (the worker's hourly interval before) against the real document service,
// and the sweep of passed sign-in locks (the admin users page wrote it on a GET before; the page
// now only reads, and shows the locks still running).
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readChainHead } from "@/lib/audit/post-audit-checkpoint";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { recordSignInFailure, THROTTLE } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { type JobName, jobDefinitions } from "@/lib/jobs/definitions";
import { runJob } from "@/lib/jobs/run-job";
import { listUsers } from "@/lib/users/update-user-access";
import { startDocumentsServer } from "@/services/documents/server";
import { createUser } from "../support/db";

const TOKEN = "scheduled-audit-jobs-token";
const dataDir = mkdtempSync(path.join(tmpdir(), "scheduled-audit-jobs-"));

// The environment this file changes is put back for the files after it by tests/support/restore-env.ts.
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function run(name: JobName) {
  const definition = jobDefinitions().find((d) => d.name === name);
  if (!definition) throw new Error(`no job ${name}`);
  return runJob(definition, { trigger: "manual", bossJobId: randomUUID(), worker: "vitest" });
}

const jobRunEvent = (runId: string) =>
  db.auditEvent
    .findMany({ where: { action: "job.run" } })
    .then((events) => events.filter((e) => (e.after as { runId?: string } | null)?.runId === runId));

describe("the audit-checkpoint job", () => {
  it("posts the chain's head to the document service, and fails the run when it cannot", async () => {
    const service = await startDocumentsServer({ port: 0, token: TOKEN, dataDir });
    try {
      process.env.DOCUMENTS_BASE_URL = service.url;
      process.env.DOCUMENTS_TOKEN = TOKEN;
      // An event of its own, so the chain has a head to post when this file runs first.
      await recordAuditEventNow({ actor: { id: null, email: "system:test" }, action: "test.checkpoint-job" });
      const head = await readChainHead();
      const posted = await run("audit-checkpoint");
      expect(posted).toMatchObject({ outcome: "SUCCESS" });
      expect(posted?.summary).toMatch(/^audit checkpoint: posted event #\d+/);
      const latest = await fetch(`${service.url}/audit-checkpoints/latest`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      }).then((r) => r.json() as Promise<{ seq: string }>);
      expect(BigInt(latest.seq)).toBeGreaterThanOrEqual(head?.seq ?? 0n);
      expect(await jobRunEvent(posted!.runId)).toEqual([expect.objectContaining({ outcome: "SUCCESS" })]);
    } finally {
      await service.close();
    }
    // The service is gone: the run is recorded as failed, and audited so.
    const failed = await run("audit-checkpoint");
    expect(failed).toMatchObject({ outcome: "FAILURE" });
    expect(failed?.summary).toMatch(/^audit checkpoint failed/);
    expect(await jobRunEvent(failed!.runId)).toEqual([expect.objectContaining({ outcome: "FAILURE" })]);
  });
});

describe("the sweep-sign-in-locks job", () => {
  it("records the end of passed locks; the users page shows only running ones and writes nothing", async () => {
    const passed = await createUser(["FINANCE"]);
    const running = await createUser(["FINANCE"]);
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (let i = 0; i < THROTTLE.account.limit; i++) {
      await recordSignInFailure({ account: passed.email, address: null }, twoHoursAgo);
      await recordSignInFailure({ account: running.email, address: null });
    }
    const unlocks = (email: string) =>
      db.auditEvent.count({ where: { action: "auth.sign-in-unlocked", targetId: email.toLowerCase() } });
    const passedRow = () => db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${passed.email}` } });

    const rowBefore = await passedRow();
    const users = await listUsers();
    expect(users.find((u) => u.id === passed.id)?.lockedUntil).toBeNull();
    expect(users.find((u) => u.id === running.id)?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    // Reading the page changed nothing: no unlock recorded, the row as it was.
    expect(await unlocks(passed.email)).toBe(0);
    expect(await passedRow()).toEqual(rowBefore);

    const swept = await run("sweep-sign-in-locks");
    expect(swept).toMatchObject({ outcome: "SUCCESS" });
    expect(swept?.summary).toMatch(/^[1-9]\d* passed sign-in lock\(s\) recorded$/);
    expect(await unlocks(passed.email)).toBe(1);
    expect(await unlocks(running.email)).toBe(0);
    expect(await jobRunEvent(swept!.runId)).toEqual([expect.objectContaining({ outcome: "SUCCESS" })]);
    await run("sweep-sign-in-locks");
    expect(await unlocks(passed.email)).toBe(1);
  });
});
