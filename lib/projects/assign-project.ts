// Assigns a project to a customer's billing group from a month on. History is kept: the open
// assignment is closed at that month, never deleted or rewritten.
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";

export const assignProjectSchema = z.object({
  projectId: z.string().min(1).max(100),
  billingGroupId: z.uuid("Choose a billing group."),
  fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use YYYY-MM."),
});

export async function assignProject({
  actor,
  projectId,
  billingGroupId,
  fromMonth,
}: z.infer<typeof assignProjectSchema> & { actor: Actor }) {
  const decision = decide(actor, "admin.assignments");
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.message);
  return db.$transaction(async (tx) => {
    // Serialise assignment changes per project.
    const [project] = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Project" WHERE id = ${projectId} FOR UPDATE`;
    if (!project) throw new AppError("NOT_FOUND", "No such project.");
    const group = await tx.billingGroup.findUnique({
      where: { id: billingGroupId },
      include: { customer: { select: { id: true, code: true } } },
    });
    if (!group)
      throw new AppError("NOT_FOUND", "No such billing group.", {
        fieldErrors: { billingGroupId: ["No such billing group."] },
      });
    const latest = await tx.projectAssignment.findFirst({ where: { projectId }, orderBy: { fromMonth: "desc" } });
    if (latest && latest.fromMonth >= fromMonth) {
      throw new AppError(
        "INVALID_STATE",
        `The project already has an assignment from ${latest.fromMonth}; a new one must start after it.`,
        { fieldErrors: { fromMonth: [`Choose a month after ${latest.fromMonth}.`] } },
      );
    }
    if (latest && latest.toMonth === null)
      await tx.projectAssignment.update({ where: { id: latest.id }, data: { toMonth: fromMonth } });
    const created = await tx.projectAssignment.create({
      data: { projectId, customerId: group.customerId, billingGroupId, fromMonth, createdById: actor.id },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "project.assign",
      target: { type: "project", id: projectId },
      before: latest
        ? {
            customerId: latest.customerId,
            billingGroupId: latest.billingGroupId,
            fromMonth: latest.fromMonth,
            toMonth: latest.toMonth,
          }
        : null,
      after: { customerId: group.customerId, customerCode: group.customer.code, billingGroupId, fromMonth },
    });
    return { id: created.id, projectId, customerCode: group.customer.code, fromMonth };
  });
}

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
