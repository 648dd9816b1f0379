// Audit checkpoints against PostgreSQL and the real local document service: the chain's head is
// posted outside the database, once per head; a superuser who rewrites an earlier row and
// recomputes every hash after it leaves a chain that verifies on its own, and audit:verify names
// the first checkpoint it no longer matches (in text and JSON, exit code 1).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { chainHash } from "@/lib/audit/hash-chain";
import { postAuditCheckpoint } from "@/lib/audit/post-audit-checkpoint";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { verifyCheckpoints } from "@/lib/audit/verify-checkpoints";
import { createAuditCheckpointsClient } from "@/lib/services/audit-checkpoints-client";
import { startDocumentsServer } from "@/services/documents/server";
import { uniqueSuffix } from "../support/db";

const run = promisify(execFile);
const TOKEN = "checkpoint-docs-token";
const dirs: string[] = [];
const services: { close: () => Promise<void> }[] = [];

async function documentService() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "audit-checkpoints-"));
  dirs.push(dataDir);
  const service = await startDocumentsServer({ port: 0, token: TOKEN, dataDir });
  services.push(service);
  return {
    url: service.url,
    client: createAuditCheckpointsClient({ baseUrl: service.url, token: TOKEN, timeoutMs: 5000 }),
  };
}

afterAll(async () => {
  await Promise.all(services.map((service) => service.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const event = (action: string, after?: unknown) =>
  recordAuditEventNow({
    actor: { id: null, email: "system:test" },
    action,
    target: { type: "test", id: uniqueSuffix() },
    after,
  });

async function auditVerify(documentsUrl: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "audit:verify", "--", ...args], {
      env: { ...process.env, DOCUMENTS_BASE_URL: documentsUrl, DOCUMENTS_TOKEN: TOKEN },
      cwd: process.cwd(),
    });
    return { code: 0, stdout, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, out: e.stdout + e.stderr };
  }
}

/**
 * As the server's superuser: switches the audit triggers off, changes event `seq`'s `after`, and
 * recomputes the hash and link of that event and of every event after it, so that the chain is
 * consistent with itself again; then switches the triggers back on. Deterministic: rewriting with
 * the original value restores every original hash.
 */
async function rewriteAndRehash(seq: bigint, after: unknown) {
  const admin = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query("BEGIN");
    await admin.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await admin.query(`UPDATE "AuditEvent" SET after = $1::jsonb WHERE seq = $2`, [JSON.stringify(after), String(seq)]);
    const { rows: previous } = await admin.query<{ hash: string }>(`SELECT hash FROM "AuditEvent" WHERE seq = $1`, [
      String(seq - 1n),
    ]);
    let prevHash = previous[0]?.hash ?? "0".repeat(64);
    const { rows } = await admin.query(`SELECT * FROM "AuditEvent" WHERE seq >= $1 ORDER BY seq`, [String(seq)]);
    for (const row of rows) {
      const hash = chainHash(prevHash, { ...row, seq: BigInt(row.seq) });
      await admin.query(`UPDATE "AuditEvent" SET "prevHash" = $1, hash = $2 WHERE seq = $3`, [prevHash, hash, row.seq]);
      prevHash = hash;
    }
    await admin.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    await admin.query("COMMIT");
  } finally {
    await admin.end();
  }
}

