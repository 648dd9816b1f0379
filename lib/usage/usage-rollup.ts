// The usage rollup computed from usage lines in SQL. The importer adds the rollup up while it
// streams a file (lib/usage/import-usage-batch.ts); this is the same sum for usage lines written
// any other way: the migration that introduced the rollup, tests and benchmark seeds. An
// integration test checks that both give the same rows.
import type pg from "pg";
import { db } from "@/lib/db";

const ROLLUP_FROM_LINES = `
  INSERT INTO "UsageRollup" ("batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription", "usageUnit", cost, credits, "usageAmount", rows)
  SELECT "batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription", "usageUnit", sum(cost), sum(credits), sum("usageAmount"), count(*)::int
  FROM "UsageLine" WHERE "batchId" = ANY($1::uuid[])
  GROUP BY "batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription", "usageUnit"`;

/** Writes the rollup of batches whose lines were written without the importer. */
export async function rollupUsageLines(batchIds: string[], client?: pg.ClientBase) {
  if (client) await client.query(ROLLUP_FROM_LINES, [batchIds]);
  else await db.$executeRawUnsafe(ROLLUP_FROM_LINES, batchIds);
}

/** The rollup as SQL would compute it from the batch's lines, for comparison. */
export async function rollupFromLines(batchId: string) {
  return db.$queryRawUnsafe<RollupRow[]>(
    `SELECT "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription", "usageUnit",
            trim_scale(sum(cost))::text AS cost, trim_scale(sum(credits))::text AS credits, trim_scale(sum("usageAmount"))::text AS "usageAmount", count(*)::int AS rows
     FROM "UsageLine" WHERE "batchId" = $1::uuid GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
    batchId,
  );
}

/** The rollup the importer wrote for a batch, in the same shape. */
export async function storedRollup(batchId: string) {
  return db.$queryRawUnsafe<RollupRow[]>(
    `SELECT "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription", "usageUnit",
            trim_scale(cost)::text AS cost, trim_scale(credits)::text AS credits, trim_scale("usageAmount")::text AS "usageAmount", rows
     FROM "UsageRollup" WHERE "batchId" = $1::uuid ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
    batchId,
  );
}

export interface RollupRow {
  invoiceMonth: string;
  projectId: string;
  serviceId: string;
  serviceDescription: string;
  currency: string;
  skuId: string;
  skuDescription: string;
  usageUnit: string | null;
  cost: string;
  credits: string;
  usageAmount: string | null;
  rows: number;
}
