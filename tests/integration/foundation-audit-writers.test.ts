import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { verifyChainSegment } from "@/lib/audit/hash-chain";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { recordAuditEventPg } from "@/lib/audit/record-audit-event-pg";

describe("the two audit writers (Prisma and raw pg)", () => {
  it("share one lock, so concurrent events from both keep one unbroken chain", async () => {
    const writePg = async (i: number) => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        await client.query("BEGIN");
        await recordAuditEventPg(client, { actor: { id: null, email: "pg@test" }, action: "test.pg", metadata: { i } });
        await client.query("COMMIT");
      } finally {
        await client.end();
      }
    };
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        i % 2
          ? writePg(i)
          : recordAuditEventNow({ actor: { id: null, email: "prisma@test" }, action: "test.prisma", metadata: { i } }),
      ),
    );
    const result = verifyChainSegment(await db.auditEvent.findMany({ orderBy: { seq: "asc" } }), null);
    expect(result.ok).toBe(true);
  });

  it("an event recorded on its own survives the database closing the writer's idle connections", async () => {
    await recordAuditEventNow({
      actor: { id: null, email: "pool@test" },
      action: "test.pool",
      metadata: { step: "before" },
    });
    const [terminated] = await db.$queryRaw<Array<{ closed: number }>>`
      SELECT count(*)::int AS closed
      FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'billing-audit-writer' AND datname = current_database()) t`;
    expect(terminated!.closed).toBeGreaterThan(0);
    // The pool hears of the closed connections (an 'error' on each idle client) and drops them;
    // the next event opens a new one.
    const pool = (globalThis as { auditPool?: pg.Pool }).auditPool!;
    await vi.waitFor(() => expect(pool.totalCount).toBe(0), { timeout: 10_000 });
    const after = await recordAuditEventNow({
      actor: { id: null, email: "pool@test" },
      action: "test.pool",
      metadata: { step: "after" },
    });
    expect(await db.auditEvent.count({ where: { seq: after.seq, action: "test.pool" } })).toBe(1);
  });
});
