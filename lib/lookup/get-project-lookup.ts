// Support's read-only view of one project: net usage by month and currency, the month's
// services, and its usage rows (paged, newest first), filtered by ?month and ?service as
// invoice lines link here. Who the project belongs to is shown for the way back.
import { db } from "@/lib/db";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { getProjectUsage } from "@/lib/usage/get-project-usage";

export async function getProjectLookup({
  actor,
  projectId,
  month,
  serviceId,
  page = 1,
}: {
  actor: Actor;
  projectId: string;
  month?: string;
  serviceId?: string;
  page?: number;
}) {
  const decision = decide(actor, "usage.view");
  if (!decision.allowed) {
    await recordAuditEventNow({
      actor,
      action: "access.denied",
      target: { type: "project", id: projectId },
      outcome: "REFUSED",
      reason: `usage.view: ${decision.rule}`,
      metadata: { attempted: "usage.view", rule: decision.rule, params: decision.params },
    });
    throw new AppError("FORBIDDEN", decision.message, { details: { rule: decision.rule, params: decision.params } });
  }
  const safePage = Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
  const usage = await getProjectUsage(projectId, month, serviceId || undefined, safePage);
  const [byMonth, owners] = await Promise.all([
    db.$queryRaw<Array<{ month: string; currency: string; net: string; rows: number }>>`
      SELECT "invoiceMonth" AS month, currency, trim_scale(sum(cost + credits))::text AS net, sum(rows)::int AS rows
      FROM "UsageRollup" WHERE "projectId" = ${projectId} GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
    db.projectAssignment.findMany({
      where: { projectId },
      orderBy: { fromMonth: "desc" },
      select: {
        fromMonth: true,
        toMonth: true,
        customer: { select: { id: true, code: true, name: true } },
        billingGroup: { select: { name: true } },
      },
    }),
  ]);
  return {
    ...usage,
    byMonth,
    owners: owners.map((o) => ({
      fromMonth: o.fromMonth,
      toMonth: o.toMonth,
      customer: o.customer,
      billingGroup: o.billingGroup.name,
    })),
  };
}

export type ProjectLookup = Awaited<ReturnType<typeof getProjectLookup>>;
