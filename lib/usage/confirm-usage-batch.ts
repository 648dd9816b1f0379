// Finance confirms a staged usage batch (the upload page's preview): its rows replace what is
// billed for its scopes, or are added to it. The preview is bound to what was billed when it
// was made: if a scope changed since, the confirmation is refused and the file must be
// imported again. Same steps as the importer, on its own pg client and transaction.
import pg from "pg";
import { recordAuditEventPg } from "@/lib/audit/record-audit-event-pg";
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type ApplyMode, applyUsageBatch, assessUsageBatch, invoiceReached } from "./apply-usage-batch";
import type { ImportResult, ScopeSummary } from "./import-result";
import { recordRefusal, releasedRefusal } from "./import-usage-batch";
import { regenerateAfterUsageChange } from "./regenerate-after-usage-change";
import type { UsageFormat } from "./usage-row";
import { type ComputedDigest, keepComputedDigests, loadCurrentScopes, lockScopes, scopeKey } from "./usage-scopes";

interface StagedBatch {
  id: string;
  fileName: string;
  format: UsageFormat;
  sha256: string;
  rowCount: number;
  months: string[];
  totals: Record<string, { cost: string; credits: string; net: string }>;
}

export async function confirmUsageBatch(options: {
  actor: Actor;
  batchId: string;
  mode: ApplyMode;
  databaseUrl?: string;
}): Promise<ImportResult> {
  const { actor, batchId, mode } = options;
  const decision = decide(actor, "usage.import");
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.message, { details: { rule: decision.rule } });
  const client = new pg.Client({ connectionString: options.databaseUrl ?? env.DATABASE_URL });
  await client.connect();
  let result: ImportResult;
  let regenerate: Array<{ month: string; billingGroupId: string }> = [];
  try {
    await client.query("BEGIN");
    const { rows: batches } = await client.query<StagedBatch>(
      `SELECT id::text, "fileName", format::text AS format, sha256, "rowCount", months, totals
       FROM "UsageBatch" WHERE id = $1::uuid`,
      [batchId],
    );
    const batch = batches[0];
    if (!batch) throw new AppError("NOT_FOUND", "No such usage batch.", { details: { rule: "not-found" } });
    const { rows: staged } = await client.query<{
      billingAccountId: string;
      month: string;
      rows: number;
      state: string;
      base: string | null;
    }>(
      `SELECT "billingAccountId", "invoiceMonth" AS month, rows, state::text AS state, base
       FROM "UsageBatchScope" WHERE "batchId" = $1::uuid ORDER BY "invoiceMonth", "billingAccountId"`,
      [batchId],
    );
    const computed: ComputedDigest[] = [];
    const rollBack = async () => {
      await client.query("ROLLBACK");
      await keepComputedDigests(client, computed);
    };
    const refused = async (code: "usage-not-staged" | "usage-stale-preview", message: string) => {
      await rollBack();
      await recordRefusal({ ...options, source: "ui" }, code, message, { batchId, mode });
      return {
        status: "refused" as const,
        code,
        format: batch.format,
        fileSha256: batch.sha256,
        rows: batch.rowCount,
        errorCount: 0,
        errors: [],
        message,
      };
    };
    if (!staged.length || staged.some((s) => s.state !== "STAGED")) {
      result = await refused("usage-not-staged", "This usage file is not waiting for a confirmation any more.");
      return result;
    }
    await lockScopes(
      client,
      staged.map((s) => ({ billingAccountId: s.billingAccountId, month: s.month })),
    );
    const current = await loadCurrentScopes(
      client,
      staged.map((s) => ({ billingAccountId: s.billingAccountId, month: s.month })),
      batchId,
      computed,
    );
    if (staged.some((s) => (current.get(scopeKey(s))?.fingerprint ?? "") !== (s.base ?? ""))) {
      result = await refused(
        "usage-stale-preview",
        "The usage of these months changed since this preview: import the file again to see what it changes now.",
      );
      return result;
    }
    const scopes: ScopeSummary[] = staged.map((s) => {
      const previousRows = current.get(scopeKey(s))?.rows ?? 0;
      const status = previousRows === 0 ? "new" : mode === "append" ? "appended" : "changed";
      return { billingAccountId: s.billingAccountId, month: s.month, rows: s.rows, previousRows, status };
    });
    const assessment = await assessUsageBatch(client, batchId, scopes, mode);
    if (assessment.duplicates.count) {
      await rollBack();
      const message = `Nothing was added: ${assessment.duplicates.count} row(s) are already billed for their month.`;
      await recordRefusal({ ...options, source: "ui" }, "usage-duplicate-rows", message, { batchId, mode });
      result = {
        status: "refused",
        code: "usage-duplicate-rows",
        format: batch.format,
        fileSha256: batch.sha256,
        rows: batch.rowCount,
        errorCount: assessment.duplicates.count,
        errors: assessment.duplicates.first.map((d) => ({
          line: d.line,
          column: "(row)",
          code: "duplicate-row",
          params: { file: d.storedFileName, line: d.storedLine },
          reason: `is already billed: line ${d.storedLine} of ${d.storedFileName}`,
        })),
        message,
      };
      return result;
    }
    if (assessment.released.length) {
      await rollBack();
      const refusal = releasedRefusal(
        batch.format,
        batch.sha256,
        batch.rowCount,
        assessment.released.map(invoiceReached),
      );
      await recordRefusal({ ...options, source: "ui" }, refusal.code, refusal.message, { batchId, mode });
      result = { status: "refused", ...refusal };
      return result;
    }
    const applied = await applyUsageBatch(client, {
      actor,
      batchId,
      fileName: batch.fileName,
      scopes,
      mode,
      assessment,
    });
    await recordAuditEventPg(client, {
      actor,
      action: `usage.${mode}`,
      target: { type: "usageBatch", id: batchId },
      before: applied.superseded.length ? { current: applied.superseded } : undefined,
      after: { fileName: batch.fileName, format: batch.format, rows: batch.rowCount, months: batch.months },
      metadata: {
        source: "ui",
        confirmed: true,
        scopes,
        changes: assessment.changes.slice(0, 200),
        returnedToDraft: applied.returnedToDraft.map((i) => i.id),
      },
    });
    await client.query("COMMIT");
    regenerate = assessment.invoices;
    const { rows: perProject } = await client.query<{ projectId: string; currency: string; net: string }>(
      `SELECT "projectId", currency, trim_scale(sum(cost) + sum(credits))::text AS net
       FROM "UsageRollup" WHERE "batchId" = $1::uuid GROUP BY 1, 2 ORDER BY 1, 2`,
      [batchId],
    );
    result = {
      status: mode === "append" ? "appended" : "replaced",
      batchId,
      format: batch.format,
      fileSha256: batch.sha256,
      rows: batch.rowCount,
      months: batch.months,
      scopes,
      projects: new Set(perProject.map((p) => p.projectId)).size,
      totals: batch.totals,
      perProject,
      changes: assessment.changes,
      returnedToDraft: applied.returnedToDraft.map(invoiceReached),
      draftsRegenerated: 0,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  if (regenerate.length && "draftsRegenerated" in result)
    result.draftsRegenerated = await regenerateAfterUsageChange(actor, regenerate);
  return result;
}
