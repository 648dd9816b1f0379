// The model-based gate test's own corner of the database: the demo people (as the seed has
// them), one customer with two billing groups (one project each) and a plain contract, made
// once per process; then for every run a month of its own with a little usage, so runs never
// see each other's invoices and nothing has to be cleaned up.
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db";
import { twoApproverThreshold } from "@/lib/gate/load-for-gate";
import { DEMO_USERS } from "@/prisma/seed/users";
import { applyReleaseSettings } from "../invoices";
import { PEOPLE, type Person } from "./model";

export const GROUPS = 2;

export interface World {
  people: Record<Person, Actor>;
  customerId: string;
  groups: Array<{ id: string; projectId: string }>;
}

export async function createWorld(): Promise<World> {
  const people = {} as Record<Person, Actor>;
  for (const person of PEOPLE) {
    const demo = DEMO_USERS.find((u) => u.email === `${person}@demo.local`)!;
    const user = await db.user.upsert({
      where: { email: demo.email },
      create: { email: demo.email, name: demo.name, roles: demo.roles },
      update: { roles: demo.roles, active: true },
    });
    people[person] = { id: user.id, email: user.email, name: user.name, roles: user.roles, userAgent: "gate-model" };
  }
  await applyReleaseSettings();
  const code = `GM${randomUUID().slice(0, 8)}`;
  const customer = await db.customer.create({
    data: {
      code,
      name: `ゲートモデル ${code}`,
      nameKana: "ゲートモデル",
      contracts: { create: { name: "plain", fromMonth: "2000-01", taxRate: "STANDARD_10", taxRounding: "FLOOR" } },
    },
  });
  const groups: World["groups"] = [];
  for (let g = 0; g < GROUPS; g++) {
    const group = await db.billingGroup.create({
      data: { customerId: customer.id, name: `group ${g}`, isDefault: g === 0, recipientName: customer.name },
    });
    const project = await db.project.create({ data: { id: `${code.toLowerCase()}-p${g}`, name: `project ${g}` } });
    await db.projectAssignment.create({
      data: { projectId: project.id, customerId: customer.id, billingGroupId: group.id, fromMonth: "2000-01" },
    });
    groups.push({ id: group.id, projectId: project.id });
  }
  return { people, customerId: customer.id, groups };
}

let runs = 0;

/** A month no other run of this process uses (the customer is this process's own). */
export function nextMonth() {
  const n = runs++;
  return `${2100 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
}

export const currentThreshold = () => twoApproverThreshold();

/** New usage of one service for a group's project in the run's month (as an import would leave it). */
export async function addUsage(world: World, month: string, group: number, service: string, amount: bigint) {
  await db.$executeRaw`
    INSERT INTO "UsageRollup" ("batchId", "billingAccountId", "invoiceMonth", "projectId", "serviceId",
                               "serviceDescription", currency, "skuId", "skuDescription", "usageUnit", cost, credits,
                               "usageAmount", rows)
    VALUES (${randomUUID()}::uuid, 'gate-model', ${month}, ${world.groups[group]!.projectId}, ${service}, ${service},
            'JPY', ${`${service}-sku`}, ${`${service} sku`}, 'h', ${amount.toString()}::numeric, 0, 1, 1)`;
}
