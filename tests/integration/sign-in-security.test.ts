// Sessions end everywhere at once (sign-out, deactivation, a removed role, an admin's button),
// and sign-in is throttled per account and per client address in PostgreSQL, so every console
// instance sees the same counts; locks and unlocks are audit events.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkSession, openSession, signOutEverywhere } from "@/lib/auth/sessions";
import {
  checkSignInThrottle,
  lockedAccounts,
  recordSignInFailure,
  recordSignInSuccess,
  sweepPassedSignInLocks,
  THROTTLE,
  unlockSignIn,
} from "@/lib/auth/sign-in-throttle";
import { endUserSessions } from "@/lib/users/end-user-sessions";
import { updateUserAccess } from "@/lib/users/update-user-access";
import { syncOidcUser } from "@/lib/users/sync-oidc-user";
import { actorOf, createUser, uniqueSuffix } from "../support/db";

const origin = { ip: "198.51.100.7", userAgent: "vitest" };

async function openSessions(userId: string, n: number) {
  const sessions = [];
  for (let i = 0; i < n; i++) sessions.push(await openSession({ userId, provider: "demo" }));
  return sessions;
}

async function alive(ids: string[]) {
  const results = await Promise.all(ids.map((id) => checkSession(id, origin)));
  return results.filter((r) => r.ok).length;
}

/** The refusals an actor's command left in the audit log for a target. */
const refusalsOf = (actorId: string, action: string, targetId: string) =>
  db.auditEvent.findMany({ where: { actorId, action, targetId, outcome: "REFUSED" }, orderBy: { seq: "asc" } });

