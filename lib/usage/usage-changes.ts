// What a new batch changes in the usage already billed for its scopes: per project and
// currency, the billed amount before and after and the rows added and removed (the replacement
// preview); and, for an append, the rows it would bill twice. Rows are compared by their stored
// values (numbers without trailing zeros, JSON as values), the same equality as the row digest.
import type pg from "pg";
import type { Scope } from "./usage-scopes";

/**
 * The credits list with each amount as a canonical decimal: jsonb keeps a number as written
 * (-0.250000, -250000e-6), while the row digest reads -0.25 for all of them.
 */
const CREDIT_DETAIL = `(SELECT jsonb_agg(CASE WHEN jsonb_typeof(e -> 'amount') = 'number'
    THEN jsonb_set(e, '{amount}', to_jsonb(trim_scale((e ->> 'amount')::numeric))) ELSE e END ORDER BY i)
  FROM jsonb_array_elements(CASE jsonb_typeof(l."creditDetail") WHEN 'array' THEN l."creditDetail" END)
    WITH ORDINALITY AS c(e, i))`;

/** One row's content as a key: every stored value but its batch and line number. */
const ROW_KEY = `md5(ROW(l."invoiceMonth", l."billingAccountId", l."projectId", l."projectName", l."serviceId",
  l."serviceDescription", l."skuId", l."skuDescription", l."usageStart", l."usageEnd", l.region, l.labels,
  trim_scale(l.cost), trim_scale(l.credits), ${CREDIT_DETAIL}, l.currency, trim_scale(l."conversionRate"),
  trim_scale(l."usageAmount"), l."usageUnit", l."costType")::text)`;

/**
 * The lines of the scopes that are billed now (`old`) and the new batch's lines (`new`), read
 * through the lines' (project, month) index for the projects either side has.
 */
const SCOPE_LINES = `
  scope AS (SELECT * FROM unnest($2::text[], $3::text[]) AS x(account, month)),
  project AS (
    SELECT DISTINCT r."projectId", r."invoiceMonth" FROM "UsageRollup" r
    JOIN scope ON r."billingAccountId" = scope.account AND r."invoiceMonth" = scope.month
    WHERE r.current OR r."batchId" = $1::uuid),
  line AS (
    SELECT l."batchId", l."lineNo", l."invoiceMonth", l."projectId", l.currency, l.cost + l.credits AS net,
           l."batchId" = $1::uuid AS is_new, ${ROW_KEY} AS k
    FROM project p
    JOIN "UsageLine" l ON l."projectId" = p."projectId" AND l."invoiceMonth" = p."invoiceMonth"
    JOIN scope ON scope.account = l."billingAccountId" AND scope.month = l."invoiceMonth"
    LEFT JOIN "UsageBatchScope" s ON s."batchId" = l."batchId" AND s."billingAccountId" = l."billingAccountId"
      AND s."invoiceMonth" = l."invoiceMonth"
    WHERE l."batchId" = $1::uuid OR s.state = 'CURRENT')`;

export interface ProjectChange {
  month: string;
  projectId: string;
  currency: string;
  /** Billed now (cost after credits, in the currency), as a decimal string. */
  oldNet: string;
  /** Billed after the change. */
  newNet: string;
  difference: string;
  rowsAdded: number;
  rowsRemoved: number;
}

/**
 * Per month, project and currency, what the batch changes in the scopes' billed rows: replacing
 * them, or (append) adding to them.
 */
export async function usageChanges(
  client: pg.ClientBase,
  batchId: string,
  scopes: readonly Scope[],
  mode: "replace" | "append",
): Promise<ProjectChange[]> {
  if (!scopes.length) return [];
  // After an append the billed rows are the old ones and the new ones; after a replacement, the new ones.
  const after = mode === "append" ? "true" : "is_new";
  const { rows } = await client.query<ProjectChange>(
    `WITH ${SCOPE_LINES},
     keyed AS (
       SELECT "invoiceMonth", "projectId", currency, k,
              count(*) FILTER (WHERE NOT is_new) AS old_n, count(*) FILTER (WHERE ${after}) AS new_n,
              coalesce(sum(net) FILTER (WHERE NOT is_new), 0) AS old_net,
              coalesce(sum(net) FILTER (WHERE ${after}), 0) AS new_net
       FROM line GROUP BY 1, 2, 3, 4)
     SELECT "invoiceMonth" AS month, "projectId", currency, trim_scale(sum(old_net))::text AS "oldNet",
            trim_scale(sum(new_net))::text AS "newNet", trim_scale(sum(new_net) - sum(old_net))::text AS difference,
            sum(greatest(new_n - old_n, 0))::int AS "rowsAdded", sum(greatest(old_n - new_n, 0))::int AS "rowsRemoved"
     FROM keyed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [batchId, scopes.map((s) => s.billingAccountId), scopes.map((s) => s.month)],
  );
  return rows;
}

export interface DuplicateRow {
  line: number;
  storedBatchId: string;
  storedFileName: string;
  storedLine: number;
}

/** The batch's rows that are already billed for their scope (first `limit`), and how many there are. */
export async function duplicateRows(
  client: pg.ClientBase,
  batchId: string,
  scopes: readonly Scope[],
  limit = 20,
): Promise<{ count: number; first: DuplicateRow[] }> {
  if (!scopes.length) return { count: 0, first: [] };
  const { rows } = await client.query<DuplicateRow & { count: number }>(
    `WITH ${SCOPE_LINES},
     dup AS (
       SELECT DISTINCT ON (n."lineNo") n."lineNo" AS line, o."batchId" AS "storedBatchId", o."lineNo" AS "storedLine"
       FROM line n JOIN line o ON o.k = n.k AND o."projectId" = n."projectId" AND NOT o.is_new
       WHERE n.is_new ORDER BY n."lineNo", o."batchId", o."lineNo")
     SELECT d.line, d."storedBatchId"::text AS "storedBatchId", b."fileName" AS "storedFileName", d."storedLine",
            (SELECT count(*)::int FROM dup) AS count
     FROM dup d JOIN "UsageBatch" b ON b.id = d."storedBatchId" ORDER BY d.line LIMIT $4`,
    [batchId, scopes.map((s) => s.billingAccountId), scopes.map((s) => s.month), limit],
  );
  return { count: rows[0]?.count ?? 0, first: rows.map(({ count: _count, ...d }) => d) };
}
