// Server-side sessions behind the JWT: the token only names a session row; whether it is
// still valid (idle 15 min, absolute 12 h, signed out, user deactivated) is decided here,
// and roles come from the user row on every request.
import { db, type Tx } from "@/lib/db";
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { recordAuditEvent, recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import type { Role } from "@/lib/generated/prisma/enums";
import { UUID } from "@/lib/uuid";

const TOUCH_INTERVAL_MS = 30_000;

export const SESSION_IDLE_MS = env.SESSION_IDLE_MINUTES * 60_000;
export const SESSION_MAX_MS = env.SESSION_MAX_HOURS * 3_600_000;

export async function openSession(input: {
  userId: string;
  provider: string;
  ip?: string | null;
  userAgent?: string | null;
}) {
  const now = new Date();
  const session = await db.authSession.create({
    data: {
      userId: input.userId,
      provider: input.provider,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
    },
  });
  await db.user.update({ where: { id: input.userId }, data: { lastSignInAt: now } });
  return session;
}

export type SessionCheck =
  | { ok: true; actor: Actor; sessionId: string }
  | { ok: false; reason: "missing" | "ended" | "idle" | "absolute" | "inactive" };

/** Loads the session and its user; ends it (with an audit event) when it has expired. */
export async function checkSession(
  sessionId: string,
  origin: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<SessionCheck> {
  // Runs on every request: one plain query for the session and its user (no query compiler).
  if (!UUID.test(sessionId)) return { ok: false, reason: "missing" };
  const [session] = await readRows<
    Array<{
      expiresAt: Date;
      lastSeenAt: Date;
      endedAt: Date | null;
      userId: string;
      email: string;
      name: string;
      roles: Role[];
      active: boolean;
    }>
  >(Prisma.sql`
    SELECT s."expiresAt", s."lastSeenAt", s."endedAt", u.id::text AS "userId", u.email, u.name,
      u.roles::text[] AS roles, u.active
    FROM "AuthSession" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId}::uuid`);
  if (!session) return { ok: false, reason: "missing" };
  if (session.endedAt) return { ok: false, reason: "ended" };
  const user = {
    id: session.userId,
    email: session.email,
    name: session.name,
    roles: session.roles,
    active: session.active,
  };
  const expiry: "idle" | "absolute" | "inactive" | null = !user.active
    ? "inactive"
    : now.getTime() >= session.expiresAt.getTime()
      ? "absolute"
      : now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS
        ? "idle"
        : null;
  if (expiry) {
    await endSession(sessionId, `expired:${expiry}`, { id: user.id, email: user.email, ...origin });
    return { ok: false, reason: expiry };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.authSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  return {
    ok: true,
    sessionId,
    actor: { id: user.id, email: user.email, name: user.name, roles: user.roles, ...origin },
  };
}

/** Ends a session once; the audit event is written only by whoever ended it. */
export async function endSession(
  sessionId: string,
  reason: string,
  actor: { id: string; email: string; ip?: string | null; userAgent?: string | null },
) {
  const { count } = await db.authSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
  if (count === 1) {
    await recordAuditEventNow({
      actor,
      action: reason === "sign-out" ? "auth.sign-out" : "auth.session-expired",
      target: { type: "session", id: sessionId },
      reason,
    });
  }
}

/**
 * Ends every active session of a user (signing out everywhere, deactivation, a removed role, an
 * admin's "end sessions") in the caller's transaction; the caller records the audit event.
 * Returns the ids it ended.
 */
export async function endUserSessionsIn(tx: Tx, userId: string, reason: string): Promise<string[]> {
  const ended = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "AuthSession" SET "endedAt" = now(), "endReason" = ${reason}
    WHERE "userId" = ${userId}::uuid AND "endedAt" IS NULL
    RETURNING id::text`;
  return ended.map((s) => s.id).sort();
}

/**
 * Signing out ends every session of the person, not only the one in this browser: a session
 * left open on another machine is exactly what signing out should close.
 */
export async function signOutEverywhere(
  sessionId: string,
  actor: { id: string; email: string; ip?: string | null; userAgent?: string | null },
) {
  await db.$transaction(async (tx) => {
    const ended = await endUserSessionsIn(tx, actor.id, "sign-out");
    if (ended.length === 0) return;
    await recordAuditEvent(tx, {
      actor,
      action: "auth.sign-out",
      target: { type: "session", id: sessionId },
      reason: "sign-out",
      metadata: { sessionsEnded: ended },
    });
  });
}
