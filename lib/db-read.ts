// Reads on every request's path (the session check and each page's read model) run their SQL
// on plain pg connections. Prisma's raw queries run through its query compiler even for SQL
// written by hand: about 0.3 ms of CPU a query on this machine against 0.07 ms for pg
// (3,000 session checks timed in one process). Writes, transactions and everything else
// stay on Prisma (lib/db.ts).
//
// The rows come back typed as Prisma's $queryRaw types them, so a call site only swaps
// `db.$queryRaw<T>\`…\`` for `readRows<T>(Prisma.sql\`…\`)`: bigint columns as bigint, numeric
// as Decimal, timestamps as Date (a timestamp without zone read as UTC, as Prisma does), a
// date as midnight UTC, json as parsed values.
import { createHash } from "node:crypto";
import pg from "pg";
import { createPool } from "@/lib/db-pool";
import { env } from "@/lib/env";
import { errorFields, logFor } from "@/lib/log/logger";
import { Prisma } from "@/lib/generated/prisma/client";

const OID = {
  int8: 20,
  int8Array: 1016,
  numeric: 1700,
  numericArray: 1231,
  date: 1082,
  timestamp: 1114,
  textArray: 1009,
} as const;

// pg's own parser for any oid (its typings list only the scalar built-ins).
const pgParser = pg.types.getTypeParser as (oid: number, format: "text" | "binary") => (value: string) => unknown;
const textArray = pgParser(OID.textArray, "text") as (value: string) => Array<string | null>;

/** pg's parsers, except where Prisma's raw queries type a column differently. */
export function prismaTypeParser(oid: number, format: "text" | "binary" = "text"): (value: string) => unknown {
  switch (oid) {
    case OID.int8:
      return (v) => BigInt(v);
    case OID.int8Array:
      return (v) => textArray(v).map((x) => (x === null ? null : BigInt(x)));
    case OID.numeric:
      return (v) => new Prisma.Decimal(v);
    case OID.numericArray:
      return (v) => textArray(v).map((x) => (x === null ? null : new Prisma.Decimal(x)));
    case OID.date:
      return (v) => new Date(`${v}T00:00:00Z`);
    case OID.timestamp:
      return (v) => new Date(`${v.replace(" ", "T")}Z`);
    default:
      return pgParser(oid, format);
  }
}

/** Parameters as Prisma would send them: a Decimal as its text (pg would send it as JSON). */
function parameter(value: unknown): unknown {
  return Prisma.Decimal.isDecimal(value) ? value.toString() : value;
}

const globalForRead = globalThis as unknown as { readPool?: pg.Pool };

function readPool(): pg.Pool {
  if (!globalForRead.readPool) {
    const pool = createPool(env.DATABASE_URL, {
      application_name: "billing-console-read",
      max: 10,
      allowExitOnIdle: true,
      connectionTimeoutMillis: 15_000,
      statement_timeout: 30_000,
      types: { getTypeParser: prismaTypeParser as typeof pg.types.getTypeParser },
    });
    // An idle connection the server closes must not take the process down: the pool drops it
    // and opens a new one when next asked.
    pool.on("error", (error) => logFor("db-read").warn(errorFields(error), "an idle database connection failed"));
    globalForRead.readPool = pool;
  }
  return globalForRead.readPool;
}

/**
 * Runs one read-only statement built with Prisma.sql; typed like $queryRaw (T is the row array).
 *
 * Prepared by default: each connection parses and plans a statement once (named by its text,
 * so a filter's variants are separate statements) instead of on every request. The invoice
 * page's read spent about 1.3 ms of the database's CPU per request on that. A statement whose
 * best plan depends on its values (a LIKE pattern that one text makes selective and another
 * not) passes `prepared: false`, so it is planned for each call's values.
 */
export async function readRows<T extends unknown[]>(
  query: Prisma.Sql,
  { prepared = true }: { prepared?: boolean } = {},
): Promise<T> {
  const text = query.text;
  const values = query.values.map(parameter);
  const result = prepared
    ? await readPool().query({ name: statementName(text), text, values })
    : await readPool().query(text, values);
  return result.rows as T;
}

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `read_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** Closes the read connections (a script about to stop its database calls this first). */
export async function endReadPool() {
  const pool = globalForRead.readPool;
  globalForRead.readPool = undefined;
  await pool?.end();
}
