// Making a written batch the billed usage of its scopes, on the importer's pg client inside its
// transaction, with the scopes locked. Two steps, so a preview can stop after the first:
// assess (what changes, which invoices it reaches, what forbids it) and apply (supersede what
// the batch replaces, bill the batch, send reached invoices back to draft).
import type pg from "pg";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { InvoiceReached, ScopeSummary } from "./import-result";
import { type DuplicateRow, type ProjectChange, duplicateRows, usageChanges } from "./usage-changes";
import { type AffectedInvoice, lockAffectedInvoices, returnToDraft } from "./usage-invoices";
import type { Scope } from "./usage-scopes";

export type ApplyMode = "replace" | "append";

export interface Assessment {
  changes: ProjectChange[];
  /** Invoices whose usage changes: released ones forbid the change, the others are regenerated. */
  invoices: AffectedInvoice[];
  released: AffectedInvoice[];
  duplicates: { count: number; first: DuplicateRow[] };
}

const asScope = (s: ScopeSummary): Scope => ({ billingAccountId: s.billingAccountId, month: s.month });

export const invoiceReached = (i: AffectedInvoice): InvoiceReached => ({
  id: i.id,
  month: i.month,
  number: i.number,
  customerCode: i.customerCode,
  customerName: i.customerName,
  status: i.status,
});

/** What applying the batch would change; locks the invoices it reaches. */
export async function assessUsageBatch(
  client: pg.ClientBase,
  batchId: string,
  scopes: readonly ScopeSummary[],
  mode: ApplyMode,
): Promise<Assessment> {
  // A replacement changes the scopes whose rows differ; an append every scope already billed.
  const reached = scopes.filter((s) => (mode === "append" ? s.previousRows > 0 : s.status === "changed")).map(asScope);
  const duplicates = mode === "append" ? await duplicateRows(client, batchId, reached) : { count: 0, first: [] };
  const changes = await usageChanges(client, batchId, reached, mode);
  const changed = changes.filter((c) => c.rowsAdded || c.rowsRemoved);
  const invoices = await lockAffectedInvoices(
    client,
    changed.map((c) => ({ projectId: c.projectId, month: c.month })),
  );
  return { changes, invoices, released: invoices.filter((i) => i.status === "RELEASED"), duplicates };
}

/**
 * Bills the batch for its scopes: a replacement supersedes every batch billed for them before;
 * an append adds to them. Reached invoices go back to draft with the reason. The caller has
 * refused released invoices and duplicates (assessUsageBatch) and writes the batch's audit event.
 */
export async function applyUsageBatch(
  client: pg.ClientBase,
  options: {
    actor: AuditActor;
    batchId: string;
    fileName: string;
    scopes: readonly ScopeSummary[];
    mode: ApplyMode;
    assessment: Assessment;
  },
): Promise<{ returnedToDraft: AffectedInvoice[]; superseded: Array<Scope & { batchId: string }> }> {
  const { batchId, scopes } = options;
  const accounts = scopes.map((s) => s.billingAccountId);
  const months = scopes.map((s) => s.month);
  let superseded: Array<Scope & { batchId: string }> = [];
  if (options.mode === "replace") {
    const { rows } = await client.query<{ batchId: string; billingAccountId: string; month: string }>(
      `UPDATE "UsageBatchScope" s SET state = 'SUPERSEDED', "supersededById" = $1::uuid, "supersededAt" = now()
       FROM unnest($2::text[], $3::text[]) AS x(account, month)
       WHERE s."billingAccountId" = x.account AND s."invoiceMonth" = x.month AND s.state = 'CURRENT'
         AND s."batchId" <> $1::uuid
       RETURNING s."batchId"::text AS "batchId", s."billingAccountId", s."invoiceMonth" AS month`,
      [batchId, accounts, months],
    );
    superseded = rows;
    if (rows.length)
      await client.query(
        `UPDATE "UsageRollup" r SET current = false
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(batch, account, month)
         WHERE r."batchId" = x.batch AND r."billingAccountId" = x.account AND r."invoiceMonth" = x.month`,
        [rows.map((r) => r.batchId), rows.map((r) => r.billingAccountId), rows.map((r) => r.month)],
      );
  }
  await client.query(
    `UPDATE "UsageBatchScope" SET state = 'CURRENT', base = NULL WHERE "batchId" = $1::uuid AND state = 'STAGED'`,
    [batchId],
  );
  await client.query(`UPDATE "UsageRollup" SET current = true WHERE "batchId" = $1::uuid AND NOT current`, [batchId]);
  const reason =
    `usage of ${describeScopes(scopes)} ${options.mode === "append" ? "was added to by" : "was replaced by"} ` +
    `${options.fileName} (batch ${batchId})`;
  const returnedToDraft = await returnToDraft(client, options.actor, options.assessment.invoices, reason);
  return { returnedToDraft, superseded };
}

function describeScopes(scopes: readonly ScopeSummary[]) {
  return scopes.map((s) => `billing account ${s.billingAccountId} for ${s.month}`).join(", ");
}
