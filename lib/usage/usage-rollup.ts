// The usage rollup computed from usage lines in SQL. The importer adds the rollup up while it
// streams a file (lib/usage/import-usage-batch.ts); this is the same sum for usage lines written
// any other way: tests and benchmark seeds (the migration that introduced the rollup spells it
// out again, as migrations cannot import). An integration test checks both give the same rows.
import { db } from "@/lib/db";

export const ROLLUP_FROM_LINES_SQL = `
  INSERT INTO "UsageRollup" ("batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency,
    "skuId", "skuDescription", "usageUnit", cost, credits, "usageAmount", rows)
  SELECT "batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription",
    "usageUnit", sum(cost), sum(credits), sum("usageAmount"), count(*)::int
  FROM "UsageLine" WHERE "batchId" = ANY($1::uuid[])
  GROUP BY "batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId",
    "skuDescription", "usageUnit"`;

/** Writes the rollup of batches whose lines were written without the importer. */
export async function rollupUsageLines(batchIds: string[]) {
  await db.$executeRawUnsafe(ROLLUP_FROM_LINES_SQL, batchIds);
}
