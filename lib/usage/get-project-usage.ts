// A project's usage for the usage page: its months, per-service sums and one page of its usage
// lines, with the file each line came from.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { monthParam, pageParam, searchText } from "@/lib/http/search-params";
import { chooseMonth } from "@/lib/months/asked-month";
import { listProjectUsageLines } from "./usage-lines";

/** The project usage and project lookup pages' query string (lib/http/search-params.ts). */
export const usageRowsSearchSchema = z.object({
  month: monthParam.optional(),
  service: searchText(200).optional(),
  page: pageParam,
});

/** A project's usage rows for a month (optionally one service), paged, newest first. `month` is
 * the address's: one the project has no usage for shows its newest month, `unknownMonth` set. */
export async function getProjectUsage(
  projectId: string,
  month: string | undefined,
  serviceId: string | undefined,
  page: number,
) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { id: true, name: true, billingAccountId: true },
  });
  if (!project) throw new AppError("NOT_FOUND", "No such project.", { details: { rule: "not-found" } });
  // Months, per-service sums and counts come from the usage rollup; only the page of rows shown
  // is read from the usage lines, through their key (project, month).
  const months = await db.$queryRaw<
    Array<{ month: string }>
  >`SELECT DISTINCT "invoiceMonth" AS month FROM "UsageRollup" WHERE "projectId" = ${projectId} AND current
    ORDER BY 1 DESC`;
  // A month the project has no usage for (an old or edited link) shows its newest, said.
  const { month: selected, unknown: unknownMonth } = chooseMonth(
    month,
    months.map((m) => m.month),
  );
  const pageSize = 100;
  const [rows, totals] = await Promise.all([
    selected
      ? listProjectUsageLines({ projectId, month: selected, serviceId, limit: pageSize, offset: (page - 1) * pageSize })
      : [],
    db.$queryRaw<
      Array<{
        serviceId: string;
        serviceDescription: string;
        currency: string;
        cost: string;
        credits: string;
        rows: number;
      }>
    >`
      SELECT "serviceId", "serviceDescription", currency, trim_scale(sum(cost))::text AS cost,
        trim_scale(sum(credits))::text AS credits, sum(rows)::int AS rows
      FROM "UsageRollup" WHERE "projectId" = ${projectId} AND "invoiceMonth" = ${selected} AND current
      GROUP BY 1, 2, 3 ORDER BY 2`,
  ]);
  const count = totals.filter((t) => !serviceId || t.serviceId === serviceId).reduce((n, t) => n + t.rows, 0);
  const batches = new Map(
    (
      await db.usageBatch.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.batchId))] } },
        select: { id: true, fileName: true },
      })
    ).map((b) => [b.id, b.fileName]),
  );
  return {
    project,
    months: months.map((m) => m.month),
    month: selected,
    unknownMonth,
    serviceId: serviceId ?? null,
    page,
    pageSize,
    count,
    services: totals,
    rows: rows.map((r) => ({
      id: `${r.batchId}:${r.lineNo}`,
      lineNo: r.lineNo,
      batch: batches.get(r.batchId) ?? r.batchId,
      serviceDescription: r.serviceDescription,
      skuDescription: r.skuDescription,
      usageStart: r.usageStart?.toISOString() ?? null,
      usageAmount: r.usageAmount,
      usageUnit: r.usageUnit,
      cost: r.cost,
      credits: r.credits,
      currency: r.currency,
    })),
  };
}
