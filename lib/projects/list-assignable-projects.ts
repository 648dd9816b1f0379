// What the assignments page shows: projects to assign, a page at a time, with their assignment
// history, and customers found by name, kana or code (as the lookup finds them) with their
// billing groups to choose from.
//
// Two lists, each paged by keyset on the project id (a page costs the same at any depth):
//   - a month's unassigned projects: usage in the month and no assignment covering it;
//   - a search: projects whose id or name contains the text.
import { z } from "zod";
import { readRows } from "@/lib/db-read";
import { db } from "@/lib/db";
import { monthParam, searchText } from "@/lib/http/search-params";
import { Prisma } from "@/lib/generated/prisma/client";
import { containsPattern, foldIdentifier, searchTerms } from "@/lib/lookup/query-text";
import { searchQueries } from "@/lib/lookup/search";
import { UUID } from "@/lib/uuid";
import { ASSIGNMENT_PAGE_SIZE } from "@/lib/projects/assignment-page-size";

/** The assignments page's query string (lib/http/search-params.ts). */
export const assignmentsSearchSchema = z.object({
  q: searchText().optional(),
  month: monthParam.optional(),
  before: searchText(200).optional(),
  after: searchText(200).optional(),
  project: searchText(200).optional(),
  customer: searchText().optional(),
  customerId: searchText(50).optional(),
  assigned: searchText(200).optional(),
});

export interface AssignableProjectsQuery {
  /** Search text; when set the month is ignored. */
  q?: string;
  /** The month whose unassigned projects to list; null lists projects never assigned. */
  month: string | null;
  /** Keyset cursors: the page after this project id, or the page before it. */
  after?: string;
  before?: string;
  pageSize?: number;
}

function filterOf({ q, month }: Pick<AssignableProjectsQuery, "q" | "month">) {
  if (q) {
    const pattern = containsPattern(foldIdentifier(q));
    return Prisma.sql`(lower(p.id) LIKE ${pattern} OR lower(p.name) LIKE ${pattern})`;
  }
  if (!month) return Prisma.sql`NOT EXISTS (SELECT 1 FROM "ProjectAssignment" a WHERE a."projectId" = p.id)`;
  // Usage read from the rollups, like the unassigned usage list (lib/usage/list-usage.ts): only
  // current usage, not a replaced export's nor one waiting for confirmation.
  return Prisma.sql`EXISTS (SELECT 1 FROM "UsageRollup" u WHERE u."projectId" = p.id AND u."invoiceMonth" = ${month}
      AND u.current)
    AND NOT EXISTS (SELECT 1 FROM "ProjectAssignment" a WHERE a."projectId" = p.id AND a."fromMonth" <= ${month}
      AND (a."toMonth" IS NULL OR ${month} < a."toMonth"))`;
}

export async function listProjectsForAssignment(query: AssignableProjectsQuery) {
  const size = query.pageSize ?? ASSIGNMENT_PAGE_SIZE;
  const filter = filterOf(query);
  const backwards = query.before !== undefined;
  const cursor =
    query.before !== undefined
      ? Prisma.sql`AND p.id < ${query.before}`
      : query.after !== undefined
        ? Prisma.sql`AND p.id > ${query.after}`
        : Prisma.empty;
  const [rows, [counts]] = await Promise.all([
    readRows<Array<{ id: string }>>(
      Prisma.sql`SELECT p.id FROM "Project" p WHERE ${filter} ${cursor}
                 ORDER BY p.id ${backwards ? Prisma.sql`DESC` : Prisma.sql`ASC`} LIMIT ${size + 1}`,
      { prepared: false },
    ),
    readRows<Array<{ total: number }>>(Prisma.sql`SELECT count(*)::int AS total FROM "Project" p WHERE ${filter}`, {
      prepared: false,
    }),
  ]);
  const more = rows.length > size;
  const ids = rows.slice(0, size).map((r) => r.id);
  if (backwards) ids.reverse();
  const first = ids[0];
  const last = ids[ids.length - 1];
  // Where the page starts, to say "51-100 of 234".
  const [before] =
    first === undefined
      ? [{ n: 0 }]
      : await readRows<Array<{ n: number }>>(
          Prisma.sql`SELECT count(*)::int AS n FROM "Project" p WHERE ${filter} AND p.id < ${first}`,
          { prepared: false },
        );
  const offset = before?.n ?? 0;

  const projects = await db.project.findMany({
    where: { id: { in: ids } },
    include: {
      assignments: {
        orderBy: { fromMonth: "desc" },
        include: { customer: { select: { code: true, name: true } }, billingGroup: { select: { name: true } } },
      },
    },
    orderBy: { id: "asc" },
  });
  return {
    total: counts?.total ?? 0,
    from: ids.length ? offset + 1 : 0,
    to: offset + ids.length,
    // Cursors of the neighbouring pages, or null at either end.
    next: last !== undefined && (backwards || more) ? last : null,
    previous: first !== undefined && offset > 0 ? first : null,
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      billingAccountId: p.billingAccountId,
      history: p.assignments.map((a) => ({
        customer: `${a.customer.code} ${a.customer.name}`,
        billingGroup: a.billingGroup.name,
        fromMonth: a.fromMonth,
        toMonth: a.toMonth,
      })),
    })),
  };
}

/** The month just imported: the latest month of the most recent usage batch billed (not one awaiting confirmation). */
export async function latestImportedMonth(): Promise<string | null> {
  const batch = await db.usageBatch.findFirst({
    where: { scopes: { some: { state: { not: "STAGED" } } } },
    orderBy: { importedAt: "desc" },
    select: { months: true },
  });
  return batch?.months.toSorted().at(-1) ?? null;
}

/**
 * Customers by name (Japanese or Latin, kana and width folded, partial) or code, as the lookup
 * finds them, best first; `more` when there are others beyond the limit.
 */
export async function searchCustomersForAssignment(text: string, limit = 10) {
  const terms = searchTerms(text);
  if (!terms.folded) return { hits: [], more: false };
  const rows = await readRows<
    Array<{ id: string; code: string; name: string; nameKana: string; nameLatin: string | null }>
  >(searchQueries(terms, limit + 1).customers, { prepared: false });
  return { hits: rows.slice(0, limit), more: rows.length > limit };
}

export async function findCustomerGroups(customerId: string) {
  if (!UUID.test(customerId)) return null;
  return db.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      code: true,
      name: true,
      billingGroups: {
        select: { id: true, name: true, isDefault: true },
        orderBy: [{ isDefault: "desc" }, { name: "asc" }],
      },
    },
  });
}