describe("audit checkpoints", () => {
  it("post the verified head once; the same head again changes nothing", async () => {
    const { client } = await documentService();
    await event("test.checkpoint-a");
    const first = await postAuditCheckpoint({ trigger: "manual", client });
    expect(first.kind).toBe("posted");
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(first).toMatchObject({ checkpoint: { seq: head.seq, hash: head.hash, occurredAt: head.occurredAt } });
    expect(await postAuditCheckpoint({ trigger: "schedule", client })).toMatchObject({
      kind: "unchanged",
      checkpoint: { seq: head.seq },
    });
    await event("test.checkpoint-b");
    await event("test.checkpoint-c");
    // Only the events since the last checkpoint are verified before the next is posted.
    expect(await postAuditCheckpoint({ trigger: "release", client })).toMatchObject({ kind: "posted", verified: 2 });
    const page = await client.page(0n, 10);
    expect(page.kind === "ok" && page.items.map((c) => c.trigger)).toEqual(["manual", "release"]);
  });

  it("audit:verify names the first checkpoint a chain rewritten with recomputed hashes no longer matches", async () => {
    const { url, client } = await documentService();
    const target = await event("test.checkpoint-target", { amountJpy: "1000" });
    await event("test.checkpoint-between");
    const first = await postAuditCheckpoint({ trigger: "schedule", client });
    await event("test.checkpoint-later");
    const second = await postAuditCheckpoint({ trigger: "release", client });
    if (first.kind !== "posted" || second.kind !== "posted") throw new Error("the checkpoints were not posted");

    const good = await auditVerify(url, "--json");
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout.trim().split("\n").at(-1) ?? "")).toMatchObject({
      ok: true,
      broken: null,
      checkpoints: { ok: true, checked: 2, firstMismatch: null, latest: { id: second.checkpoint.id } },
    });

    await rewriteAndRehash(target.seq, { amountJpy: "1" });
    try {
      // The chain is consistent with itself: walking it finds nothing.
      const walked = await verifyAuditChain({ pageSize: 7 });
      expect(walked).toMatchObject({ ok: true, broken: null });
      expect((await db.auditEvent.findUniqueOrThrow({ where: { seq: target.seq } })).after).toEqual({ amountJpy: "1" });

      const checked = await verifyCheckpoints({ client, pageSize: 1 });
      expect(checked).toMatchObject({
        kind: "ok",
        status: { ok: false, checked: 1, firstMismatch: { problem: "hash", checkpoint: { id: first.checkpoint.id } } },
      });

      const json = await auditVerify(url, "--json", "--page-size", "5");
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout.trim().split("\n").at(-1) ?? "");
      expect(report).toMatchObject({
        ok: false,
        broken: null,
        checkpoints: {
          ok: false,
          checked: 1,
          firstMismatch: {
            problem: "hash",
            databaseHash: expect.not.stringMatching(first.checkpoint.hash),
            checkpoint: { id: first.checkpoint.id, seq: first.checkpoint.seq.toString(), hash: first.checkpoint.hash },
          },
        },
      });
      const text = await auditVerify(url);
      expect(text.code).toBe(1);
      expect(text.out).toContain("audit chain intact");
      expect(text.out).toContain(
        `audit chain does not match checkpoint ${first.checkpoint.id} (event #${first.checkpoint.seq}`,
      );

      // The checkpoint job refuses to vouch for the rewritten chain, and says so in the log.
      const refused = await postAuditCheckpoint({ trigger: "schedule", client });
      expect(refused).toMatchObject({ kind: "refused" });
      expect(refused.kind === "refused" && refused.reason).toContain(`event #${second.checkpoint.seq} no longer has`);
      const logged = await db.auditEvent.findFirstOrThrow({
        where: { action: "audit.checkpoint", outcome: "REFUSED" },
        orderBy: { seq: "desc" },
      });
      expect(logged.reason).toContain(second.checkpoint.id);
    } finally {
      // Put the row back: every hash is recomputed to what it was, so later tests see an intact chain.
      await rewriteAndRehash(target.seq, { amountJpy: "1000" });
    }
    expect((await verifyAuditChain()).ok).toBe(true);
    expect((await auditVerify(url)).code).toBe(0);
  });

  it("audit:verify cannot vouch for the chain without the document service (exit code 2)", async () => {
    const unreachable = await auditVerify("http://127.0.0.1:9");
    expect(unreachable.code).toBe(2);
    expect(unreachable.out).toMatch(/checkpoints could not be read from the document service/);
    const alone = await auditVerify("http://127.0.0.1:9", "--no-checkpoints");
    expect(alone.code).toBe(0);
    expect(alone.out).toContain("not compared");
  });

  it("refuses to post over a checkpoint the database no longer matches", async () => {
    const { client } = await documentService();
    const { seq } = await event("test.checkpoint-conflict");
    const head = await db.auditEvent.findUniqueOrThrow({ where: { seq } });
    // Another chain's head for this sequence number is already held outside.
    await client.post({ ...head, hash: "f".repeat(64) }, "manual");
    const outcome = await postAuditCheckpoint({ trigger: "schedule", client });
    expect(outcome).toMatchObject({ kind: "refused" });
    expect(outcome.kind === "refused" && outcome.reason).toMatch(new RegExp(`event #${seq} no longer has the hash`));
  });
});
