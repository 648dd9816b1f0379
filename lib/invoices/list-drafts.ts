// The month's drafts list: one query, filtered, sorted and paged in PostgreSQL.
import { z } from "zod";
import { monthParam, searchText } from "@/lib/http/search-params";
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeForSearch } from "@/lib/lookup/normalize";
import { dec } from "@/lib/money/money";
import { approvalWaitCutoff } from "./approval-wait";

export const DRAFT_FLAGS = ["moved", "new-project", "negative-line", "no-previous"] as const;
export const SORTS = ["customer", "total", "change", "status"] as const;
/**
 * The states the list tells apart: the invoice's status, except that a draft a manager sent
 * back (status DRAFT with a rejection reason, cleared when it is submitted again) is REJECTED.
 */
export const LIST_STATES = ["DRAFT", "REJECTED", "SUBMITTED", "APPROVED", "RELEASED", "VOIDED"] as const;
export type ListState = (typeof LIST_STATES)[number];

/** Each list state as a condition on the invoice row `i`. */
const STATE_WHERE: Record<ListState, Prisma.Sql> = {
  DRAFT: Prisma.sql`i.status = 'DRAFT' AND i."rejectionReason" IS NULL`,
  REJECTED: Prisma.sql`i.status = 'DRAFT' AND i."rejectionReason" IS NOT NULL`,
  SUBMITTED: Prisma.sql`i.status = 'SUBMITTED'`,
  APPROVED: Prisma.sql`i.status = 'APPROVED'`,
  RELEASED: Prisma.sql`i.status = 'RELEASED'`,
  VOIDED: Prisma.sql`i.status = 'VOIDED'`,
};

