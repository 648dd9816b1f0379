import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyChainSegment } from "@/lib/audit/hash-chain";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

async function wholeChain() {
  const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
  return verifyChainSegment(events, null);
}

describe("audit events", () => {
  it("stay one unbroken chain when many transactions write at once", async () => {
    const before = await db.auditEvent.count();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.$transaction((tx) =>
          recordAuditEvent(tx, {
            actor: { id: null, email: `writer-${i}@test.local` },
            action: "test.concurrent-write",
            target: { type: "test", id: String(i) },
            after: { i, nested: { b: 2, a: 1 }, amountJpy: 1234567890123n },
          }),
        ),
      ),
    );
    expect(await db.auditEvent.count()).toBe(before + 40);
    const result = await wholeChain();
    expect(result).toMatchObject({ ok: true, count: before + 40 });
  });

  it("roll back with the change they describe", async () => {
    const before = await db.auditEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await recordAuditEvent(tx, { actor: null, action: "test.rolled-back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count()).toBe(before);
    expect((await wholeChain()).ok).toBe(true);
  });

  // The console's own connection (the runtime role) is refused by grant; the schema owner, which
  // holds every privilege, by the triggers.
  it("cannot be changed or deleted through the database", async () => {
    await db.$transaction((tx) => recordAuditEvent(tx, { actor: null, action: "test.immutable" }));
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET action = 'forged' WHERE seq = ${last.seq}`).rejects.toThrow(
      /permission denied for table "?AuditEvent/,
    );
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE seq = ${last.seq}`).rejects.toThrow(
      /permission denied for table "?AuditEvent/,
    );
    await expect(db.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/permission denied for table "?AuditEvent/);
    const owner = new pg.Client({ connectionString: process.env.TEST_OWNER_DATABASE_URL });
    await owner.connect();
    try {
      const seq = last.seq.toString();
      await expect(owner.query(`UPDATE "AuditEvent" SET action = 'forged' WHERE seq = $1`, [seq])).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(owner.query(`DELETE FROM "AuditEvent" WHERE seq = $1`, [seq])).rejects.toThrow(
        /append-only: DELETE refused/,
      );
      await expect(owner.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    } finally {
      await owner.end();
    }
    expect((await db.auditEvent.findUniqueOrThrow({ where: { seq: last.seq } })).action).toBe("test.immutable");
  });
});