const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}:${uniqueSuffix()}`;

describe("ending sessions", () => {
  it("signing out ends every session of the person, in one audit event", async () => {
    const user = await createUser(["FINANCE"]);
    const other = await createUser(["FINANCE"]);
    const sessions = await openSessions(user.id, 3);
    const [untouched] = await openSessions(other.id, 1);
    await signOutEverywhere(sessions[0]!.id, { id: user.id, email: user.email, ...origin });
    expect(await alive(sessions.map((s) => s.id))).toBe(0);
    expect(await alive([untouched!.id])).toBe(1);
    const events = await db.auditEvent.findMany({ where: { action: "auth.sign-out", actorId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ targetId: sessions[0]!.id, ip: origin.ip });
    expect((events[0]!.metadata as { sessionsEnded: string[] }).sessionsEnded).toEqual(
      sessions.map((s) => s.id).sort(),
    );
    const ended = await db.authSession.findMany({ where: { userId: user.id } });
    expect(ended.map((s) => s.endReason)).toEqual(["sign-out", "sign-out", "sign-out"]);
  });

  it("removing a role ends every session; adding one does not", async () => {
    const admin = actorOf(await createUser(["ADMIN"]));
    const user = await createUser(["FINANCE", "MANAGER"]);
    const sessions = await openSessions(user.id, 2);
    await updateUserAccess({ actor: admin, userId: user.id, roles: ["FINANCE", "MANAGER", "SUPPORT"], active: true });
    expect(await alive(sessions.map((s) => s.id))).toBe(2);
    await updateUserAccess({ actor: admin, userId: user.id, roles: ["FINANCE", "SUPPORT"], active: true });
    expect(await alive(sessions.map((s) => s.id))).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.access-changed", targetId: user.id },
      orderBy: { seq: "desc" },
    });
    expect(event.metadata).toMatchObject({ endReason: "roles-removed" });
    expect((event.metadata as { sessionsEnded: string[] }).sessionsEnded).toHaveLength(2);
    expect((await db.authSession.findFirstOrThrow({ where: { id: sessions[0]!.id } })).endReason).toBe("roles-removed");
  });

  it("deactivating a user ends every session", async () => {
    const admin = actorOf(await createUser(["ADMIN"]));
    const user = await createUser(["SUPPORT"]);
    const sessions = await openSessions(user.id, 2);
    await updateUserAccess({ actor: admin, userId: user.id, roles: ["SUPPORT"], active: false });
    expect(await alive(sessions.map((s) => s.id))).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.access-changed", targetId: user.id },
    });
    expect(event.metadata).toMatchObject({ endReason: "deactivated" });
  });

  it("an admin ends a user's sessions, audited; anyone else is refused", async () => {
    const admin = actorOf(await createUser(["ADMIN"]));
    const manager = actorOf(await createUser(["MANAGER"]));
    const user = await createUser(["FINANCE"]);
    const sessions = await openSessions(user.id, 2);
    await expect(endUserSessions({ actor: manager, userId: user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await alive(sessions.map((s) => s.id))).toBe(2);
    expect(await refusalsOf(manager.id, "user.sessions-ended", user.id)).toEqual([
      expect.objectContaining({ targetType: "user", metadata: { rule: "role", params: { roles: "ADMIN" } } }),
    ]);
    expect(await endUserSessions({ actor: admin, userId: user.id })).toEqual({ ended: 2 });
    expect(await alive(sessions.map((s) => s.id))).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.sessions-ended", targetId: user.id, outcome: "SUCCESS" },
    });
    expect(event.actorId).toBe(admin.id);
    expect((event.metadata as { sessionsEnded: string[] }).sessionsEnded).toEqual(sessions.map((s) => s.id).sort());
    expect(await endUserSessions({ actor: admin, userId: user.id })).toEqual({ ended: 0 });
  });
});

describe("an admin's refusals are audited and change nothing", () => {
  it("a non-admin changing a user's access", async () => {
    const finance = actorOf(await createUser(["FINANCE"]));
    const user = await createUser(["SUPPORT"]);
    const [session] = await openSessions(user.id, 1);
    await expect(
      updateUserAccess({ actor: finance, userId: user.id, roles: ["ADMIN"], active: false }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      roles: ["SUPPORT"],
      active: true,
    });
    expect(await alive([session!.id])).toBe(1);
    const refusals = await refusalsOf(finance.id, "user.access-changed", user.id);
    expect(refusals).toEqual([
      expect.objectContaining({ targetType: "user", metadata: { rule: "role", params: { roles: "ADMIN" } } }),
    ]);
    expect(refusals[0]!.reason).toMatch(/^role: /);
    expect(await db.auditEvent.count({ where: { targetId: user.id, outcome: "SUCCESS" } })).toBe(0);
  });

  it("an admin removing their own admin role or deactivating themselves", async () => {
    const admin = await createUser(["ADMIN"]);
    await expect(
      updateUserAccess({ actor: actorOf(admin), userId: admin.id, roles: ["FINANCE"], active: true }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(
      updateUserAccess({ actor: actorOf(admin), userId: admin.id, roles: ["ADMIN"], active: false }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      roles: ["ADMIN"],
      active: true,
    });
    const refusals = await refusalsOf(admin.id, "user.access-changed", admin.id);
    expect(refusals.map((e) => e.metadata)).toEqual([{ rule: "own-admin" }, { rule: "own-admin" }]);
    expect(refusals.every((e) => e.reason?.startsWith("own-admin: "))).toBe(true);
  });
});

describe("an OIDC sign-in syncs roles from the provider's groups", () => {
  const events = (userId: string) =>
    db.auditEvent.findMany({ where: { action: "user.access-changed", targetId: userId }, orderBy: { seq: "asc" } });

  it("a new user, an unchanged sign-in and a removed group: each change audited once, sessions ended", async () => {
    const subject = `oidc-${uniqueSuffix()}`;
    const email = `${subject}@example.test`;
    const first = await syncOidcUser({ subject, email, name: "Oidc Person", roles: ["MANAGER", "FINANCE"], origin });
    expect(first.kind).toBe("synced");
    expect(await events(first.userId)).toMatchObject([
      { before: null, after: { roles: ["FINANCE", "MANAGER"], active: true }, ip: origin.ip },
    ]);

    // The same groups again: nothing changed, nothing recorded.
    await syncOidcUser({ subject, email, name: "Oidc Person", roles: ["FINANCE", "MANAGER"], origin });
    expect(await events(first.userId)).toHaveLength(1);

    const sessions = await openSessions(first.userId, 2);
    await syncOidcUser({ subject, email, name: "Oidc Person", roles: ["FINANCE"], origin });
    expect(await alive(sessions.map((s) => s.id))).toBe(0);
    const [, removal] = await events(first.userId);
    expect(removal).toMatchObject({
      before: { roles: ["FINANCE", "MANAGER"] },
      after: { roles: ["FINANCE"] },
      metadata: { by: "identity provider groups", endReason: "roles-removed", removedRoles: ["MANAGER"] },
    });
    expect((removal!.metadata as { sessionsEnded: string[] }).sessionsEnded).toHaveLength(2);
    expect((await db.user.findUniqueOrThrow({ where: { id: first.userId } })).roles).toEqual(["FINANCE"]);
  });

  it("an inactive user is refused and left as it was", async () => {
    const admin = actorOf(await createUser(["ADMIN"]));
    const user = await createUser(["SUPPORT"]);
    await updateUserAccess({ actor: admin, userId: user.id, roles: ["SUPPORT"], active: false });
    const synced = await syncOidcUser({
      subject: `oidc-${uniqueSuffix()}`,
      email: user.email,
      name: null,
      roles: ["ADMIN"],
      origin,
    });
    expect(synced).toEqual({ kind: "inactive", userId: user.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(["SUPPORT"]);
  });
});

describe("sign-in throttling", () => {
  it(`locks an account for 30 minutes after ${THROTTLE.account.limit} failures in a row, unlocks it once`, async () => {
    const email = `Locked-${uniqueSuffix()}@Test.Local`;
    const subject = { account: email, address: null };
    const t0 = new Date();
    for (let i = 0; i < THROTTLE.account.limit - 1; i++) await recordSignInFailure(subject, t0);
    expect(await checkSignInThrottle(subject, t0)).toEqual({ blocked: false });
    await recordSignInFailure(subject, t0);
    const until = new Date(t0.getTime() + 30 * 60_000);
    // Locked whatever the credentials: the check comes first.
    expect(await checkSignInThrottle(subject, new Date(t0.getTime() + 29 * 60_000))).toEqual({
      blocked: true,
      reason: "account-locked",
      until,
    });
    const key = email.toLowerCase();
    const locks = await db.auditEvent.findMany({ where: { action: "auth.sign-in-locked", targetId: key } });
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ targetType: "sign-in-account", outcome: "REFUSED", reason: "10 failed sign-ins" });
    // Failures while locked do not extend the lock.
    await recordSignInFailure(subject, new Date(t0.getTime() + 10 * 60_000));
    expect((await lockedAccounts(t0)).get(key)).toEqual(until);

    const later = new Date(until.getTime() + 1000);
    expect(await checkSignInThrottle(subject, later)).toEqual({ blocked: false });
    expect(await checkSignInThrottle(subject, later)).toEqual({ blocked: false });
    const unlocks = await db.auditEvent.findMany({ where: { action: "auth.sign-in-unlocked", targetId: key } });
    expect(unlocks).toHaveLength(1);
    expect(unlocks[0]?.reason).toBe("expired");
    // The count starts again after a lock.
    await recordSignInFailure(subject, later);
    expect(await checkSignInThrottle(subject, later)).toEqual({ blocked: false });
  });

  it("a successful sign-in starts the account's count again", async () => {
    const subject = { account: `ok-${uniqueSuffix()}@test.local`, address: null };
    for (let i = 0; i < THROTTLE.account.limit - 1; i++) await recordSignInFailure(subject);
    await recordSignInSuccess(subject);
    for (let i = 0; i < THROTTLE.account.limit - 1; i++) await recordSignInFailure(subject);
    expect(await checkSignInThrottle(subject)).toEqual({ blocked: false });
  });

  it("throttles an address trying many accounts, however few failures each", async () => {
    const ip = address();
    const t0 = new Date();
    for (let i = 0; i < THROTTLE.address.limit; i++) {
      await recordSignInFailure({ account: `spray-${i}-${uniqueSuffix()}@test.local`, address: ip }, t0);
    }
    expect(await checkSignInThrottle({ account: `fresh-${uniqueSuffix()}@test.local`, address: ip }, t0)).toEqual({
      blocked: true,
      reason: "address-throttled",
      until: new Date(t0.getTime() + THROTTLE.address.lockMs),
    });
    expect(await checkSignInThrottle({ account: null, address: "192.0.2.200" }, t0)).toEqual({ blocked: false });
    const lock = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sign-in-locked", targetId: ip } });
    expect(lock.targetType).toBe("sign-in-address");
  });

  it("spreads over time: failures outside the address's window do not add up", async () => {
    const ip = address();
    const t0 = Date.now();
    for (let i = 0; i < THROTTLE.address.limit; i++) {
      // One failure a minute: never 30 within 15 minutes.
      await recordSignInFailure({ account: null, address: ip }, new Date(t0 + i * 60_000));
    }
    expect(await checkSignInThrottle({ account: null, address: ip }, new Date(t0 + 30 * 60_000))).toEqual({
      blocked: false,
    });
  });

  it("concurrent failures from several instances lock exactly once", async () => {
    const email = `race-${uniqueSuffix()}@test.local`;
    await Promise.all(
      Array.from({ length: 3 * THROTTLE.account.limit }, () => recordSignInFailure({ account: email, address: null })),
    );
    expect(await db.auditEvent.count({ where: { action: "auth.sign-in-locked", targetId: email } })).toBe(1);
    expect((await checkSignInThrottle({ account: email, address: null })).blocked).toBe(true);
  });

  it("an admin lifts a lock early, audited; others may not; the sweep records passed locks", async () => {
    const admin = actorOf(await createUser(["ADMIN"]));
    const support = actorOf(await createUser(["SUPPORT"]));
    const email = `unlock-${uniqueSuffix()}@test.local`;
    for (let i = 0; i < THROTTLE.account.limit; i++) await recordSignInFailure({ account: email, address: null });
    await expect(unlockSignIn({ actor: support, email })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await checkSignInThrottle({ account: email, address: null })).blocked).toBe(true);
    expect(await refusalsOf(support.id, "auth.sign-in-unlocked", email)).toEqual([
      expect.objectContaining({
        targetType: "sign-in-account",
        metadata: { rule: "role", params: { roles: "ADMIN" } },
      }),
    ]);
    expect(await unlockSignIn({ actor: admin, email: email.toUpperCase() })).toEqual({ unlocked: true });
    expect(await checkSignInThrottle({ account: email, address: null })).toEqual({ blocked: false });
    const unlock = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sign-in-unlocked", targetId: email, outcome: "SUCCESS" },
    });
    expect(unlock).toMatchObject({ actorId: admin.id, reason: "admin" });
    expect(await unlockSignIn({ actor: admin, email })).toEqual({ unlocked: false });

    const passed = `passed-${uniqueSuffix()}@test.local`;
    const long = new Date(Date.now() - 2 * 3_600_000);
    for (let i = 0; i < THROTTLE.account.limit; i++)
      await recordSignInFailure({ account: passed, address: null }, long);
    expect(await sweepPassedSignInLocks()).toBeGreaterThanOrEqual(1);
    expect(await db.auditEvent.count({ where: { action: "auth.sign-in-unlocked", targetId: passed } })).toBe(1);
    await sweepPassedSignInLocks();
    expect(await db.auditEvent.count({ where: { action: "auth.sign-in-unlocked", targetId: passed } })).toBe(1);
  });
});
