// A month's usage no draft bills (drafts list, home page) against the real database. The query
// checks only projects without an open assignment from the month on, read from a column a
// trigger on ProjectAssignment keeps: every way an assignment changes (added, added for a
// later month, closed, moved, deleted) must show in the month's unassigned usage at once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unassignedUsageTotals } from "@/lib/invoices/list-drafts";
import { uniqueSuffix } from "../support/db";
import { addUsage } from "../support/drafts";

// Months no other test uses: the totals are the month's, over every project.
const month = "2047-05";
const next = "2047-06";

async function project() {
  const s = uniqueSuffix();
  const customer = await db.customer.create({
    data: {
      code: `U${s}`,
      name: `未割当商事${s}`,
      nameKana: "ミワリアテショウジ",
      billingGroups: { create: { name: "Default", isDefault: true, recipientName: `未割当商事${s}` } },
    },
    include: { billingGroups: true },
  });
  const id = `unassigned-${s}`;
  await db.project.create({ data: { id, name: id, firstSeenMonth: month } });
  await addUsage([
    { projectId: id, service: "Compute Engine", currency: "USD", cost: "12.50", credits: "-2.50", month },
    { projectId: id, service: "Compute Engine", currency: "USD", cost: "5", month: next },
  ]);
  return { id, customerId: customer.id, billingGroupId: customer.billingGroups[0]!.id };
}

const openFrom = async (id: string) =>
  (await db.project.findUniqueOrThrow({ where: { id }, select: { openAssignmentFrom: true } })).openAssignmentFrom;
const unassignedIn = async (m: string) =>
  (await unassignedUsageTotals(m)).map((r) => ({ currency: r.currency, projects: r.projects, net: r.net }));

describe("the month's unassigned usage", () => {
  it("follows every change to a project's assignments", async () => {
    const p = await project();
    const before = await unassignedIn(month);
    expect(before).toEqual([{ currency: "USD", projects: 1, net: "10" }]);
    expect(await openFrom(p.id)).toBeNull();

    // Assigned from the month on: billed, and the project says so.
    const a = await db.projectAssignment.create({
      data: { projectId: p.id, customerId: p.customerId, billingGroupId: p.billingGroupId, fromMonth: month },
    });
    expect(await openFrom(p.id)).toBe(month);
    expect(await unassignedIn(month)).toEqual([]);

    // Moved to start a month later: the month is unassigned again, the next is billed.
    await db.projectAssignment.update({ where: { id: a.id }, data: { fromMonth: next } });
    expect(await openFrom(p.id)).toBe(next);
    expect(await unassignedIn(month)).toEqual(before);
    expect(await unassignedIn(next)).toEqual([]);

    // Closed before the next month: no open assignment, but a closed one covering the month bills it.
    await db.projectAssignment.update({ where: { id: a.id }, data: { fromMonth: month, toMonth: next } });
    expect(await openFrom(p.id)).toBeNull();
    expect(await unassignedIn(month)).toEqual([]);
    expect(await unassignedIn(next)).toEqual([{ currency: "USD", projects: 1, net: "5" }]);

    // A second, open assignment from the next month: both months billed.
    await db.projectAssignment.create({
      data: { projectId: p.id, customerId: p.customerId, billingGroupId: p.billingGroupId, fromMonth: next },
    });
    expect(await openFrom(p.id)).toBe(next);
    expect(await unassignedIn(next)).toEqual([]);

    // Every assignment deleted: unassigned in both months.
    await db.projectAssignment.deleteMany({ where: { projectId: p.id } });
    expect(await openFrom(p.id)).toBeNull();
    expect(await unassignedIn(month)).toEqual(before);
    expect(await unassignedIn(next)).toEqual([{ currency: "USD", projects: 1, net: "5" }]);
  });
});
