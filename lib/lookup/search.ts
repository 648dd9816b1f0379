// Support's one search box: a customer by name (Japanese or Latin, partial; width, kana and
// case folded), customer code, project id, billing account, invoice number or amount. Every
// kind is matched through an index (GIN trigram on folded text, btree for codes and amounts;
// see the lookup_search_indexes migration), never a table scan.
import { readRows } from "@/lib/db-read";
import { authorize } from "@/lib/audit/access-denied";
import type { Actor } from "@/lib/authz/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { containsPattern, searchTerms, type SearchTerms } from "./query-text";

export interface CustomerHit {
  id: string;
  code: string;
  name: string;
  nameKana: string;
  nameLatin: string | null;
}
export interface ProjectHit {
  id: string;
  name: string;
  billingAccountId: string | null;
  customerId: string | null;
  customerName: string | null;
}
export interface BillingAccountHit {
  id: string;
  name: string;
  projects: number;
  customers: number;
}
export interface InvoiceHit {
  id: string;
  number: string | null;
  month: string;
  status: string;
  kind: string;
  totalJpy: string;
  customerId: string;
  customerName: string;
  /** Why it matched: its number, or its amount. */
  matched: "number" | "amount";
}

export interface SearchResults {
  query: string;
  customers: { hits: CustomerHit[]; more: boolean };
  projects: { hits: ProjectHit[]; more: boolean };
  billingAccounts: { hits: BillingAccountHit[]; more: boolean };
  invoices: { hits: InvoiceHit[]; more: boolean };
}

function emptyResults(query: string): SearchResults {
  return {
    query,
    customers: { hits: [], more: false },
    projects: { hits: [], more: false },
    billingAccounts: { hits: [], more: false },
    invoices: { hits: [], more: false },
  };
}

function page<T>(rows: T[], limit: number) {
  return { hits: rows.slice(0, limit), more: rows.length > limit };
}

/** How many customers a name search ranks at most (see searchQueries). */
export const CUSTOMER_CANDIDATES = 200;

