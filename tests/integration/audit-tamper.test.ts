// The audit log is append-only for the application (its runtime role holds no UPDATE, DELETE or
// TRUNCATE on it, and a trigger refuses them for every role) and tamper-evident for everyone
// else: a superuser who disables the trigger and changes a row is named by audit:verify.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDocumentsServer } from "@/services/documents/server";
import { db } from "@/lib/db";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { describeChainBreak, verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { uniqueSuffix } from "../support/db";

const run = promisify(execFile);

// The document service audit:verify reads the checkpoints from (this file posts none).
let documents: Awaited<ReturnType<typeof startDocumentsServer>>;
const documentsDir = mkdtempSync(path.join(tmpdir(), "audit-tamper-"));
beforeAll(async () => {
  documents = await startDocumentsServer({ port: 0, token: "tamper-docs-token", dataDir: documentsDir });
});
afterAll(async () => {
  await documents.close();
  rmSync(documentsDir, { recursive: true, force: true });
});

/** As the console signs in (the runtime role), or as the server's administrator (a rogue superuser). */
async function withClient<T>(fn: (client: pg.Client) => Promise<T>, as: "runtime" | "admin" = "admin"): Promise<T> {
  const url = as === "runtime" ? process.env.DATABASE_URL : process.env.TEST_ADMIN_DATABASE_URL;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function auditVerifyCommand(...args: string[]) {
  try {
    // The command as a person runs it, through npm, against this run's database.
    const { stdout, stderr } = await run(
      "npm",
      ["run", "--silent", "audit:verify", ...(args.length ? ["--", ...args] : [])],
      {
        env: { ...process.env, DOCUMENTS_BASE_URL: documents.url, DOCUMENTS_TOKEN: "tamper-docs-token" },
        cwd: process.cwd(),
      },
    );
    return { code: 0, out: stdout + stderr, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr, stdout: e.stdout };
  }
}

describe("audit log tamper evidence", () => {
  it("the database refuses UPDATE, DELETE and TRUNCATE of audit rows from the application's connection", async () => {
    const { seq } = await recordAuditEventNow({
      actor: null,
      action: "test.append-only",
      target: { type: "test", id: uniqueSuffix() },
    });
    await withClient(async (client) => {
      await expect(
        client.query(`UPDATE "AuditEvent" SET reason = 'changed' WHERE seq = $1`, [seq.toString()]),
      ).rejects.toThrow(/permission denied for table AuditEvent/);
      await expect(client.query(`DELETE FROM "AuditEvent" WHERE seq = $1`, [seq.toString()])).rejects.toThrow(
        /permission denied for table AuditEvent/,
      );
      await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/permission denied for table AuditEvent/);
    }, "runtime");
    const row = await db.auditEvent.findUniqueOrThrow({ where: { seq } });
    expect(row.reason).toBeNull();
  });

  it("audit:verify passes an intact chain and names the row a superuser changed behind the app's back", async () => {
    const target = uniqueSuffix();
    const { seq } = await recordAuditEventNow({
      actor: { id: null, email: "system:test" },
      action: "test.tamper-target",
      target: { type: "test", id: target },
      after: { amountJpy: "1000" },
    });
    await recordAuditEventNow({ actor: null, action: "test.after-tamper-target" });

    const intact = await verifyAuditChain({ pageSize: 7 });
    expect(intact.ok).toBe(true);
    expect(intact.verified).toBeGreaterThanOrEqual(2);
    const good = await auditVerifyCommand();
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/audit chain intact/);

    const original = await db.auditEvent.findUniqueOrThrow({ where: { seq } });
    const tamper = (after: unknown) =>
      withClient(async (client) => {
        // As the superuser: switch the trigger off, change the row, switch it back on.
        await client.query("BEGIN");
        await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
        await client.query(`UPDATE "AuditEvent" SET after = $1::jsonb WHERE seq = $2`, [
          JSON.stringify(after),
          seq.toString(),
        ]);
        await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
        await client.query("COMMIT");
      });
    await tamper({ amountJpy: "1" });
    try {
      // Small pages: the break is found across page boundaries too.
      const status = await verifyAuditChain({ pageSize: 7 });
      expect(status.ok).toBe(false);
      expect(status.broken).toMatchObject({ seq, problem: "hash", action: "test.tamper-target", targetId: target });
      expect(status.verified).toBe(Number(seq) - 1);
      expect(describeChainBreak(status)).toContain(`seq ${seq}`);

      const bad = await auditVerifyCommand();
      expect(bad.code).toBe(1);
      expect(bad.out).toContain(`audit chain broken at event seq ${seq} (test.tamper-target on test ${target}`);
    } finally {
      // Put the row back so later tests in this run see an intact chain.
      await tamper(original.after);
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe("audit:verify after a deletion", () => {
  it("names the event after a row a superuser deleted as the break (a gap), in JSON too", async () => {
    const { seq } = await recordAuditEventNow({
      actor: null,
      action: "test.deleted-target",
      target: { type: "test", id: uniqueSuffix() },
    });
    const next = await recordAuditEventNow({
      actor: null,
      action: "test.after-deleted",
      target: { type: "test", id: uniqueSuffix() },
    });
    const original = await withClient(
      async (client) =>
        (await client.query(`SELECT * FROM "AuditEvent" WHERE seq = $1`, [seq.toString()])).rows[0] as Record<
          string,
          unknown
        >,
    );
    const asSuperuser = (sql: string, params: unknown[]) =>
      withClient(async (client) => {
        await client.query("BEGIN");
        await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
        await client.query(sql, params);
        await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
        await client.query("COMMIT");
      });
    await asSuperuser(`DELETE FROM "AuditEvent" WHERE seq = $1`, [seq.toString()]);
    try {
      const bad = await auditVerifyCommand("--json", "--page-size", "3");
      expect(bad.code).toBe(1);
      const report = JSON.parse(bad.stdout.trim().split("\n").at(-1)!) as {
        ok: boolean;
        broken: { seq: string; problem: string; action: string };
        verified: number;
      };
      expect(report).toMatchObject({
        ok: false,
        broken: { seq: next.seq.toString(), problem: "gap", action: "test.after-deleted" },
        verified: Number(seq) - 1,
      });
    } finally {
      // Put the row back exactly as it was (INSERT is allowed; the hash covers the original values).
      const columns = Object.keys(original);
      await withClient((client) =>
        client.query(
          `INSERT INTO "AuditEvent" (${columns.map((c) => `"${c}"`).join(", ")})
           SELECT * FROM json_populate_record(null::"AuditEvent", $1::json)`,
          [JSON.stringify(original)],
        ),
      );
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
