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

export const USAGE_LINE_COLUMNS = Prisma.sql`l."batchId"::text AS "batchId", l."lineNo", l."invoiceMonth",
  l."billingAccountId", l."projectId", l."projectName", l."serviceId", l."serviceDescription", l."skuId",
  l."skuDescription", l."usageStart", l."usageEnd", l.region, l.labels, trim_scale(l.cost)::text AS cost,
  trim_scale(l.credits)::text AS credits, l."creditDetail", l.currency,
  trim_scale(l."conversionRate")::text AS "conversionRate", trim_scale(l."usageAmount")::text AS "usageAmount",
  l."usageUnit", l."costType"`;

/** A page of a project's billed (current) usage lines for a month (optionally one service), newest first. */
export function listProjectUsageLines(input: {
  projectId: string;
  month: string;
  serviceId?: string;
  limit: number;
  offset: number;
}) {
  const ofService = input.serviceId ? Prisma.sql`AND l."serviceId" = ${input.serviceId}` : Prisma.empty;
  return db.$queryRaw<UsageLineRow[]>`
    SELECT ${USAGE_LINE_COLUMNS} FROM "UsageLine" l
    JOIN "UsageBatchScope" s ON s."batchId" = l."batchId" AND s."billingAccountId" = l."billingAccountId"
      AND s."invoiceMonth" = l."invoiceMonth" AND s.state = 'CURRENT'
    WHERE l."projectId" = ${input.projectId} AND l."invoiceMonth" = ${input.month} ${ofService}
    ORDER BY l."usageStart" DESC NULLS LAST, l."batchId", l."lineNo"
    LIMIT ${input.limit} OFFSET ${input.offset}`;
}
