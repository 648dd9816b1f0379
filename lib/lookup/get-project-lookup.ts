// Support's read-only view of one project: net usage by month and currency, the month's
// services, and its usage rows (paged, newest first), filtered by ?month and ?service as
// invoice lines link here. Who the project belongs to is shown for the way back.
import { db } from "@/lib/db";
import { authorize } from "@/lib/audit/access-denied";
import type { Actor } from "@/lib/authz/actor";
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
  await authorize(actor, "usage.view", undefined, { type: "project", id: projectId });
  const safePage = Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
  const usage = await getProjectUsage(projectId, month, serviceId || undefined, safePage);
  const [byMonth, owners] = await Promise.all([
    db.$queryRaw<Array<{ month: string; currency: string; net: string; rows: number }>>`
      SELECT "invoiceMonth" AS month, currency, trim_scale(sum(cost + credits))::text AS net, sum(rows)::int AS rows
      FROM "UsageRollup" WHERE "projectId" = ${projectId} AND current GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
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