/** The four queries, one per kind; exported so a test can EXPLAIN exactly what runs. */
export function searchQueries(terms: SearchTerms, take: number) {
  const namePattern = containsPattern(terms.folded);
  const identPattern = containsPattern(terms.identifier);
  const { folded, identifier: ident, code, amountJpy: amount } = terms;
  // Trigrams need three characters; one or two (a two-kanji name) go through the grams index.
  const nameCondition =
    [...folded].length >= 3
      ? Prisma.sql`c."searchText" LIKE ${namePattern}`
      : Prisma.sql`lookup_grams(c."searchText") @> ARRAY[${folded}]::text[]`;
  // Ids and numbers are only matched in part from three characters on (a shorter part of an
  // id says nothing); the exact forms (code, amount) always.
  const identOk = [...ident].length >= 3;
  const accountMatch = identOk
    ? Prisma.sql`lower(b.id) LIKE ${identPattern} OR lower(b.name) LIKE ${identPattern}`
    : Prisma.sql`false`;
  return {
    // A broad name (a city's reading in kana matches a thousand customers at 20,000) is ranked
    // among a bounded set of candidates, not among every customer it matches: the index finds
    // them, and only the first CUSTOMER_CANDIDATES are read and ranked (the list says there is
    // more, and a longer name narrows it). The exact code is always a candidate.
    // The candidates carry their columns: joined back to the table by id, the planner hashed every
    // customer to find 200.
    customers: Prisma.sql`
      WITH candidates AS (
        (SELECT c.id, c.code, c.name, c."nameKana", c."nameLatin", c."searchText" FROM "Customer" c
         WHERE ${nameCondition} LIMIT ${CUSTOMER_CANDIDATES})
        UNION SELECT c.id, c.code, c.name, c."nameKana", c."nameLatin", c."searchText" FROM "Customer" c
        WHERE c.code = ${code}
      )
      SELECT c.id::text, c.code, c.name, c."nameKana", c."nameLatin"
      FROM candidates c
      ORDER BY (c.code = ${code}) DESC, similarity(c."searchText", ${folded}) DESC, c.code
      LIMIT ${take}`,
    // The id and the name each through their own index: as one OR the planner sometimes
    // judged a scan of every project cheaper (4 ms against 0.4 ms for a whole invoice number).
    projects: Prisma.sql`
      WITH hits AS (
        ${
          identOk
            ? Prisma.sql`SELECT id FROM "Project" WHERE lower(id) LIKE ${identPattern}
              UNION SELECT id FROM "Project" WHERE lower(name) LIKE ${identPattern}`
            : Prisma.sql`SELECT id FROM "Project" WHERE id = ${ident}`
        }
      )
      SELECT p.id, p.name, p."billingAccountId", c.id::text AS "customerId", c.name AS "customerName"
      FROM hits h JOIN "Project" p ON p.id = h.id
      LEFT JOIN LATERAL (
        SELECT a."customerId" FROM "ProjectAssignment" a WHERE a."projectId" = p.id
        ORDER BY (a."toMonth" IS NULL) DESC, a."fromMonth" DESC LIMIT 1
      ) a ON true
      LEFT JOIN "Customer" c ON c.id = a."customerId"
      ORDER BY (lower(p.id) = ${ident}) DESC, p.id
      LIMIT ${take}`,
    billingAccounts: Prisma.sql`
      SELECT b.id, b.name,
        (SELECT count(*)::int FROM "Project" p WHERE p."billingAccountId" = b.id) AS projects,
        (SELECT count(DISTINCT a."customerId")::int
         FROM "Project" p JOIN "ProjectAssignment" a ON a."projectId" = p.id AND a."toMonth" IS NULL
         WHERE p."billingAccountId" = b.id) AS customers
      FROM "BillingAccount" b
      WHERE ${accountMatch}
      ORDER BY (lower(b.id) = ${ident}) DESC, b.id
      LIMIT ${take}`,
    // A whole invoice number is found through its own index; only when no number equals the
    // text is a part of one looked for (its prefix's trigrams are shared by every invoice).
    invoices: Prisma.sql`
      WITH hits AS (
        ${
          identOk
            ? Prisma.sql`SELECT id FROM "Invoice" WHERE lower(number) = ${ident}
        UNION
        SELECT id FROM "Invoice" WHERE NOT EXISTS (SELECT 1 FROM "Invoice" WHERE lower(number) = ${ident})
          AND lower(number) LIKE ${identPattern}`
            : Prisma.sql`SELECT NULL::uuid AS id WHERE false`
        }
        ${amount !== null ? Prisma.sql`UNION SELECT id FROM "Invoice" WHERE "totalJpy" = ${amount}` : Prisma.empty}
      )
      SELECT i.id::text, i.number, i.month, i.status::text, i.kind::text, i."totalJpy",
        c.id::text AS "customerId", c.name AS "customerName",
        CASE WHEN ${identOk} AND lower(i.number) LIKE ${identPattern} THEN 'number' ELSE 'amount' END AS matched
      FROM hits h JOIN "Invoice" i ON i.id = h.id JOIN "Customer" c ON c.id = i."customerId"
      ORDER BY i.month DESC, i.number NULLS LAST, c.code
      LIMIT ${take}`,
  };
}

export async function searchLookup({
  actor,
  query,
  limit = 10,
}: {
  actor: Actor;
  query: string;
  limit?: number;
}): Promise<SearchResults> {
  await authorize(actor, "lookup.use");
  const terms = searchTerms(query);
  const q = terms.query;
  if (!terms.folded && !terms.identifier) return emptyResults(q);
  const sql = searchQueries(terms, limit + 1);
  // Planned for each query's values: how selective a pattern is decides between the trigram
  // index and a scan, which one prepared plan for every pattern would not.
  const [customers, projects, accounts, invoices] = await Promise.all([
    terms.folded ? readRows<CustomerHit[]>(sql.customers, { prepared: false }) : Promise.resolve([]),
    readRows<ProjectHit[]>(sql.projects, { prepared: false }),
    readRows<BillingAccountHit[]>(sql.billingAccounts, { prepared: false }),
    readRows<Array<Omit<InvoiceHit, "totalJpy"> & { totalJpy: bigint }>>(sql.invoices, { prepared: false }),
  ]);

  return {
    query: q,
    customers: page(customers, limit),
    projects: page(projects, limit),
    billingAccounts: page(accounts, limit),
    invoices: page(
      invoices.map((i) => ({ ...i, totalJpy: i.totalJpy.toString(), matched: i.matched as InvoiceHit["matched"] })),
      limit,
    ),
  };
}
