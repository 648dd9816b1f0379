// Reads of usage lines, in SQL: the table has no unique key for Prisma to map (see the schema).
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UsageRow } from "./usage-row";

/** A stored usage line: the file's row as the importer kept it, with its batch, times as Dates and JSON parsed. */
export interface UsageLineRow extends Omit<UsageRow, "usageStart" | "usageEnd" | "labels" | "creditDetail"> {
  batchId: string;
  usageStart: Date | null;
  usageEnd: Date | null;
  labels: unknown;
  creditDetail: unknown;
}

export const USAGE_LINE_COLUMNS = Prisma.sql`"batchId"::text AS "batchId", "lineNo", "invoiceMonth",
  "billingAccountId", "projectId", "projectName", "serviceId", "serviceDescription", "skuId", "skuDescription",
  "usageStart", "usageEnd", region, labels, trim_scale(cost)::text AS cost, trim_scale(credits)::text AS credits,
  "creditDetail", currency, trim_scale("conversionRate")::text AS "conversionRate",
  trim_scale("usageAmount")::text AS "usageAmount", "usageUnit", "costType"`;

/** A page of a project's usage lines for a month (optionally one service), newest first. */
export function listProjectUsageLines(input: {
  projectId: string;
  month: string;
  serviceId?: string;
  limit: number;
  offset: number;
}) {
  const ofService = input.serviceId ? Prisma.sql`AND "serviceId" = ${input.serviceId}` : Prisma.empty;
  return db.$queryRaw<UsageLineRow[]>`
    SELECT ${USAGE_LINE_COLUMNS} FROM "UsageLine"
    WHERE "projectId" = ${input.projectId} AND "invoiceMonth" = ${input.month} ${ofService}
    ORDER BY "usageStart" DESC NULLS LAST, "batchId", "lineNo"
    LIMIT ${input.limit} OFFSET ${input.offset}`;
}
