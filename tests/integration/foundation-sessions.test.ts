import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkSession, openSession, SESSION_IDLE_MS } from "@/lib/auth/sessions";
import { updateUserAccess } from "@/lib/users/update-user-access";
import { actorOf, createUser } from "../support/db";

const origin = { ip: "127.0.0.1", userAgent: "vitest" };

describe("server-side sessions", () => {
  it("load roles from the database on every check, so a revoked role applies at once", async () => {
    const user = await createUser(["MANAGER"]);
    const session = await openSession({ userId: user.id, provider: "demo" });
    const first = await checkSession(session.id, origin);
    expect(first.ok && first.actor.roles).toEqual(["MANAGER"]);
    await db.user.update({ where: { id: user.id }, data: { roles: ["SUPPORT"] } });
    const second = await checkSession(session.id, origin);
    expect(second.ok && second.actor.roles).toEqual(["SUPPORT"]);
  });

  it("end after the idle limit, with an audit event", async () => {
    const user = await createUser(["FINANCE"]);
    const session = await openSession({ userId: user.id, provider: "demo" });
    const later = new Date(Date.now() + SESSION_IDLE_MS + 1000);
    expect(await checkSession(session.id, origin, later)).toEqual({ ok: false, reason: "idle" });
    expect(await checkSession(session.id, origin)).toEqual({ ok: false, reason: "ended" });
    const event = await db.auditEvent.findFirst({ where: { action: "auth.session-expired", targetId: session.id } });
    expect(event?.reason).toBe("expired:idle");
  });

  it("stay alive while used, but end at the absolute limit", async () => {
    const user = await createUser(["FINANCE"]);
    const session = await openSession({ userId: user.id, provider: "demo" });
    // Active every 10 minutes: never idle, but 12 hours after sign-in it ends anyway.
    let now = Date.now();
    for (let i = 0; i < 5; i++) {
      now += 10 * 60_000;
      expect((await checkSession(session.id, origin, new Date(now))).ok).toBe(true);
    }
    await db.authSession.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1) },
    });
    expect(await checkSession(session.id, origin)).toEqual({ ok: false, reason: "absolute" });
  });

  it("end when the user is deactivated by an admin", async () => {
    const admin = await createUser(["ADMIN"]);
    const user = await createUser(["SUPPORT"]);
    const session = await openSession({ userId: user.id, provider: "demo" });
    const result = await updateUserAccess({
      actor: actorOf(admin),
      userId: user.id,
      roles: ["SUPPORT"],
      active: false,
    });
    expect(result.changed).toBe(true);
    expect((await checkSession(session.id, origin)).ok).toBe(false);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.access-changed", targetId: user.id } });
    expect(event.before).toEqual({ roles: ["SUPPORT"], active: true });
    expect(event.after).toEqual({ roles: ["SUPPORT"], active: false });
  });
});

describe("user access changes", () => {
  it("are refused for non-admins", async () => {
    const finance = await createUser(["FINANCE"]);
    const other = await createUser(["SUPPORT"]);
    await expect(
      updateUserAccess({ actor: actorOf(finance), userId: other.id, roles: ["ADMIN"], active: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).roles).toEqual(["SUPPORT"]);
  });

  it("do not let an admin lock themselves out", async () => {
    const admin = await createUser(["ADMIN"]);
    await expect(
      updateUserAccess({ actor: actorOf(admin), userId: admin.id, roles: ["FINANCE"], active: true }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("write nothing when nothing changes", async () => {
    const admin = await createUser(["ADMIN"]);
    const user = await createUser(["MANAGER", "FINANCE"]);
    const before = await db.auditEvent.count();
    const result = await updateUserAccess({
      actor: actorOf(admin),
      userId: user.id,
      roles: ["FINANCE", "MANAGER"],
      active: true,
    });
    expect(result.changed).toBe(false);
    expect(await db.auditEvent.count()).toBe(before);
  });
});
