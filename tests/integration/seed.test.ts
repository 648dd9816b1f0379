import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isValidRegistrationNumber } from "@/lib/customers/registration-number";
import { seedBaseData } from "@/prisma/seed/demo-data";

describe("demo seed", () => {
  it("creates the demo world once, and seeding again changes nothing", async () => {
    const first = await seedBaseData(db);
    expect(first.created.customers).toBeGreaterThanOrEqual(200);
    expect(first.created.projects).toBeGreaterThanOrEqual(600);

    const counts = async () => ({
      users: await db.user.count(),
      customers: await db.customer.count(),
      projects: await db.project.count(),
      groups: await db.billingGroup.count(),
      assignments: await db.projectAssignment.count(),
      contracts: await db.pricingContract.count(),
      fx: await db.fxRate.count(),
    });
    const before = await counts();
    const second = await seedBaseData(db);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("has one user per role, a second manager, and a finance+manager user", async () => {
    const users = await db.user.findMany({ where: { email: { endsWith: "@demo.local" } } });
    for (const role of ["FINANCE", "MANAGER", "SUPPORT", "ADMIN"] as const) {
      expect(users.some((u) => u.roles.length === 1 && u.roles[0] === role)).toBe(true);
    }
    expect(users.filter((u) => u.roles.includes("MANAGER") && u.roles.length === 1)).toHaveLength(2);
    expect(users.some((u) => u.roles.includes("FINANCE") && u.roles.includes("MANAGER"))).toBe(true);
  });

  it("customers have Japanese names, kana readings and valid registration numbers", async () => {
    const customers = await db.customer.findMany({ where: { code: { startsWith: "C0" } } });
    // The demo world's 210 customers, so the checks below cannot pass on an empty list.
    expect(customers).toHaveLength(210);
    expect(new Set(customers.map((c) => c.name)).size).toBe(customers.length);
    for (const c of customers) {
      expect(c.name).toMatch(/[\u4e00-\u9fff\u3040-\u30ff]/);
      expect(c.nameKana).toMatch(/^[\u30a0-\u30ff]+$/);
      expect(c.searchText.length).toBeGreaterThan(0);
    }
    // About nine in ten have a qualified-invoice registration number, each valid with its check
    // digit; the others are not registered issuers (as the README says).
    const registered = customers.filter((c) => c.registrationNumber !== null);
    expect(registered.length).toBeGreaterThanOrEqual(170);
    expect(registered.length).toBeLessThan(210);
    expect(registered.filter((c) => !isValidRegistrationNumber(c.registrationNumber!))).toEqual([]);
  });

  it("every assigned project's billing group belongs to the same customer; some projects are unassigned", async () => {
    const mismatched = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n
      FROM "ProjectAssignment" a
      JOIN "BillingGroup" g ON g.id = a."billingGroupId"
      WHERE g."customerId" <> a."customerId"`;
    expect(mismatched[0]!.n).toBe(0n);
    const unassigned = await db.project.count({ where: { assignments: { none: {} } } });
    expect(unassigned).toBeGreaterThan(0);
    const split = await db.billingGroup.groupBy({
      by: ["customerId"],
      _count: true,
      having: { customerId: { _count: { gt: 1 } } },
    });
    expect(split.length).toBeGreaterThan(0);
  });
});
