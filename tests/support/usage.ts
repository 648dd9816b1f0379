// Reads of usage lines and rollups that only tests need: what the importer wrote, for checks.
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { USAGE_LINE_COLUMNS, type UsageLineRow } from "@/lib/usage/usage-lines";
import { ROLLUP_FROM_LINES_SQL } from "@/lib/usage/usage-rollup";

/** Every line of a batch in file order (tests and checks; a batch can be large). */
export function listBatchUsageLines(batchId: string) {
  return db.$queryRaw<
    UsageLineRow[]
  >`SELECT ${USAGE_LINE_COLUMNS} FROM "UsageLine" l WHERE "batchId" = ${batchId}::uuid ORDER BY "lineNo"`;
}

export async function countUsageLines(where: { batchId?: string; projectIdPrefix?: string } = {}) {
  const inBatch = where.batchId ? Prisma.sql`AND "batchId" = ${where.batchId}::uuid` : Prisma.empty;
  const inProjects = where.projectIdPrefix
    ? Prisma.sql`AND "projectId" LIKE ${`${where.projectIdPrefix}%`}`
    : Prisma.empty;
  const [row] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM "UsageLine" WHERE true ${inBatch} ${inProjects}`;
  return row!.n;
}

const ROLLUP_OF_BATCH = `
  SELECT "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription",
         "usageUnit", trim_scale(cost)::text AS cost, trim_scale(credits)::text AS credits,
         trim_scale("usageAmount")::text AS "usageAmount", rows
  FROM "UsageRollup" WHERE "batchId" = $1::uuid ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;

class RolledBack extends Error {}

/**
 * The rollup lib/usage/usage-rollup.ts's SQL (ROLLUP_FROM_LINES_SQL) computes from the batch's
 * lines, for comparison with the importer's: computed in place of the stored one inside a
 * transaction that is then rolled back, so the stored rollup is left as it was.
 */
export async function rollupFromLines(batchId: string) {
  let rows: RollupRow[] = [];
  await db
    .$transaction(async (tx) => {
      await tx.$executeRaw`DELETE FROM "UsageRollup" WHERE "batchId" = ${batchId}::uuid`;
      await tx.$executeRawUnsafe(ROLLUP_FROM_LINES_SQL, [batchId]);
      rows = await tx.$queryRawUnsafe<RollupRow[]>(ROLLUP_OF_BATCH, batchId);
      throw new RolledBack();
    })
    .catch((error) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return rows;
}

/** The rollup the importer wrote for a batch, in the same shape. */
export async function storedRollup(batchId: string) {
  return db.$queryRawUnsafe<RollupRow[]>(ROLLUP_OF_BATCH, batchId);
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
