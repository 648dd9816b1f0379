// How many of a month's invoices are in each state, for the drafts list's status bar and the
// home page: one statement, read from indexes. The states are the drafts list's (a rejected
// draft apart from the other drafts) over invoices proper; the release counts (approved and
// waiting, a delivery failed) cover corrections too, like the lists they link to.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { approvalWaitCutoff } from "./approval-wait";
import type { ListState } from "./list-drafts";

export interface MonthStateCounts {
  /** Invoices (kind INVOICE) per list state. */
  byState: Record<ListState, number>;
  /** Invoices, credit notes and voids approved and not yet released (the ready-to-release list). */
  readyToRelease: number;
  /** Invoices, credit notes and voids of the month with a delivery that failed. */
  deliveryFailed: number;
  /** Submitted invoices waiting for approval longer than the alert (lib/invoices/approval-wait.ts). */
  waitingLong: number;
}

export async function monthStateCounts(month: string, now = new Date()): Promise<MonthStateCounts> {
  // One statement: kind and status from the (month, kind) covering index, rejected drafts from
  // their partial index; the submitted ones' times and the failed deliveries are few rows each.
  // Grouped by the enums themselves and named after: a cast per group, not one per row.
  const [row] = await readRows<
    Array<{ states: Record<string, number> | null; rejected: bigint; waitingLong: bigint; deliveryFailed: bigint }>
  >(Prisma.sql`
    SELECT
      (SELECT json_object_agg(s.kind::text || ':' || s.status::text, s.n)
         FROM (SELECT kind, status, count(*) AS n FROM "Invoice" WHERE month = ${month}
               GROUP BY kind, status) s) AS states,
      (SELECT count(*) FROM "Invoice"
        WHERE month = ${month} AND kind = 'INVOICE' AND status = 'DRAFT' AND "rejectionReason" IS NOT NULL) AS rejected,
      (SELECT count(*) FROM "Invoice"
        WHERE month = ${month} AND kind = 'INVOICE' AND status = 'SUBMITTED'
          AND "submittedAt" < ${approvalWaitCutoff(now)}) AS "waitingLong",
      (SELECT count(DISTINCT d."invoiceId") FROM "Delivery" d JOIN "Invoice" x ON x.id = d."invoiceId"
        WHERE d.status = 'FAILED' AND x.month = ${month}) AS "deliveryFailed"`);
  const states = Object.entries(row?.states ?? {});
  const count = (kind: string | null, status: string) =>
    states
      .filter(([key]) => key.endsWith(`:${status}`) && (kind === null || key.startsWith(`${kind}:`)))
      .reduce((sum, [, n]) => sum + n, 0);
  const rejected = Number(row?.rejected ?? 0);
  return {
    byState: {
      DRAFT: count("INVOICE", "DRAFT") - rejected,
      REJECTED: rejected,
      SUBMITTED: count("INVOICE", "SUBMITTED"),
      APPROVED: count("INVOICE", "APPROVED"),
      RELEASED: count("INVOICE", "RELEASED"),
      VOIDED: count("INVOICE", "VOIDED"),
    },
    readyToRelease: count(null, "APPROVED"),
    deliveryFailed: Number(row?.deliveryFailed ?? 0),
    waitingLong: Number(row?.waitingLong ?? 0),
  };
}
