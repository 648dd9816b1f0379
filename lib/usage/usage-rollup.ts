// The usage rollup computed from usage lines in SQL. The importer adds the rollup up while it
// streams a file (lib/usage/import-usage-batch.ts); this is the same sum for usage lines written
// any other way: tests and benchmark seeds (the migration that introduced the rollup spells it
// out again, as migrations cannot import). Lines written this way are billed at once: their
// scopes (billing account, month) are recorded as current. An integration test checks the
// importer's rollup and this one give the same rows.
import { db } from "@/lib/db";

export const ROLLUP_FROM_LINES_SQL = `
  WITH scopes AS (
    INSERT INTO "UsageBatchScope" ("batchId", "billingAccountId", "invoiceMonth", state, rows)
    SELECT "batchId", "billingAccountId", "invoiceMonth", 'CURRENT', count(*)::int
    FROM "UsageLine" WHERE "batchId" = ANY($1::uuid[]) GROUP BY 1, 2, 3
    ON CONFLICT DO NOTHING)
  INSERT INTO "UsageRollup" ("batchId", "billingAccountId", "invoiceMonth", "projectId", "serviceId",
    "serviceDescription", currency, "skuId", "skuDescription", "usageUnit", cost, credits, "usageAmount", rows)
  SELECT "batchId", "billingAccountId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency,
    "skuId", "skuDescription", "usageUnit", sum(cost), sum(credits), sum("usageAmount"), count(*)::int
  FROM "UsageLine" WHERE "batchId" = ANY($1::uuid[])
  GROUP BY "batchId", "billingAccountId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency,
    "skuId", "skuDescription", "usageUnit"`;

/** Writes the rollup (and current scopes) of batches whose lines were written without the importer. */
export async function rollupUsageLines(batchIds: string[]) {
  await db.$executeRawUnsafe(ROLLUP_FROM_LINES_SQL, batchIds);
}
