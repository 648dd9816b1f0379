import pg from "pg";
import { describe, expect, it } from "vitest";
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
    await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? writePg(i) : recordAuditEventNow({ actor: { id: null, email: "prisma@test" }, action: "test.prisma", metadata: { i } }))));
    const result = verifyChainSegment(await db.auditEvent.findMany({ orderBy: { seq: "asc" } }), null);
    expect(result.ok).toBe(true);
  });
});
