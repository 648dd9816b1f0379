// Sign-in throttling, per account and per client address, in PostgreSQL so that every console
// instance sees the same counts. An account (its e-mail) with 10 failed sign-ins in a row (a
// success starts the count again; a day without failures forgets it) is locked for 30 minutes;
// an address with 30 failures within 15 minutes is refused for 15 minutes, whichever accounts
// it tried, so guessing across many accounts is slowed too. While locked, sign-in is refused
// even with the right credentials. Locks and unlocks are audit events: a lock when it starts,
// an unlock when an admin lifts it or, once it has passed, at the next sign-in attempt or the
// scheduled job sweep-sign-in-locks, whichever comes first — like access grants, which expire by
// themselves.
import { db, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

export const THROTTLE = {
  account: { limit: 10, windowMs: 24 * 3_600_000, lockMs: 30 * 60_000 },
  address: { limit: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

type Kind = keyof typeof THROTTLE;

export interface SignInSubject {
  /** The account's e-mail (lower-cased here); null when the attempt named no known account. */
  account: string | null;
  /** The client's address (lib/http/request-facts); null when unknown. */
  address: string | null;
  userAgent?: string | null;
}

export type ThrottleRefusal = "account-locked" | "address-throttled";

export type ThrottleCheck = { blocked: false } | { blocked: true; reason: ThrottleRefusal; until: Date };

const SYSTEM = "system:sign-in-throttle";

function keysOf(subject: SignInSubject): Array<{ kind: Kind; key: string; id: string }> {
  const keys: Array<{ kind: Kind; key: string; id: string }> = [];
  const account = subject.account?.trim().toLowerCase();
  if (account) keys.push({ kind: "account", key: `account:${account}`, id: account });
  if (subject.address) keys.push({ kind: "address", key: `address:${subject.address}`, id: subject.address });
  return keys;
}

interface Row {
  key: string;
  failures: number;
  firstFailureAt: Date;
  lastFailureAt: Date;
  lockedAt: Date | null;
  lockedUntil: Date | null;
  unlockRecorded: boolean;
}

const target = (kind: Kind, id: string) => ({ type: kind === "account" ? "sign-in-account" : "sign-in-address", id });

/** Records the end of a lock that has passed (once, whoever looks first). In the caller's transaction. */
async function recordPassedLock(tx: Tx, kind: Kind, key: string, id: string, now: Date, ip: string | null) {
  const ended = await tx.$queryRaw<Array<{ key: string }>>`
    UPDATE "SignInThrottle" SET "unlockRecorded" = true, failures = 0, "lockedAt" = NULL, "lockedUntil" = NULL
    WHERE key = ${key} AND NOT "unlockRecorded" AND "lockedUntil" <= ${now}
    RETURNING key`;
  if (ended.length === 0) return;
  await recordAuditEvent(tx, {
    actor: { id: null, email: SYSTEM, ip },
    action: "auth.sign-in-unlocked",
    target: target(kind, id),
    reason: "expired",
  });
}

/** Whether this account and address may try to sign in now. Run before checking credentials. */
export async function checkSignInThrottle(subject: SignInSubject, now = new Date()): Promise<ThrottleCheck> {
  const keys = keysOf(subject);
  if (keys.length === 0) return { blocked: false };
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  let refusal: ThrottleCheck = { blocked: false };
  for (const { kind, key, id } of keys) {
    const row = rows.find((r) => r.key === key);
    if (!row?.lockedUntil) continue;
    if (row.lockedUntil > now) {
      // The account's lock wins over the address's: it says more to the person.
      if (!refusal.blocked || kind === "account")
        refusal = {
          blocked: true,
          reason: kind === "account" ? "account-locked" : "address-throttled",
          until: row.lockedUntil,
        };
    } else if (!row.unlockRecorded) {
      await db.$transaction((tx) => recordPassedLock(tx, kind, key, id, now, subject.address));
    }
  }
  return refusal;
}

// Failures of one key take turns on its row, each holding a connection meanwhile: a burst of
// them (a guessing script) queues for the pool longer than Prisma's default two seconds.
const BURST = { maxWait: 15_000, timeout: 15_000 };

/** Counts a failed sign-in against the account and the address; locks whichever reaches its limit. */
export async function recordSignInFailure(subject: SignInSubject, now = new Date()): Promise<void> {
  for (const { kind, key, id } of keysOf(subject)) {
    const rule = THROTTLE[kind];
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "SignInThrottle" (key, failures, "firstFailureAt", "lastFailureAt")
        VALUES (${key}, 0, ${now}, ${now}) ON CONFLICT (key) DO NOTHING`;
      // The row lock serialises concurrent failures of one key across instances.
      const [row] = await tx.$queryRaw<Row[]>`SELECT * FROM "SignInThrottle" WHERE key = ${key} FOR UPDATE`;
      if (!row) return;
      if (row.lockedUntil && row.lockedUntil > now) {
        await tx.$executeRaw`UPDATE "SignInThrottle" SET "lastFailureAt" = ${now} WHERE key = ${key}`;
        return;
      }
      if (row.lockedUntil && !row.unlockRecorded) await recordPassedLock(tx, kind, key, id, now, subject.address);
      // An account counts failures in a row (forgotten after a quiet day); an address within its window.
      const since = kind === "account" ? row.lastFailureAt : row.firstFailureAt;
      const fresh = row.lockedUntil !== null || now.getTime() - since.getTime() > rule.windowMs || row.failures === 0;
      const failures = (fresh ? 0 : row.failures) + 1;
      const lock = failures >= rule.limit;
      const lockedUntil = lock ? new Date(now.getTime() + rule.lockMs) : null;
      await tx.$executeRaw`
        UPDATE "SignInThrottle"
        SET failures = ${lock ? 0 : failures}, "firstFailureAt" = ${fresh ? now : row.firstFailureAt},
            "lastFailureAt" = ${now}, "lockedAt" = ${lock ? now : null}, "lockedUntil" = ${lockedUntil},
            "unlockRecorded" = ${!lock}
        WHERE key = ${key}`;
      if (lock) {
        await recordAuditEvent(tx, {
          actor: { id: null, email: SYSTEM, ip: subject.address, userAgent: subject.userAgent ?? null },
          action: "auth.sign-in-locked",
          target: target(kind, id),
          outcome: "REFUSED",
          reason: `${failures} failed sign-ins`,
          metadata: { until: lockedUntil?.toISOString(), limit: rule.limit, lockMinutes: rule.lockMs / 60_000 },
        });
      }
    }, BURST);
  }
}

/** A successful sign-in starts the account's count again (an address's count stands). */
export async function recordSignInSuccess(subject: SignInSubject): Promise<void> {
  const account = keysOf(subject).find((k) => k.kind === "account");
  if (!account) return;
  await db.$executeRaw`
    DELETE FROM "SignInThrottle" WHERE key = ${account.key} AND "lockedUntil" IS NULL AND "unlockRecorded"`;
}

/** Records the end of every lock that has passed (the scheduled job sweep-sign-in-locks). */
export async function sweepPassedSignInLocks(now = new Date()): Promise<number> {
  const passed = await db.signInThrottle.findMany({
    where: { unlockRecorded: false, lockedUntil: { lte: now } },
    select: { key: true },
  });
  for (const { key } of passed) {
    const kind: Kind = key.startsWith("account:") ? "account" : "address";
    await db.$transaction((tx) => recordPassedLock(tx, kind, key, key.slice(kind.length + 1), now, null));
  }
  return passed.length;
}

/** The accounts locked now, by e-mail, with their end (for the admin users page). */
export async function lockedAccounts(now = new Date()): Promise<Map<string, Date>> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { startsWith: "account:" }, lockedUntil: { gt: now } },
    select: { key: true, lockedUntil: true },
  });
  return new Map(rows.map((r) => [r.key.slice("account:".length), r.lockedUntil as Date]));
}

/** An admin lifts an account's lock before it ends by itself. */
export async function unlockSignIn({ actor, email }: { actor: Actor; email: string }) {
  const account = email.trim().toLowerCase();
  const key = `account:${account}`;
  return withRefusalAudit(actor, "auth.sign-in-unlocked", target("account", account), async () => {
    assertAllowed(actor, "admin.users");
    return db.$transaction(async (tx) => {
      const lifted = await tx.$queryRaw<Array<{ key: string }>>`
        UPDATE "SignInThrottle" SET "unlockRecorded" = true, failures = 0, "lockedAt" = NULL, "lockedUntil" = NULL
        WHERE key = ${key} AND "lockedUntil" > now()
        RETURNING key`;
      if (lifted.length === 0) return { unlocked: false };
      await recordAuditEvent(tx, {
        actor,
        action: "auth.sign-in-unlocked",
        target: target("account", account),
        reason: "admin",
      });
      return { unlocked: true };
    });
  });
}
