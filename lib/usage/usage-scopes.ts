// The scopes of usage: a billing account's rows for one invoice month, the unit a usage export
// replaces as a whole. Everything here runs on the importer's pg client, inside its transaction.
import type pg from "pg";
import { RowMultisetDigest, addDigests } from "./row-digest";
import type { UsageRow } from "./usage-row";

export interface Scope {
  billingAccountId: string;
  month: string;
}

export const scopeKey = (s: Scope) => `${s.billingAccountId}\u0000${s.month}`;

export const byScope = (a: Scope, b: Scope) =>
  a.month.localeCompare(b.month) || a.billingAccountId.localeCompare(b.billingAccountId);

/** What a scope holds: its row count and digest, as one comparable text ("" for nothing). */
export const fingerprint = (rows: number, digest: string) => (rows ? `${rows}:${digest}` : "");

/**
 * Serialises imports of the same scopes until the transaction ends. Taken in one order
 * (month, then account), so two imports of overlapping months cannot deadlock.
 */
export async function lockScopes(client: pg.ClientBase, scopes: readonly Scope[]) {
  for (const s of [...scopes].sort(byScope))
    await client.query("SELECT pg_advisory_xact_lock(7314200, hashtext($1))", [`${s.billingAccountId}:${s.month}`]);
}

export interface CurrentPart {
  batchId: string;
  rows: number;
  digest: string;
}

export interface CurrentScope extends Scope {
  parts: CurrentPart[];
  rows: number;
  /** The digest of every current row of the scope (the parts' digests added up). */
  digest: string;
  fingerprint: string;
}

/** Digests computed from stored rows while comparing: kept even when the comparing transaction rolls back. */
export type ComputedDigest = Scope & { batchId: string; digest: string };

/**
 * What is billed for each scope now (call with the scopes locked). A part imported before
 * digests existed has its digest computed from its stored rows, and kept (`computed` lists
 * them, for a caller that rolls back to keep them with keepComputedDigests).
 */
export async function loadCurrentScopes(
  client: pg.ClientBase,
  scopes: readonly Scope[],
  exceptBatchId?: string,
  computed: ComputedDigest[] = [],
): Promise<Map<string, CurrentScope>> {
  const { rows } = await client.query<{
    batchId: string;
    billingAccountId: string;
    invoiceMonth: string;
    rows: number;
    digest: string | null;
  }>(
    `SELECT s."batchId"::text AS "batchId", s."billingAccountId", s."invoiceMonth", s.rows, s.digest
     FROM "UsageBatchScope" s
     JOIN unnest($1::text[], $2::text[]) AS x(account, month)
       ON s."billingAccountId" = x.account AND s."invoiceMonth" = x.month
     WHERE s.state = 'CURRENT' AND s."batchId" <> coalesce($3::uuid, '00000000-0000-0000-0000-000000000000')
     ORDER BY s."createdAt", s."batchId"`,
    [scopes.map((s) => s.billingAccountId), scopes.map((s) => s.month), exceptBatchId ?? null],
  );
  const result = new Map<string, CurrentScope>();
  for (const s of scopes) result.set(scopeKey(s), { ...s, parts: [], rows: 0, digest: "", fingerprint: "" });
  for (const r of rows) {
    const scope = result.get(scopeKey({ billingAccountId: r.billingAccountId, month: r.invoiceMonth }));
    if (!scope) continue;
    let digest = r.digest;
    if (digest === null) {
      digest = await storeScopeDigest(client, r.batchId, scope);
      computed.push({ billingAccountId: scope.billingAccountId, month: scope.month, batchId: r.batchId, digest });
    }
    scope.parts.push({ batchId: r.batchId, rows: r.rows, digest });
  }
  for (const scope of result.values()) {
    scope.rows = scope.parts.reduce((n, p) => n + p.rows, 0);
    scope.digest = scope.parts.reduce((d, p) => addDigests(d, p.digest), "0".repeat(64));
    scope.fingerprint = fingerprint(scope.rows, scope.digest);
  }
  return result;
}

/** Stores digests computed in a transaction that was rolled back (a batch's rows never change). */
export async function keepComputedDigests(client: pg.ClientBase, computed: readonly ComputedDigest[]) {
  for (const c of computed)
    await client.query(
      `UPDATE "UsageBatchScope" SET digest = $4 WHERE "batchId" = $1::uuid AND "billingAccountId" = $2
         AND "invoiceMonth" = $3 AND digest IS NULL`,
      [c.batchId, c.billingAccountId, c.month, c.digest],
    );
}

/** Computes a batch scope's digest from its stored rows and keeps it. */
async function storeScopeDigest(client: pg.ClientBase, batchId: string, scope: Scope): Promise<string> {
  const digest = await digestOfStoredRows(client, batchId, scope);
  await client.query(
    `UPDATE "UsageBatchScope" SET digest = $4 WHERE "batchId" = $1::uuid AND "billingAccountId" = $2
       AND "invoiceMonth" = $3`,
    [batchId, scope.billingAccountId, scope.month, digest.toHex()],
  );
  return digest.toHex();
}

/**
 * The digest of a batch scope's rows as stored: read back a page at a time through the lines'
 * (project, month) index and digested exactly as the importer digests a file's rows, so the
 * same rows give the same digest however they arrived.
 */
export async function digestOfStoredRows(
  client: pg.ClientBase,
  batchId: string,
  scope: Scope,
): Promise<RowMultisetDigest> {
  const digest = new RowMultisetDigest();
  const cursor = `usage_digest_${Math.random().toString(36).slice(2, 10)}`;
  await client.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR
     SELECT l."lineNo", l."invoiceMonth", l."billingAccountId", l."projectId", l."projectName", l."serviceId",
       l."serviceDescription", l."skuId", l."skuDescription",
       to_char(l."usageStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "usageStart",
       to_char(l."usageEnd" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "usageEnd",
       l.region, l.labels::text AS labels, trim_scale(l.cost)::text AS cost, trim_scale(l.credits)::text AS credits,
       l."creditDetail"::text AS "creditDetail", l.currency, trim_scale(l."conversionRate")::text AS "conversionRate",
       trim_scale(l."usageAmount")::text AS "usageAmount", l."usageUnit", l."costType"
     FROM "UsageLine" l
     WHERE l."projectId" IN (SELECT DISTINCT "projectId" FROM "UsageRollup" WHERE "batchId" = $1::uuid
                               AND "billingAccountId" = $2 AND "invoiceMonth" = $3)
       AND l."invoiceMonth" = $3 AND l."batchId" = $1::uuid AND l."billingAccountId" = $2`,
    [batchId, scope.billingAccountId, scope.month],
  );
  try {
    for (;;) {
      const { rows } = await client.query<UsageRow>(`FETCH 5000 FROM ${cursor}`);
      for (const row of rows) digest.add(row);
      if (rows.length < 5000) break;
    }
  } finally {
    await client.query(`CLOSE ${cursor}`);
  }
  return digest;
}
