// What the assignments page shows: projects to assign (unassigned ones, or those matching a
// search) with their assignment history, and a customer's billing groups to choose from.
import { db } from "@/lib/db";

export async function listProjectsForAssignment(q: string | undefined) {
  const projects = await db.project.findMany({
    where: q
      ? { OR: [{ id: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
      : { assignments: { none: {} } },
    include: {
      assignments: {
        orderBy: { fromMonth: "desc" },
        include: { customer: { select: { code: true, name: true } }, billingGroup: { select: { name: true } } },
      },
    },
    orderBy: { id: "asc" },
    take: 50,
  });
  return projects.map((p) => ({
    id: p.id,
    name: p.name,
    billingAccountId: p.billingAccountId,
    history: p.assignments.map((a) => ({
      customer: `${a.customer.code} ${a.customer.name}`,
      billingGroup: a.billingGroup.name,
      fromMonth: a.fromMonth,
      toMonth: a.toMonth,
    })),
  }));
}

export async function findCustomerGroups(code: string) {
  return db.customer.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      name: true,
      billingGroups: {
        select: { id: true, name: true, isDefault: true },
        orderBy: [{ isDefault: "desc" }, { name: "asc" }],
      },
    },
  });
}