// The drafts page's and its CSV export's query string (lib/http/search-params.ts): a malformed
// month or search fails the parse (an empty result with a message, or 400); unknown filter
// values fall back to none.
export const listDraftsSchema = z.object({
  month: monthParam.optional(),
  status: z.enum(LIST_STATES).optional().catch(undefined),
  flag: z.enum(DRAFT_FLAGS).optional().catch(undefined),
  /** "1": only submitted invoices waiting for approval longer than the alert (lib/invoices/approval-wait.ts). */
  waiting: z.enum(["1"]).optional().catch(undefined),
  q: searchText().optional(),
  sort: z.enum(SORTS).default("customer").catch("customer"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(10_000).default(50).catch(50),
});
export type ListDraftsInput = z.input<typeof listDraftsSchema>;

export interface DraftRow {
  id: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  billingGroup: string;
  status: string;
  /** The list's state: the status, or REJECTED for a draft sent back with a reason. */
  state: ListState;
  /** The manager's reason, for a rejected draft. */
  rejectionReason: string | null;
  version: number;
  totalJpy: string;
  previousTotalJpy: string | null;
  changeJpy: string | null;
  /** Change as a share of last month's total, decimal string, or null. */
  changeShare: string | null;
  flags: string[];
}

const ORDER: Record<(typeof SORTS)[number], Prisma.Sql> = {
  customer: Prisma.sql`c.code`,
  total: Prisma.sql`i."totalJpy"`,
  change: Prisma.sql`abs(i."totalJpy" - coalesce(i."previousTotalJpy", 0))`,
  status: Prisma.sql`i.status`,
};

export async function listMonths(): Promise<string[]> {
  // The invoices' distinct months by skipping through the (month, status) index one month at
  // a time (a loose index scan): DISTINCT over the table read every invoice (~45 ms at 48k).
  const rows = await readRows<Array<{ month: string }>>(Prisma.sql`
    WITH RECURSIVE invoice_months AS (
      (SELECT month FROM "Invoice" ORDER BY month DESC LIMIT 1)
      UNION ALL
      SELECT (SELECT i.month FROM "Invoice" i WHERE i.month < m.month ORDER BY i.month DESC LIMIT 1)
        FROM invoice_months m WHERE m.month IS NOT NULL
    )
    SELECT month FROM (
      SELECT month FROM invoice_months WHERE month IS NOT NULL
      UNION SELECT DISTINCT "invoiceMonth" FROM "UsageBatchScope" WHERE state = 'CURRENT'
    ) m ORDER BY month DESC LIMIT 36`);
  return rows.map((r) => r.month);
}

/**
 * The month's usage that no draft bills yet, per currency: projects with no assignment covering
 * the month (few), then their usage from the rollup's (projectId, invoiceMonth) index, never a
 * scan of the month's usage. Shown on the drafts list and the home page. A project whose open
 * assignment starts in or before the month is billed by it: only the others (their earliest open
 * assignment's month, kept on the project by a trigger, is null or later) are checked against
 * their assignments, through its index, so the cost follows those few and not every project.
 */
export function unassignedUsageTotals(month: string) {
  return readRows<Array<{ currency: string; projects: number; net: string }>>(Prisma.sql`
    WITH unassigned AS (
      SELECT p.id FROM "Project" p
      WHERE (p."openAssignmentFrom" IS NULL OR p."openAssignmentFrom" > ${month})
        AND NOT EXISTS (SELECT 1 FROM "ProjectAssignment" a WHERE a."projectId" = p.id AND a."fromMonth" <= ${month}
        AND (a."toMonth" IS NULL OR ${month} < a."toMonth")))
    SELECT u.currency, count(DISTINCT u."projectId")::int AS projects, trim_scale(sum(u.cost + u.credits))::text AS net
    FROM unassigned x JOIN "UsageRollup" u ON u."projectId" = x.id AND u."invoiceMonth" = ${month} AND u.current
    GROUP BY u.currency ORDER BY u.currency`);
}

export async function listDrafts(raw: ListDraftsInput, now = new Date()) {
  const input = listDraftsSchema.parse(raw);
  // The month list is needed first only when no month was asked for; otherwise every read of
  // the page goes to the database at once.
  const monthsRead = listMonths();
  const month = input.month ?? (await monthsRead)[0] ?? null;
  if (!month)
    return {
      month: null,
      months: await monthsRead,
      rows: [] as DraftRow[],
      total: 0,
      page: 1,
      pageSize: input.pageSize,
      unassigned: [] as Array<{ currency: string; projects: number; net: string }>,
    };

  const where = [Prisma.sql`i.month = ${month}`, Prisma.sql`i.kind = 'INVOICE'`];
  if (input.status) where.push(STATE_WHERE[input.status]);
  if (input.waiting) where.push(Prisma.sql`i.status = 'SUBMITTED' AND i."submittedAt" < ${approvalWaitCutoff(now)}`);
  if (input.flag) where.push(Prisma.sql`${input.flag} = ANY(i.flags)`);
  if (input.q) {
    const folded = `%${normalizeForSearch(input.q).replace(/[%_\\]/g, "\\$&")}%`;
    where.push(Prisma.sql`(c."searchText" LIKE ${folded} OR c.code ILIKE ${`%${input.q}%`})`);
  }
  const direction = input.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  // The page's rows, and how many match, as two statements: a count over the window made the
  // page's query carry every matching row to its end, and the count alone is read from the
  // (month, kind) index. The page is ordered by the sort alone (no window over the month's rows),
  // so PostgreSQL can walk an index in that order (customers by code, the month's invoices by
  // total) and stop after the page instead of sorting every invoice of the month (20,000 at ten
  // times the bench's data); the outer query puts the page's rows back in that order.
  const order = Prisma.sql`${ORDER[input.sort]} ${direction}, c.code ASC, g.name ASC`;
  const rowsRead = readRows<
    Array<
      Omit<DraftRow, "totalJpy" | "previousTotalJpy" | "changeJpy" | "changeShare" | "state"> & {
        totalJpy: bigint;
        previousTotalJpy: bigint | null;
        pos: bigint;
      }
    >
  >(
    // The rejection reason is read for the page's rows only (the outer select): the month's
    // rows are sorted from the covering index (month, kind), which does not hold it.
    Prisma.sql`
    SELECT page.*,
           CASE WHEN page.status = 'DRAFT' THEN (SELECT x."rejectionReason" FROM "Invoice" x WHERE x.id = page.id::uuid)
           END AS "rejectionReason"
    FROM (
      SELECT ordered.*, row_number() OVER () AS pos
      FROM (
        SELECT i.id::text, c.id::text AS "customerId", c.code AS "customerCode", c.name AS "customerName",
               g.name AS "billingGroup", i.status::text, i.version, i."totalJpy", i."previousTotalJpy", i.flags
        FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId" JOIN "BillingGroup" g ON g.id = i."billingGroupId"
        WHERE ${Prisma.join(where, " AND ")}
        ORDER BY ${order}
        LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}
      ) ordered
    ) page
    ORDER BY page.pos`,
    // A name search is planned for its pattern (see readRows); the rest is prepared.
    { prepared: !input.q },
  );
  const countRead = readRows<[{ total: bigint }]>(
    Prisma.sql`SELECT count(*) AS total FROM "Invoice" i
      ${input.q ? Prisma.sql`JOIN "Customer" c ON c.id = i."customerId"` : Prisma.empty}
      WHERE ${Prisma.join(where, " AND ")}`,
    { prepared: !input.q },
  );

  const unassignedRead = unassignedUsageTotals(month);
  const [months, rows, [count], unassigned] = await Promise.all([monthsRead, rowsRead, countRead, unassignedRead]);

  return {
    month,
    months,
    total: Number(count?.total ?? 0),
    page: input.page,
    pageSize: input.pageSize,
    unassigned,
    rows: rows.map(({ pos: _pos, ...r }): DraftRow => {
      const change = r.previousTotalJpy === null ? null : r.totalJpy - r.previousTotalJpy;
      return {
        ...r,
        state: r.status === "DRAFT" && r.rejectionReason !== null ? "REJECTED" : (r.status as ListState),
        totalJpy: r.totalJpy.toString(),
        previousTotalJpy: r.previousTotalJpy?.toString() ?? null,
        changeJpy: change?.toString() ?? null,
        changeShare:
          change === null || !r.previousTotalJpy
            ? null
            : dec(change).div(dec(r.previousTotalJpy)).toDecimalPlaces(4).toString(),
      };
    }),
  };
}
