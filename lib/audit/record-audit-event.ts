// Writes one audit event inside the caller's transaction, so a state change and its audit
// event commit or roll back together. Events are chained (see hash-chain.ts); the advisory
// lock serialises writers for the chain's tail until the transaction ends.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type pg from "pg";
import { createPool } from "@/lib/db-pool";
import { env } from "@/lib/env";
import { errorFields, logFor } from "@/lib/log/logger";
import { GENESIS_HASH, chainHash } from "./hash-chain";

/**
 * The audit chain's lock, as SQL both writers run verbatim (a literal bigint: a bound
 * parameter's type differs between Prisma and pg, and so would the lock it names).
 */
export const AUDIT_CHAIN_LOCK_SQL = "SELECT pg_advisory_xact_lock(7314001::bigint)";

export type AuditOutcome = "SUCCESS" | "REFUSED" | "FAILURE";

export interface AuditActor {
  id: string | null;
  email: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEventInput {
  actor: AuditActor | null;
  action: string;
  target?: { type: string; id: string } | null;
  outcome?: AuditOutcome;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  metadata?: unknown;
}

/** JSON-safe copy: bigint and Decimal become strings, Dates ISO strings, undefined dropped. */
export function toAuditJson(value: unknown): Prisma.InputJsonValue | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(
    JSON.stringify(value, (_key, v) => {
      if (typeof v === "bigint") return v.toString();
      if (v && typeof v === "object" && "toFixed" in v && "d" in v && "e" in v) return String(v);
      return v;
    }),
  ) as Prisma.InputJsonValue;
}

