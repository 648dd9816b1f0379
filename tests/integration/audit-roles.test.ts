// The console signs in as a runtime role that owns no table and holds only the grants the grants
// step gives it (scripts/lib/runtime-grants.ts), so it cannot touch audit rows: not by UPDATE,
// DELETE or TRUNCATE (no grant), and not by altering the table or switching off its triggers
// (not the owner). Each attempt is refused with permission denied, before any trigger runs.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { AUDIT_TABLE, grantRuntimeRole, runtimeRoleProblems } from "@/scripts/lib/runtime-grants";
import { userOf } from "@/scripts/lib/database-url";

const runtimeUrl = process.env.DATABASE_URL ?? "";
const ownerUrl = process.env.TEST_OWNER_DATABASE_URL ?? "";
const runtimeRole = userOf(runtimeUrl);

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

let runtime: pg.Client;
let owner: pg.Client;
beforeAll(async () => {
  runtime = await connect(runtimeUrl);
  owner = await connect(ownerUrl);
});
afterAll(async () => {
  await runtime.end();
  await owner.end();
});

/** Runs a statement as the runtime role and returns how PostgreSQL refused it. */
async function refusal(sql: string, params: unknown[] = []) {
  try {
    await runtime.query(sql, params);
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error(`the runtime role was allowed: ${sql}`);
}

describe("the runtime role", () => {
  it("is what the console connects as: not a superuser, not the owner, owning nothing", async () => {
    const [who] = await db.$queryRaw<Array<{ user: string; superuser: boolean }>>`
      SELECT current_user AS user, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`;
    expect(who).toEqual({ user: runtimeRole, superuser: false });
    expect(runtimeRole).not.toBe(userOf(ownerUrl));
    const { rows } = await owner.query<{ owner: string }>(
      `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'public."AuditEvent"'::regclass`,
    );
    expect(rows[0]?.owner).toBe(userOf(ownerUrl));
    expect(await runtimeRoleProblems(owner, runtimeRole)).toEqual([]);
  });

  it("cannot ALTER the audit table, disable its triggers, UPDATE, DELETE or TRUNCATE its rows", async () => {
    const { seq } = await recordAuditEventNow({ actor: null, action: "test.runtime-role" });
    const row = [seq.toString()];
    const attempts = {
      alter: await refusal(`ALTER TABLE "AuditEvent" ADD COLUMN forged text`),
      disableTrigger: await refusal(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_update`),
      disableAllTriggers: await refusal(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`),
      dropTrigger: await refusal(`DROP TRIGGER audit_event_no_update ON "AuditEvent"`),
      update: await refusal(`UPDATE "AuditEvent" SET reason = 'forged' WHERE seq = $1`, row),
      delete: await refusal(`DELETE FROM "AuditEvent" WHERE seq = $1`, row),
      truncate: await refusal(`TRUNCATE "AuditEvent"`),
    };
    for (const [what, refused] of Object.entries(attempts)) {
      // 42501 insufficient_privilege, from the privilege check, not the trigger's own refusal.
      expect(refused.code, what).toBe("42501");
      expect(refused.message, what).toMatch(
        /permission denied for table AuditEvent|must be owner of (table|relation) AuditEvent/,
      );
      expect(refused.message, what).not.toMatch(/append-only/);
    }
    const { rows } = await runtime.query(`SELECT reason, action FROM "AuditEvent" WHERE seq = $1`, row);
    expect(rows).toEqual([{ reason: null, action: "test.runtime-role" }]);
  });

  it("reads and appends audit events, and reads and writes every other table but the migration history", async () => {
    const { rows } = await owner.query<{ name: string; s: boolean; i: boolean; u: boolean; d: boolean }>(
      `SELECT c.relname AS name,
              has_table_privilege($1, c.oid, 'SELECT') AS s, has_table_privilege($1, c.oid, 'INSERT') AS i,
              has_table_privilege($1, c.oid, 'UPDATE') AS u, has_table_privilege($1, c.oid, 'DELETE') AS d
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
      [runtimeRole],
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get(AUDIT_TABLE)).toEqual({ name: AUDIT_TABLE, s: true, i: true, u: false, d: false });
    expect(byName.get("_prisma_migrations")).toEqual({
      name: "_prisma_migrations",
      s: false,
      i: false,
      u: false,
      d: false,
    });
    const others = rows.filter((r) => r.name !== AUDIT_TABLE && r.name !== "_prisma_migrations");
    expect(others.length).toBeGreaterThan(20);
    for (const table of others)
      expect(table, table.name).toEqual({ name: table.name, s: true, i: true, u: true, d: true });
    expect((await refusal(`CREATE TABLE forged (x int)`)).message).toMatch(/permission denied for schema public/);
  });

  it("can use a table a later migration creates, and the grants step keeps the audit table's limits", async () => {
    // A migration applied by the owner outside the scripts: default privileges make its table usable.
    await owner.query(`CREATE TABLE "FutureTable" (id int PRIMARY KEY)`);
    try {
      await runtime.query(`INSERT INTO "FutureTable" VALUES (1)`);
      await runtime.query(`UPDATE "FutureTable" SET id = 2`);
      await runtime.query(`DELETE FROM "FutureTable"`);
      // Someone grants too much on the audit table; the next grants step (every migrate) takes it back.
      await owner.query(`GRANT UPDATE, DELETE, TRUNCATE ON "AuditEvent" TO "${runtimeRole}"`);
      expect(await runtimeRoleProblems(owner, runtimeRole)).toEqual([
        `${runtimeRole} holds UPDATE on AuditEvent`,
        `${runtimeRole} holds DELETE on AuditEvent`,
        `${runtimeRole} holds TRUNCATE on AuditEvent`,
      ]);
      await grantRuntimeRole({ migrationUrl: ownerUrl, runtimeUrl });
      expect(await runtimeRoleProblems(owner, runtimeRole)).toEqual([]);
      expect((await refusal(`DELETE FROM "AuditEvent" WHERE seq = 0`)).message).toMatch(/permission denied/);
    } finally {
      await owner.query(`DROP TABLE "FutureTable"`);
    }
  });

  it("is refused by the grants step's check when it could act as the owner", async () => {
    await owner.query(`GRANT "${userOf(ownerUrl)}" TO "${runtimeRole}"`).catch(async () => {
      // The owner may not grant its own membership on every server version: the administrator does.
      const admin = await connect(process.env.TEST_ADMIN_DATABASE_URL ?? "");
      await admin.query(`GRANT "${userOf(ownerUrl)}" TO "${runtimeRole}"`).finally(() => admin.end());
    });
    try {
      const problems = await runtimeRoleProblems(owner, runtimeRole);
      expect(problems.join("; ")).toMatch(/owns \(or may act as the owner of\) .*AuditEvent/);
      await expect(grantRuntimeRole({ migrationUrl: ownerUrl, runtimeUrl })).rejects.toThrow(
        /privileges are not as they should be: .*may act as the owner/,
      );
    } finally {
      const admin = await connect(process.env.TEST_ADMIN_DATABASE_URL ?? "");
      await admin.query(`REVOKE "${userOf(ownerUrl)}" FROM "${runtimeRole}"`).finally(() => admin.end());
    }
    expect(await runtimeRoleProblems(owner, runtimeRole)).toEqual([]);
  });
});
