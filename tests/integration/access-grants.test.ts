// Time-limited access to a customer's unmasked contact and bank data: request, decision
// (never one's own, at most 60 minutes), use, expiry, each an audit event; and the server
// actions refuse a forged call from the wrong role.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import { decideAccess } from "@/lib/access/decide-access";
import { expireAccessGrants } from "@/lib/access/expire-access-grants";
import { getCustomerContact } from "@/lib/access/get-customer-contact";
import { listAccessRequests } from "@/lib/access/list-access-requests";
import { requestAccess } from "@/lib/access/request-access";
import { actorOf, createUser, uniqueSuffix } from "../support/db";

// The action wrapper asks lib/dal who is signed in; here the test says who.
const signedIn = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/dal/actor", async (original) => ({
  ...(await original<typeof import("@/lib/dal/actor")>()),
  getActor: async () => signedIn.actor,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const EMAIL = "hanako.sato@example.co.jp";
const PHONE = "03-1234-5678";
const BANK = "みずほ銀行 大手町支店 普通 1234567";

let support: Actor;
let support2: Actor;
let manager: Actor;
let finance: Actor;
let supportManager: Actor;

async function newCustomer() {
  const s = uniqueSuffix();
  const c = await db.customer.create({
    data: {
      code: `AG${s}`,
      name: `アクセス試験${s}`,
      nameKana: "あくせす",
      contactName: "佐藤 花子",
      contactEmail: EMAIL,
      contactPhone: PHONE,
      bankDetails: BANK,
    },
  });
  return c.id;
}

const eventsFor = (grantId: string) =>
  db.auditEvent.findMany({ where: { targetType: "accessGrant", targetId: grantId }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  support = actorOf(await createUser(["SUPPORT"]));
  support2 = actorOf(await createUser(["SUPPORT"]));
  manager = actorOf(await createUser(["MANAGER"]));
  finance = actorOf(await createUser(["FINANCE"]));
  supportManager = actorOf(await createUser(["SUPPORT", "MANAGER"]));
});
beforeEach(() => {
  signedIn.actor = null;
});

