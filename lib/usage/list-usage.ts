// Read side of usage: recent batches, and the usage no customer is billed for yet.
import { z } from "zod";
import { db } from "@/lib/db";
import { monthParam } from "@/lib/http/search-params";

/** The unassigned usage page's query string (lib/http/search-params.ts). */
export const unassignedSearchSchema = z.object({ month: monthParam.optional() });

export type BatchState = "current" | "staged" | "superseded" | "partly";

/** A batch's state from its scopes': billed, waiting for confirmation, replaced, or partly replaced. */
export function batchState(states: ReadonlyArray<"STAGED" | "CURRENT" | "SUPERSEDED">): BatchState {
  if (states.includes("STAGED")) return "staged";
  if (states.every((s) => s === "SUPERSEDED")) return "superseded";
  return states.includes("SUPERSEDED") ? "partly" : "current";
}

export async function listRecentBatches(limit = 20) {
  const batches = await db.usageBatch.findMany({
    orderBy: { importedAt: "desc" },
    take: limit,
    include: { scopes: { select: { state: true } } },
  });
  return batches.map((b) => ({
    state: batchState(b.scopes.map((s) => s.state)),
    id: b.id,
    fileName: b.fileName,
    format: b.format,
    rows: b.rowCount,
    months: b.months,
    totals: b.totals as Record<string, { net: string }>,
    source: b.source,
    importedAt: b.importedAt.toISOString(),
  }));
}

/** Projects with usage in the month and no assignment covering it, with their amounts. */
export async function listUnassignedUsage(month: string) {
  return db.$queryRaw<
    Array<{
      projectId: string;
      projectName: string | null;
      billingAccountId: string | null;
      currency: string;
      net: string;
      rows: number;
    }>
  >`
    WITH unassigned AS (
      SELECT p.id, p.name, p."billingAccountId" FROM "Project" p
      WHERE NOT EXISTS (SELECT 1 FROM "ProjectAssignment" a WHERE a."projectId" = p.id AND a."fromMonth" <= ${month}
        AND (a."toMonth" IS NULL OR ${month} < a."toMonth")))
    SELECT x.id AS "projectId", x.name AS "projectName", x."billingAccountId", u.currency,
      trim_scale(sum(u.cost + u.credits))::text AS net, sum(u.rows)::int AS rows
    FROM unassigned x JOIN "UsageRollup" u ON u."projectId" = x.id AND u."invoiceMonth" = ${month} AND u.current
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 4`;
}