/** The next event of the chain after `last` (null: the first), with its hash. Shared by both writers. */
export function nextChainedEvent(input: AuditEventInput, last: { seq: bigint; hash: string } | null) {
  const fields = {
    seq: (last?.seq ?? 0n) + 1n,
    // Millisecond precision: the column keeps exactly what was hashed.
    occurredAt: new Date(),
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    outcome: input.outcome ?? "SUCCESS",
    reason: input.reason ?? null,
    ip: input.actor?.ip ?? null,
    userAgent: input.actor?.userAgent ?? null,
    before: toAuditJson(input.before),
    after: toAuditJson(input.after),
    metadata: toAuditJson(input.metadata),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  return { ...fields, prevHash, hash: chainHash(prevHash, fields) };
}

export async function recordAuditEvent(tx: Tx, input: AuditEventInput): Promise<{ seq: bigint; hash: string }> {
  // Plain SQL while the chain's lock is held: every writer waits for it, so the less work
  // (and the fewer event-loop turns) between taking it and committing, the better.
  await tx.$executeRawUnsafe(AUDIT_CHAIN_LOCK_SQL);
  const [last] = await tx.$queryRaw<
    Array<{ seq: bigint; hash: string }>
  >`SELECT seq, hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`;
  const event = nextChainedEvent(input, last ?? null);
  const json = (v: Prisma.InputJsonValue | null) => (v === null ? null : JSON.stringify(v));
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (seq, "occurredAt", "actorId", "actorEmail", action, "targetType", "targetId", outcome,
                              reason, ip, "userAgent", before, after, metadata, "prevHash", hash)
    VALUES (${event.seq}, ${event.occurredAt}, ${event.actorId}::uuid, ${event.actorEmail}, ${event.action},
            ${event.targetType}, ${event.targetId}, ${event.outcome}::"AuditOutcome",
            ${event.reason}, ${event.ip}, ${event.userAgent},
            ${json(event.before)}::jsonb, ${json(event.after)}::jsonb, ${json(event.metadata)}::jsonb,
            ${event.prevHash}, ${event.hash})`;
  return { seq: event.seq, hash: event.hash };
}

/** Several events at once, chained in the given order, in the caller's transaction. */
export async function recordAuditEvents(tx: Tx, inputs: AuditEventInput[]): Promise<void> {
  if (!inputs.length) return;
  await tx.$executeRawUnsafe(AUDIT_CHAIN_LOCK_SQL);
  let last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const jsonOrNull = (v: Prisma.InputJsonValue | null) => (v === null ? undefined : v);
  const events = inputs.map((input) => {
    const event = nextChainedEvent(input, last);
    last = { seq: event.seq, hash: event.hash };
    return {
      ...event,
      before: jsonOrNull(event.before),
      after: jsonOrNull(event.after),
      metadata: jsonOrNull(event.metadata),
    };
  });
  await tx.auditEvent.createMany({ data: events });
}

/**
 * For events with no state change of their own (a refusal, a read, a sign-in): its own
 * transaction, on a small pool of plain pg connections. Every writer waits for the chain's
 * lock, so this holds it for as little as possible: one round trip takes the lock and reads
 * the chain's tail (each statement sees what committed before it, so the tail read after the
 * lock is current), the next inserts the event and commits, releasing the lock. Through
 * Prisma's interactive transaction it took five round trips, each waiting for a busy event
 * loop while every other writer queued.
 */
export async function recordAuditEventNow(input: AuditEventInput): Promise<{ seq: bigint; hash: string }> {
  const client = await auditPool().connect();
  try {
    const results = (await client.query(
      `BEGIN; ${AUDIT_CHAIN_LOCK_SQL};
       SELECT seq::text AS seq, hash FROM "AuditEvent" ORDER BY "AuditEvent".seq DESC LIMIT 1`,
    )) as unknown as pg.QueryResult<{ seq: string; hash: string }>[];
    // Three statements, three results; the tail is the third's only row (none on an empty chain).
    const tailResult = results[2];
    if (!tailResult) throw new Error("audit: the chain's tail read returned no result");
    const tail = tailResult.rows[0];
    const e = nextChainedEvent(input, tail ? { seq: BigInt(tail.seq), hash: tail.hash } : null);
    const lit = (v: string | null) => (v === null ? "NULL" : client.escapeLiteral(v));
    const json = (v: Prisma.InputJsonValue | null) =>
      v === null ? "NULL" : `${client.escapeLiteral(JSON.stringify(v))}::jsonb`;
    await client.query(
      `INSERT INTO "AuditEvent" (seq, "occurredAt", "actorId", "actorEmail", action, "targetType", "targetId", outcome,
                                 reason, ip, "userAgent", before, after, metadata, "prevHash", hash)
       VALUES (${e.seq.toString()}, ${lit(e.occurredAt.toISOString())}::timestamptz, ${lit(e.actorId)}::uuid,
               ${lit(e.actorEmail)}, ${lit(e.action)}, ${lit(e.targetType)}, ${lit(e.targetId)},
               ${lit(e.outcome)}::"AuditOutcome", ${lit(e.reason)}, ${lit(e.ip)}, ${lit(e.userAgent)},
               ${json(e.before)}, ${json(e.after)}, ${json(e.metadata)}, ${lit(e.prevHash)}, ${lit(e.hash)});
       COMMIT`,
    );
    client.release();
    return { seq: e.seq, hash: e.hash };
  } catch (error) {
    // Roll back whatever is open; a connection that cannot even do that is discarded.
    const broken = await client.query("ROLLBACK").then(
      () => false,
      () => true,
    );
    client.release(broken);
    throw error;
  }
}

// A few connections are enough: writers serialise on the chain's lock anyway, and waiting for
// a connection (before taking the lock) costs the others nothing. Idle connections do not keep
// a command-line process alive. Exported for writers that add their own statements to the
// event's transaction (record-refused-request.ts).
const globalForAudit = globalThis as unknown as { auditPool?: pg.Pool };
export function auditPool(): pg.Pool {
  if (!globalForAudit.auditPool) {
    const pool = createPool(env.DATABASE_URL, {
      application_name: "billing-audit-writer",
      max: 4,
      allowExitOnIdle: true,
      connectionTimeoutMillis: 15_000,
      statement_timeout: 15_000,
    });
    // An idle connection the server closes (a restart, an administrator) must not take the
    // process down: the pool drops it and opens a new one when next asked.
    pool.on("error", (error) => logFor("audit").warn(errorFields(error), "an idle database connection failed"));
    globalForAudit.auditPool = pool;
  }
  return globalForAudit.auditPool;
}

/** Closes the audit writer's connections (a script about to stop its database calls this first). */
export async function endAuditWriter() {
  const pool = globalForAudit.auditPool;
  globalForAudit.auditPool = undefined;
  await pool?.end();
}
