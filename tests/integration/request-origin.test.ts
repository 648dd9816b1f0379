// The server action wrapper's own Origin check (proxy.ts checks first, but it is not the
// security boundary): a foreign, null or missing Origin is refused before the actor is even
// consulted, and recorded with the client's address, the origin and the reason, through the
// recorder that limits how many refusals one address leaves per minute.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { clientKey } from "@/lib/audit/client-key";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/authz/actor";
import { PEER_HEADER_VARIABLE } from "@/lib/http/request-facts";
import { actorOf, createUser } from "../support/db";

const request = vi.hoisted(() => ({ headers: null as Headers | null, actor: null as Actor | null }));
vi.mock("next/headers", () => ({
  headers: async () => {
    if (!request.headers) throw new Error("outside a request");
    return request.headers;
  },
  cookies: async () => {
    throw new Error("no cookies in this test");
  },
}));
vi.mock("@/lib/dal/actor", async (original) => ({
  ...(await original<typeof import("@/lib/dal/actor")>()),
  getActor: async () => request.actor,
}));

const PEER_HEADER = "x-peer-0123456789abcdef0123456789abcdef";
process.env[PEER_HEADER_VARIABLE] = PEER_HEADER;
const OWN_ORIGIN = new URL(process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).origin;

async function lastRefusal() {
  return db.auditEvent.findFirst({ where: { action: "request.refused" }, orderBy: { seq: "desc" } });
}

describe("the server action wrapper's Origin check", () => {
  let admin: Actor;
  let target: { id: string };
  beforeEach(async () => {
    admin = actorOf(await createUser(["ADMIN"]));
    target = await createUser(["FINANCE"]);
    request.actor = admin;
  });

  const call = async () => {
    const { updateUserAccessAction } = await import("@/app/(console)/admin/users/actions");
    return updateUserAccessAction({ userId: target.id, roles: ["FINANCE", "ADMIN"], active: true });
  };

  it.each([
    [{}, "missing-origin"],
    [{ "sec-fetch-site": "cross-site" }, "missing-origin"],
    [{ origin: "null" }, "null-origin"],
    [{ origin: "https://evil.example" }, "foreign-origin"],
    [{ origin: "https://evil.example", "sec-fetch-site": "same-origin" }, "foreign-origin"],
    [{ origin: `${OWN_ORIGIN}/path` }, "malformed-origin"],
  ])("refuses %j (%s) and records it with the socket's address", async (extra, reason) => {
    request.headers = new Headers({
      ...extra,
      [PEER_HEADER]: "::ffff:198.51.100.23",
      "x-forwarded-for": "203.0.113.66",
      "user-agent": "forger/1.0",
      "next-action": "abc123",
    });
    expect(await call()).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).roles).toEqual(["FINANCE"]);
    const event = await lastRefusal();
    expect(event).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      outcome: "REFUSED",
      reason,
      ip: "198.51.100.23",
      userAgent: "forger/1.0",
    });
    expect(event?.metadata).toMatchObject({
      origin: "origin" in extra ? extra.origin : null,
      serverAction: "abc123",
      refusedBy: "action",
    });
  });

  it("runs a call from the console's own origin, or one the browser marks same-origin", async () => {
    request.headers = new Headers({ origin: OWN_ORIGIN, [PEER_HEADER]: "127.0.0.1" });
    expect(await call()).toMatchObject({ ok: true, data: { changed: true } });
    request.headers = new Headers({ "sec-fetch-site": "same-origin", [PEER_HEADER]: "127.0.0.1" });
    const { updateUserAccessAction } = await import("@/app/(console)/admin/users/actions");
    expect(await updateUserAccessAction({ userId: target.id, roles: ["FINANCE"], active: true })).toMatchObject({
      ok: true,
    });
  });

  it("records a flood of foreign calls from one address only up to the limit per minute", async () => {
    // An address of this test's own (TEST-NET-2), so no other refusal shares its windows.
    const address = `198.51.100.${100 + Math.floor(Math.random() * 150)}`;
    const client = clientKey(address);
    await db.refusalWindow.deleteMany({ where: { client } });
    const before = await db.auditEvent.count({ where: { action: "request.refused", ip: address } });
    request.headers = new Headers({ origin: "https://evil.example", [PEER_HEADER]: address, "next-action": "f" });
    const calls = env.AUDIT_REFUSALS_PER_MINUTE + 5;
    for (let i = 0; i < calls; i++) expect(await call()).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // Every call counted; per minute (the calls may straddle two) at most the limit recorded one by one.
    const windows = await db.refusalWindow.findMany({ where: { client } });
    expect(windows.reduce((sum, w) => sum + w.count, 0)).toBe(calls);
    const recorded = await db.auditEvent.count({ where: { action: "request.refused", ip: address } });
    expect(recorded - before).toBe(
      windows.reduce((sum, w) => sum + Math.min(w.count, env.AUDIT_REFUSALS_PER_MINUTE), 0),
    );
    expect(recorded - before).toBeLessThan(calls);
  });

  it("has no HTTP request to check outside one (a script calling the action)", async () => {
    request.headers = null;
    expect(await call()).toMatchObject({ ok: true });
  });
});
