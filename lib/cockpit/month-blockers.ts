// What stands between a month's usage and its invoices, besides the invoices' own states: usage
// of projects no customer is assigned (billed by no draft), and a currency of the month's usage
// with no FX rate for the month (its billing groups' drafts cannot be generated).
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { unassignedUsageTotals } from "@/lib/invoices/list-drafts";

export interface MonthBlockers {
  /** Per currency: projects with usage and no customer this month, and their usage after credits. */
  unassigned: Array<{ currency: string; projects: number; net: string }>;
  /** Currencies of the month's usage without a rate to yen for the month. */
  missingFxRates: string[];
}

export async function monthBlockers(month: string): Promise<MonthBlockers> {
  // The month's currencies come from its usage batches (a handful of rows, their totals keyed by
  // currency); each one without a rate is then confirmed in the rollup, whose scan stops at the
  // first row of that currency. Never a scan of the month's usage for its currencies.
  const [unassigned, missing] = await Promise.all([
    unassignedUsageTotals(month),
    readRows<Array<{ currency: string }>>(Prisma.sql`
      SELECT c.currency
      FROM (SELECT DISTINCT jsonb_object_keys(b.totals) AS currency
            FROM "UsageBatch" b WHERE ${month} = ANY(b.months) AND jsonb_typeof(b.totals) = 'object') c
      WHERE c.currency <> 'JPY'
        AND NOT EXISTS (SELECT 1 FROM "FxRate" f
                        WHERE f.month = ${month} AND f."fromCurrency" = c.currency AND f."toCurrency" = 'JPY')
        AND EXISTS (SELECT 1 FROM "UsageRollup" u WHERE u."invoiceMonth" = ${month} AND u.currency = c.currency
                      AND u.current)
      ORDER BY c.currency`),
  ]);
  return { unassigned, missingFxRates: missing.map((m) => m.currency) };
}
