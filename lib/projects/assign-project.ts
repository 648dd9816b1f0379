// Assigns a project to a customer's billing group from a month on. History is kept: the open
// assignment is closed at that month, never deleted or rewritten.
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";

// The assignments page's reads live in list-assignable-projects.ts; re-exported so the page keeps
// its import.
export {
  findCustomerGroups,
  latestImportedMonth,
  listProjectsForAssignment,
  searchCustomersForAssignment,
} from "./list-assignable-projects";

export const assignProjectSchema = z.object({
  projectId: z.string().min(1).max(100),
  billingGroupId: z.uuid("billing-group"),
  fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month-format"),
});

export async function assignProject({
  actor,
  projectId,
  billingGroupId,
  fromMonth,
}: z.infer<typeof assignProjectSchema> & { actor: Actor }) {
  assertAllowed(actor, "admin.assignments");
  return db.$transaction(async (tx) => {
    // Serialise assignment changes per project.
    const [project] = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Project" WHERE id = ${projectId} FOR UPDATE`;
    if (!project) throw new AppError("NOT_FOUND", "No such project.", { details: { rule: "not-found" } });
    const group = await tx.billingGroup.findUnique({
      where: { id: billingGroupId },
      include: { customer: { select: { id: true, code: true } } },
    });
    if (!group)
      throw new AppError("NOT_FOUND", "No such billing group.", {
        fieldErrors: { billingGroupId: ["billing-group"] },
        details: { rule: "not-found" },
      });
    const latest = await tx.projectAssignment.findFirst({ where: { projectId }, orderBy: { fromMonth: "desc" } });
    if (latest && latest.fromMonth >= fromMonth) {
      throw new AppError(
        "INVALID_STATE",
        `The project already has an assignment from ${latest.fromMonth}; a new one must start after it.`,
        {
          fieldErrors: { fromMonth: ["assignment-order"] },
          details: { rule: "assignment-order", params: { month: latest.fromMonth } },
        },
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
