import type pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";

describe("reads on plain pg connections (lib/db-read.ts)", () => {
  it("type every column as Prisma's $queryRaw does, with the same parameters", async () => {
    const at = new Date("2026-08-01T03:04:05.678Z");
    const query = (amount: bigint, rate: Prisma.Decimal, when: Date, ids: string[]) => Prisma.sql`
      SELECT ${amount}::bigint AS big, ${amount}::bigint * -3 AS "negativeBig", ${rate}::numeric AS rate,
             12::int AS small, true AS flag,
             ${when}::timestamptz AS "withZone", '2026-08-01 03:04:05.678'::timestamp AS "withoutZone",
             '2026-08-31'::date AS day,
             ARRAY['a', NULL, 'c']::text[] AS texts, ARRAY[9007199254740993, NULL]::bigint[] AS bigs,
             ARRAY[1.5, 2.25]::numeric[] AS rates,
             '{"b": 1, "a": [true, null, "x"]}'::jsonb AS doc, '7c9e6679-7425-40de-944b-e07fc1f90ae7'::uuid AS id,
             ${ids}::text[] AS echoed,
             NULL::bigint AS "noBig", NULL::numeric AS "noRate", NULL::jsonb AS "noDoc"`;
    const args: [bigint, Prisma.Decimal, Date, string[]] = [
      9_007_199_254_740_993n,
      new Prisma.Decimal("1.234567890123"),
      at,
      ["x", "y"],
    ];
    const viaPrisma = await db.$queryRaw<Array<Record<string, unknown>>>(query(...args));
    const viaPg = await readRows<Array<Record<string, unknown>>>(query(...args));
    expect(viaPg).toEqual(viaPrisma);
    const [row] = viaPg;
    expect(row!.big).toBe(9_007_199_254_740_993n);
    expect(row!.negativeBig).toBe(-27_021_597_764_222_979n);
    expect(Prisma.Decimal.isDecimal(row!.rate) && (row!.rate as Prisma.Decimal).toString()).toBe("1.234567890123");
    expect((row!.withZone as Date).toISOString()).toBe(at.toISOString());
    expect((row!.withoutZone as Date).toISOString()).toBe(at.toISOString());
    expect((row!.day as Date).toISOString()).toBe("2026-08-31T00:00:00.000Z");
    expect(row!.bigs).toEqual([9_007_199_254_740_993n, null]);
    expect(row!.doc).toEqual({ a: [true, null, "x"], b: 1 });
  });

  it("answer a prepared statement with each call's values, past where PostgreSQL may switch to one plan", async () => {
    const total = (customerCode: string) =>
      Prisma.sql`SELECT count(*) AS n, ${customerCode}::text AS code
                 FROM generate_series(1, length(${customerCode})) g`;
    for (const code of ["A", "BB", "CCC", "DDDD", "EEEEE", "FFFFFF", "GGGGGGG", "H"]) {
      expect(await readRows<Array<{ n: bigint; code: string }>>(total(code))).toEqual([
        { n: BigInt(code.length), code },
      ]);
      expect(await readRows<Array<{ n: bigint; code: string }>>(total(code), { prepared: false })).toEqual([
        { n: BigInt(code.length), code },
      ]);
    }
  });

  it("survive the database closing their idle connections", async () => {
    await readRows<Array<{ one: number }>>(Prisma.sql`SELECT 1 AS one`);
    const [terminated] = await db.$queryRaw<Array<{ closed: number }>>`
      SELECT count(*)::int AS closed
      FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'billing-console-read' AND datname = current_database()) t`;
    expect(terminated!.closed).toBeGreaterThan(0);
    // The pool hears of each closed connection (an 'error' on the idle client) and drops it.
    const pool = (globalThis as { readPool?: pg.Pool }).readPool!;
    await vi.waitFor(() => expect(pool.totalCount).toBe(0), { timeout: 10_000 });
    expect(await readRows<Array<{ two: number }>>(Prisma.sql`SELECT 2 AS two`)).toEqual([{ two: 2 }]);
  });
});