describe("access grants", () => {
  // Each unmasked read is recorded.
  it("support sees masked data until a manager approves, then unmasked, and masked again after expiry", async () => {
    const customerId = await newCustomer();
    const masked = await getCustomerContact({ actor: support, customerId });
    expect(masked).toMatchObject({
      masked: true,
      contactEmail: "h•••@e•••.jp",
      contactPhone: "••-••••-5678",
      bankDetails: "••••• 67",
      canRequest: true,
      contactName: "佐藤 花子",
    });
    expect(JSON.stringify(masked)).not.toContain("1234567");

    const requested = await requestAccess({
      actor: support,
      customerId,
      reason: "Customer called about the October invoice",
    });
    expect(requested.status).toBe("REQUESTED");
    expect(await getCustomerContact({ actor: support, customerId })).toMatchObject({
      masked: true,
      canRequest: false,
      pendingRequest: { id: requested.id },
    });
    const queue = await listAccessRequests({ actor: manager });
    expect(queue.pending).toContainEqual(
      expect.objectContaining({ id: requested.id, own: false, reason: "Customer called about the October invoice" }),
    );

    const t0 = new Date();
    const approved = await decideAccess({
      actor: manager,
      grantId: requested.id,
      decision: "approve",
      durationMinutes: 30,
      now: t0,
    });
    expect(approved).toMatchObject({
      status: "APPROVED",
      expiresAt: new Date(t0.getTime() + 30 * 60_000).toISOString(),
    });

    const unmasked = await getCustomerContact({
      actor: support,
      customerId,
      now: new Date(t0.getTime() + 29 * 60_000),
    });
    expect(unmasked).toMatchObject({
      masked: false,
      contactEmail: EMAIL,
      contactPhone: PHONE,
      bankDetails: BANK,
      grant: { id: requested.id },
    });
    const reads = await db.auditEvent.findMany({ where: { action: "customer.unmasked-read", targetId: customerId } });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      actorId: support.id,
      metadata: expect.objectContaining({ via: "grant", grantId: requested.id }),
    });

    // Another support person has no grant for this customer.
    expect((await getCustomerContact({ actor: support2, customerId })).masked).toBe(true);

    // Past expiresAt: masked again, by the comparison alone; the expiry is recorded once.
    const later = new Date(t0.getTime() + 31 * 60_000);
    expect(await getCustomerContact({ actor: support, customerId, now: later })).toMatchObject({
      masked: true,
      bankDetails: "••••• 67",
      canRequest: true,
    });
    expect(await getCustomerContact({ actor: support, customerId, now: later })).toMatchObject({ masked: true });
    await expireAccessGrants({ now: later });
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: requested.id } })).status).toBe("EXPIRED");
    expect((await eventsFor(requested.id)).map((e) => [e.action, e.outcome])).toEqual([
      ["accessGrant.request", "SUCCESS"],
      ["accessGrant.approve", "SUCCESS"],
      ["accessGrant.expired", "SUCCESS"],
    ]);
    expect(await db.auditEvent.count({ where: { action: "customer.unmasked-read", targetId: customerId } })).toBe(1);
  });

  it("the sweep records an expiry no one checked, once", async () => {
    const customerId = await newCustomer();
    const g = await requestAccess({ actor: support, customerId, reason: "Checking the bank account for a refund" });
    const t0 = new Date(Date.now() - 20 * 60_000);
    await decideAccess({ actor: manager, grantId: g.id, decision: "approve", durationMinutes: 15, now: t0 });
    expect(await expireAccessGrants()).toBeGreaterThanOrEqual(1);
    expect(await expireAccessGrants()).toBe(0);
    expect((await eventsFor(g.id)).filter((e) => e.action === "accessGrant.expired")).toHaveLength(1);
  });

  it("refuses more than 60 minutes, a second decision, and a manager deciding their own request", async () => {
    const customerId = await newCustomer();
    const g = await requestAccess({
      actor: support,
      customerId,
      reason: "Customer asks to confirm their phone number",
    });
    await expect(
      decideAccess({ actor: manager, grantId: g.id, decision: "approve", durationMinutes: 61 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", rule: "duration-cap" });
    await decideAccess({ actor: manager, grantId: g.id, decision: "approve", durationMinutes: 60 });
    await expect(decideAccess({ actor: manager, grantId: g.id, decision: "reject" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });

    const own = await requestAccess({ actor: supportManager, customerId, reason: "I want to see it myself" });
    await expect(
      decideAccess({ actor: supportManager, grantId: own.id, decision: "approve", durationMinutes: 15 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", rule: "own-request" });
    expect((await listAccessRequests({ actor: supportManager })).pending).toContainEqual(
      expect.objectContaining({ id: own.id, own: true }),
    );
    const rejected = await decideAccess({ actor: manager, grantId: own.id, decision: "reject", note: "not needed" });
    expect(rejected.status).toBe("REJECTED");

    const refusals = (await eventsFor(g.id)).filter((e) => e.outcome === "REFUSED").map((e) => e.reason);
    expect(refusals).toEqual([expect.stringMatching(/^duration-cap/), expect.stringMatching(/^already-decided/)]);
    expect((await eventsFor(own.id)).map((e) => [e.action, e.outcome, e.actorId])).toEqual([
      ["accessGrant.request", "SUCCESS", supportManager.id],
      ["accessGrant.approve", "REFUSED", supportManager.id],
      ["accessGrant.reject", "SUCCESS", manager.id],
    ]);
  });

  it("one open request per person and customer; only support requests", async () => {
    const customerId = await newCustomer();
    await requestAccess({ actor: support, customerId, reason: "First request for this customer" });
    await expect(
      requestAccess({ actor: support, customerId, reason: "Second request for this customer" }),
    ).rejects.toMatchObject({ code: "ALREADY_DONE" });
    await expect(
      requestAccess({ actor: finance, customerId, reason: "Finance does not need to ask" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      requestAccess({
        actor: support,
        customerId: "00000000-0000-4000-8000-000000000000",
        reason: "No such customer here",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestAccess({ actor: support2, customerId, reason: "no" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  it("finance reads unmasked data by role, and the read is recorded", async () => {
    const customerId = await newCustomer();
    expect(await getCustomerContact({ actor: finance, customerId })).toMatchObject({
      masked: false,
      contactEmail: EMAIL,
      canRequest: false,
    });
    expect(
      await db.auditEvent.findFirst({
        where: { action: "customer.unmasked-read", targetId: customerId, actorId: finance.id },
      }),
    ).toMatchObject({ metadata: expect.objectContaining({ via: "role" }) });
  });
});

describe("access server actions", () => {
  it("refuse a forged decision from support and a forged request from a manager, and record the refusals", async () => {
    const { decideAccessAction } = await import("@/app/(console)/access/actions");
    const { requestAccessAction } = await import("@/app/(console)/lookup/actions");
    const customerId = await newCustomer();
    const g = await requestAccess({ actor: support, customerId, reason: "Needed for a callback today" });

    signedIn.actor = support;
    expect(await decideAccessAction({ grantId: g.id, decision: "approve", durationMinutes: 60 })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    signedIn.actor = manager;
    expect(await requestAccessAction({ customerId, reason: "A manager trying to ask" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await decideAccessAction({ grantId: g.id, decision: "approve", durationMinutes: 90 as 60 })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    signedIn.actor = null;
    expect(await decideAccessAction({ grantId: g.id, decision: "approve", durationMinutes: 60 })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });

    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: g.id } })).status).toBe("REQUESTED");
    const denied = await db.auditEvent.findMany({
      where: { action: "access.denied", actorId: { in: [support.id, manager.id] }, outcome: "REFUSED" },
    });
    expect(denied.map((e) => e.reason)).toEqual(
      expect.arrayContaining(["accessGrant.decide: role", "accessGrant.request: role"]),
    );

    signedIn.actor = manager;
    expect(await decideAccessAction({ grantId: g.id, decision: "approve", durationMinutes: 15 })).toMatchObject({
      ok: true,
      data: { status: "APPROVED" },
    });
  });
});
