// Support's own list of access requests: only their own, newest first, with the approver and
// the end, and a grant past its end shown (and recorded) as expired.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import { decideAccess } from "@/lib/access/decide-access";
import { listOwnAccessRequests } from "@/lib/access/list-own-access-requests";
import { requestAccess } from "@/lib/access/request-access";
import { actorOf, createUser, uniqueSuffix } from "../support/db";

let support: Actor;
let other: Actor;
let manager: Actor;

async function newCustomer() {
  const s = uniqueSuffix();
  return (
    await db.customer.create({
      data: { code: `OW${s}`, name: `自分の申請${s}`, nameKana: "じぶん", contactEmail: "a@b.example.jp" },
    })
  ).id;
}

beforeAll(async () => {
  support = actorOf(await createUser(["SUPPORT"]));
  other = actorOf(await createUser(["SUPPORT"]));
  manager = actorOf(await createUser(["MANAGER"]));
});

describe("listOwnAccessRequests", () => {
  it("lists only the person's own requests with their state, and expires what is due", async () => {
    const [a, b, c] = [await newCustomer(), await newCustomer(), await newCustomer()];
    const first = await requestAccess({ actor: support, customerId: a, reason: "Ticket 101 about the bank" });
    await decideAccess({
      actor: manager,
      grantId: first.id,
      decision: "approve",
      durationMinutes: 15,
      now: new Date(Date.now() - 20 * 60_000),
    });
    const second = await requestAccess({ actor: support, customerId: b, reason: "Ticket 102 about the phone" });
    await decideAccess({ actor: manager, grantId: second.id, decision: "approve", durationMinutes: 30 });
    const third = await requestAccess({ actor: support, customerId: c, reason: "Ticket 103, still waiting" });
    await requestAccess({ actor: other, customerId: c, reason: "Someone else's request" });

    const mine = await listOwnAccessRequests({ actor: support });
    expect(mine.map((r) => [r.id, r.status])).toEqual([
      [third.id, "REQUESTED"],
      [second.id, "APPROVED"],
      [first.id, "EXPIRED"],
    ]);
    expect(mine[1]).toMatchObject({ approver: { id: manager.id }, durationMinutes: 30, customer: { id: b } });
    expect(await db.auditEvent.count({ where: { action: "accessGrant.expired", targetId: first.id } })).toBe(1);
  });

  it("is refused to a manager who is not support", async () => {
    await expect(listOwnAccessRequests({ actor: manager })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
