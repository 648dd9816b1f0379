// Writes one audit event inside the caller's transaction, so a state change and its audit
// event commit or roll back together. Events are chained (see hash-chain.ts); the advisory
// lock serialises writers for the chain's tail until the transaction ends.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
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
  const [last] = await tx.$queryRaw<Array<{ seq: bigint; hash: string }>>`SELECT seq, hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`;
  const event = nextChainedEvent(input, last ?? null);
  const json = (v: Prisma.InputJsonValue | null) => (v === null ? null : JSON.stringify(v));
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (seq, "occurredAt", "actorId", "actorEmail", action, "targetType", "targetId", outcome, reason, ip, "userAgent", before, after, metadata, "prevHash", hash)
    VALUES (${event.seq}, ${event.occurredAt}, ${event.actorId}::uuid, ${event.actorEmail}, ${event.action}, ${event.targetType}, ${event.targetId}, ${event.outcome}::"AuditOutcome",
            ${event.reason}, ${event.ip}, ${event.userAgent}, ${json(event.before)}::jsonb, ${json(event.after)}::jsonb, ${json(event.metadata)}::jsonb, ${event.prevHash}, ${event.hash})`;
  return { seq: event.seq, hash: event.hash };
}

/** For events with no state change of their own (a refusal, a sign-in): its own transaction. */
/** Several events at once, chained in the given order, in the caller's transaction. */
export async function recordAuditEvents(tx: Tx, inputs: AuditEventInput[]): Promise<void> {
  if (!inputs.length) return;
  await tx.$executeRawUnsafe(AUDIT_CHAIN_LOCK_SQL);
  let last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const jsonOrNull = (v: Prisma.InputJsonValue | null) => (v === null ? undefined : v);
  const events = inputs.map((input) => {
    const event = nextChainedEvent(input, last);
    last = { seq: event.seq, hash: event.hash };
    return { ...event, before: jsonOrNull(event.before), after: jsonOrNull(event.after), metadata: jsonOrNull(event.metadata) };
  });
  await tx.auditEvent.createMany({ data: events });
}

export function recordAuditEventNow(input: AuditEventInput) {
  // Refusals and reads are recorded on their own; under a burst they queue for a pooled
  // connection behind the chain's lock, so wait longer than Prisma's 2 s default for one.
  return db.$transaction((tx) => recordAuditEvent(tx, input), { maxWait: 15_000, timeout: 15_000 });
}
