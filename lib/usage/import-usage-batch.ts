// Imports one usage export: all rows or none. The file is read once: hashed, parsed and
// validated, and streamed into PostgreSQL's COPY inside one transaction, while the batch's
// rollup and, per scope (billing account, invoice month), an order-independent digest of its
// rows are added up. Then, with the scopes locked, the file is compared with what is billed:
// - every scope holds exactly these rows: "already imported", nothing is written;
// - a scope holds other rows: the file is a correction, and replaces them only when finance
//   confirms (mode "replace", or a staged batch confirmed later), or adds to them (mode
//   "append", refused when any row is already billed);
// - otherwise the rows are billed as they are.
// Any invalid row rolls everything back, and the result lists every problem by line, column
// and reason code.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { recordAuditEventPg } from "@/lib/audit/record-audit-event-pg";
import type { Actor, SystemActor } from "@/lib/authz/actor";
import { env } from "@/lib/env";
import { DecimalSum } from "@/lib/money/decimal-sum";
import { type ApplyMode, applyUsageBatch, assessUsageBatch, invoiceReached } from "./apply-usage-batch";
import { UnknownFormatError } from "./formats";
import type { CurrencyTotals, ImportRefusalCode, ImportResult, ScopeSummary } from "./import-result";
import { MissingColumnsError, detectFileFormat, readUsageChunks } from "./read-usage-file";
import { regenerateAfterUsageChange } from "./regenerate-after-usage-change";
import { RowMultisetDigest } from "./row-digest";
import {
  LINE_COLUMNS,
  Rollup,
  copyInto,
  copyLine,
  copyRollup,
  detached,
  freeText,
  isUnstorableText,
  utf8,
} from "./usage-copy";
import type { RowError, UsageFormat } from "./usage-row";
import {
  type ComputedDigest,
  type Scope,
  byScope,
  fingerprint,
  keepComputedDigests,
  loadCurrentScopes,
  lockScopes,
  scopeKey,
} from "./usage-scopes";

export type { CurrencyTotals, ImportResult } from "./import-result";

export const MAX_REPORTED_ERRORS = 1000;

export type ImportMode = "auto" | ApplyMode;

export interface ImportOptions {
  actor: Actor | SystemActor;
  filePath: string;
  fileName: string;
  source: "ui" | "cli" | "seed" | "inbox";
  /** auto: bill new months, stop at a preview for changed ones; replace or append: finance confirmed. */
  mode?: ImportMode;
  /** Keep a file that changes billed months as a staged batch, confirmed later by its id (the upload page). */
  stage?: boolean;
  onProgress?: (rows: number) => void;
  databaseUrl?: string;
}

export async function sha256File(filePath: string) {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(filePath, { highWaterMark: 1 << 20 }), hash);
  return hash.digest("hex");
}

/** A scope's rows as the file is read: their digest and count. */
interface ScopeRead extends Scope {
  digest: RowMultisetDigest;
}

export async function importUsageBatch(options: ImportOptions): Promise<ImportResult> {
  const mode = options.mode ?? "auto";
  let format: UsageFormat;
  try {
    format = await detectFileFormat(options.filePath);
  } catch (error) {
    if (!(error instanceof UnknownFormatError)) throw error;
    const empty = error.message === "The file is empty.";
    const rowError: RowError = {
      line: 1,
      column: "(header)",
      code: empty ? "empty-file" : "unknown-format",
      reason: error.message,
    };
    return refuse(options, {
      code: "usage-invalid-file",
      format: null,
      fileSha256: await sha256File(options.filePath),
      rows: 0,
      errors: [rowError],
      message: error.message,
    });
  }

  const client = new pg.Client({ connectionString: options.databaseUrl ?? env.DATABASE_URL });
  await client.connect();
  const hash = createHash("sha256");
  let fileSha256 = "";
  let regenerate: Array<{ month: string; billingGroupId: string }> = [];
  let result: ImportResult;
  try {
    const batchId = randomUUID();
    const errors: RowError[] = [];
    let errorCount = 0;
    let rows = 0;
    const rollup = new Rollup();
    const projects = new Map<string, { name: string | null; account: string; month: string }>();
    // Scopes by account, then month: found without building a key for every row.
    const scopeReads = new Map<string, Map<string, ScopeRead>>();
    const report = (e: RowError) => {
      errorCount++;
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
    };

    await client.query("BEGIN");
    try {
      await copyInto(client, "UsageLine", LINE_COLUMNS, async (copy) => {
        for await (const items of readUsageChunks(options.filePath, format, {
          onBytes: (chunk) => hash.update(chunk),
        })) {
          let text = "";
          for (const { row, errors: rowErrors } of items) {
            rows++;
            if (rowErrors.length) {
              for (const e of rowErrors) report(e);
              continue;
            }
            const free = freeText(row);
            if (isUnstorableText(free)) {
              report({
                line: row.lineNo,
                column: "(row)",
                code: "control-character",
                reason: "holds a NUL character, which cannot be stored",
              });
              continue;
            }
            if (errorCount) continue; // keep validating, stop loading: the batch will be refused
            rollup.add(row);
            let byMonth = scopeReads.get(row.billingAccountId);
            if (!byMonth) {
              byMonth = new Map();
              scopeReads.set(detached(row.billingAccountId), byMonth);
            }
            let scope = byMonth.get(row.invoiceMonth);
            if (!scope) {
              scope = {
                billingAccountId: detached(row.billingAccountId),
                month: detached(row.invoiceMonth),
                digest: new RowMultisetDigest(),
              };
              byMonth.set(scope.month, scope);
            }
            scope.digest.add(row);
            const known = projects.get(row.projectId);
            if (!known || row.invoiceMonth < known.month) {
              projects.set(detached(row.projectId), {
                name: detached(row.projectName) ?? known?.name ?? null,
                account: detached(row.billingAccountId),
                month: detached(row.invoiceMonth),
              });
            }
            text += copyLine(batchId, row, free);
          }
          if (text && !copy.write(utf8(text))) await new Promise((resolve) => copy.once("drain", resolve));
          options.onProgress?.(rows);
        }
      });
    } catch (error) {
      if (!(error instanceof MissingColumnsError)) throw error;
      report({
        line: 1,
        column: error.columns.join(", "),
        code: "missing-columns",
        params: { columns: error.columns.join(", ") },
        reason: "required column is missing from the header",
      });
    }
    fileSha256 = hash.digest("hex");

    if (errorCount || rows === 0) {
      await client.query("ROLLBACK");
      if (rows === 0 && !errorCount)
        report({ line: 1, column: "(file)", code: "no-rows", reason: "has no usage rows" });
      return await refuse(options, {
        code: "usage-invalid-file",
        format,
        fileSha256,
        rows,
        errors,
        errorCount,
        message: `Nothing was imported: ${errorCount} problem(s) in the file.`,
      });
    }

    const reads = [...scopeReads.values()].flatMap((m) => [...m.values()]).sort(byScope);
    await lockScopes(client, reads);
    const computed: ComputedDigest[] = [];
    const current = await loadCurrentScopes(client, reads, undefined, computed);
    // Nothing of this file is kept, but digests computed from rows stored before are.
    const rollBack = async () => {
      await client.query("ROLLBACK");
      await keepComputedDigests(client, computed);
    };
    const scopes: Array<ScopeSummary & { digest: string; base: string }> = reads.map((s) => {
      const now = current.get(scopeKey(s));
      const digest = s.digest.toHex();
      const previousRows = now?.rows ?? 0;
      const same = now?.fingerprint === fingerprint(s.digest.rows, digest);
      return {
        billingAccountId: s.billingAccountId,
        month: s.month,
        rows: s.digest.rows,
        previousRows,
        status: previousRows === 0 ? "new" : same ? "unchanged" : mode === "append" ? "appended" : "changed",
        digest,
        base: now?.fingerprint ?? "",
      };
    });
    const summaries = scopes.map(({ digest: _d, base: _b, ...s }) => s);
    const months = [...new Set(reads.map((s) => s.month))].sort();

    // The same rows as billed, whatever the bytes: nothing to do.
    if (scopes.every((s) => s.status === "unchanged")) {
      await rollBack();
      const batchIds = [...new Set([...current.values()].flatMap((c) => c.parts.map((p) => p.batchId)))];
      return { status: "already-imported", batchIds, format, fileSha256, rows, months, scopes: summaries };
    }

    // Written as staged (not billed) first: a preview compares it with what is billed.
    const totals = totalsOf(rollup);
    await client.query(
      `INSERT INTO "UsageBatch" (id, "fileName", format, sha256, "rowCount", months, totals, source, "importedById")
        VALUES ($1,$2,$3::"UsageFormat",$4,$5,$6,$7::jsonb,$8,$9)`,
      [
        batchId,
        options.fileName.slice(0, 255),
        format,
        fileSha256,
        rows,
        months,
        JSON.stringify(totals.byCurrency),
        options.source,
        options.actor.id,
      ],
    );
    await client.query(
      `INSERT INTO "UsageBatchScope" ("batchId", "billingAccountId", "invoiceMonth", state, rows, digest, base)
       SELECT $1::uuid, x.account, x.month, 'STAGED', x.rows, x.digest, x.base
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[]) AS x(account, month, rows, digest, base)`,
      [
        batchId,
        scopes.map((s) => s.billingAccountId),
        scopes.map((s) => s.month),
        scopes.map((s) => s.rows),
        scopes.map((s) => s.digest),
        scopes.map((s) => s.base),
      ],
    );
    await copyRollup(client, batchId, rollup.entries(), false);
    await upsertProjects(client, projects);

    const imported = {
      batchId,
      format,
      fileSha256,
      rows,
      months,
      scopes: summaries,
      projects: projects.size,
      totals: totals.byCurrency,
      perProject: totals.perProject,
    };
    const changesBilledMonths = scopes.some((s) => s.status === "changed");
    const applyMode: ApplyMode = mode === "append" ? "append" : "replace";
    const assessment = await assessUsageBatch(client, batchId, summaries, applyMode);

    if (mode === "auto" && changesBilledMonths) {
      const released = assessment.released.map(invoiceReached);
      // Confirming sends these back to draft, approvals voided: finance sees them before it does.
      const returnsToDraft = assessment.invoices
        .filter((i) => i.status === "SUBMITTED" || i.status === "APPROVED")
        .map(invoiceReached);
      if (options.stage) {
        await recordAuditEventPg(client, {
          actor: options.actor,
          action: "usage.stage",
          target: { type: "usageBatch", id: batchId },
          after: { fileName: options.fileName, format, sha256: fileSha256, rows, scopes: summaries },
          metadata: { source: options.source, changes: assessment.changes.slice(0, 200) },
        });
        await client.query("COMMIT");
      } else await rollBack();
      const staged = Boolean(options.stage);
      return { status: "preview", staged, ...imported, changes: assessment.changes, released, returnsToDraft };
    }
    if (assessment.duplicates.count) {
      await rollBack();
      return await refuse(options, {
        code: "usage-duplicate-rows",
        format,
        fileSha256,
        rows,
        errorCount: assessment.duplicates.count,
        errors: assessment.duplicates.first.map((d) => ({
          line: d.line,
          column: "(row)",
          code: "duplicate-row",
          params: { file: d.storedFileName, line: d.storedLine },
          reason: `is already billed: line ${d.storedLine} of ${d.storedFileName}`,
        })),
        message: `Nothing was added: ${assessment.duplicates.count} row(s) are already billed for their month.`,
      });
    }
    if (assessment.released.length) {
      await rollBack();
      return await refuse(options, releasedRefusal(format, fileSha256, rows, assessment.released.map(invoiceReached)));
    }

    const applied = await applyUsageBatch(client, {
      actor: options.actor,
      batchId,
      fileName: options.fileName,
      scopes: summaries,
      mode: applyMode,
      assessment,
    });
    // Imported when nothing billed changes in kind: only new months (or the same rows again beside them).
    const billedBefore = scopes.some((s) => s.previousRows > 0);
    const status =
      !billedBefore || (mode !== "append" && !changesBilledMonths)
        ? "imported"
        : mode === "append"
          ? "appended"
          : "replaced";
    await recordAuditEventPg(client, {
      actor: options.actor,
      action: status === "imported" ? "usage.import" : `usage.${applyMode}`,
      target: { type: "usageBatch", id: batchId },
      before: applied.superseded.length ? { current: applied.superseded } : undefined,
      after: { fileName: options.fileName, format, sha256: fileSha256, rows, months, totals: totals.byCurrency },
      metadata: {
        source: options.source,
        projects: projects.size,
        scopes: summaries,
        changes: assessment.changes.slice(0, 200),
        returnedToDraft: applied.returnedToDraft.map((i) => i.id),
      },
    });
    await client.query("COMMIT");
    regenerate = assessment.invoices;
    result =
      status === "imported"
        ? { status, ...imported }
        : {
            status,
            ...imported,
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
    result.draftsRegenerated = await regenerateAfterUsageChange(options.actor, regenerate);
  return result;
}

export function releasedRefusal(
  format: UsageFormat | null,
  fileSha256: string,
  rows: number,
  released: ReturnType<typeof invoiceReached>[],
) {
  return {
    code: "usage-invoice-released" as const,
    format,
    fileSha256,
    rows,
    errors: [],
    errorCount: released.length,
    released,
    message:
      `Nothing was changed: the usage of ${released.map((i) => `${i.customerCode} ${i.month}`).join(", ")} is on ` +
      "a released invoice. A released invoice is frozen: correct it with a credit note.",
  };
}

function totalsOf(rollup: Rollup) {
  const byCurrency = new Map<string, { cost: DecimalSum; credits: DecimalSum }>();
  const perProject = new Map<string, DecimalSum>();
  for (const e of rollup.entries()) {
    const t = byCurrency.get(e.row.currency) ?? { cost: new DecimalSum(), credits: new DecimalSum() };
    t.cost.addSum(e.cost);
    t.credits.addSum(e.credits);
    byCurrency.set(e.row.currency, t);
    const key = `${e.row.projectId}\u0000${e.row.currency}`;
    const net = perProject.get(key) ?? new DecimalSum();
    net.addSum(e.cost);
    net.addSum(e.credits);
    perProject.set(key, net);
  }
  const totals: Record<string, CurrencyTotals> = Object.fromEntries(
    [...byCurrency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => {
        const net = new DecimalSum();
        net.addSum(t.cost);
        net.addSum(t.credits);
        return [currency, { cost: t.cost.toString(), credits: t.credits.toString(), net: net.toString() }];
      }),
  );
  return {
    byCurrency: totals,
    perProject: [...perProject]
      .map(([key, net]) => {
        const [projectId, currency] = key.split("\u0000") as [string, string];
        return { projectId, currency, net: net.toString() };
      })
      .sort((a, b) => a.projectId.localeCompare(b.projectId) || a.currency.localeCompare(b.currency)),
  };
}

async function upsertProjects(
  client: pg.ClientBase,
  projects: Map<string, { name: string | null; account: string; month: string }>,
) {
  // In one order, so two imports writing the same new projects cannot deadlock.
  const accounts = [...new Set([...projects.values()].map((p) => p.account))].sort();
  await client.query(
    `INSERT INTO "BillingAccount" (id, name) SELECT a, a FROM unnest($1::text[]) AS a ON CONFLICT (id) DO NOTHING`,
    [accounts],
  );
  const list = [...projects].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await client.query(
    `INSERT INTO "Project" (id, name, "billingAccountId", "firstSeenMonth")
     SELECT p.id, coalesce(p.name, p.id), p.account, p.month
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(id, name, account, month)
     ON CONFLICT (id) DO UPDATE SET "firstSeenMonth" = LEAST("Project"."firstSeenMonth", EXCLUDED."firstSeenMonth")`,
    [list.map(([id]) => id), list.map(([, p]) => p.name), list.map(([, p]) => p.account), list.map(([, p]) => p.month)],
  );
}

type Refusal = Omit<Extract<ImportResult, { status: "refused" }>, "status" | "errorCount"> & { errorCount?: number };

/** A refused import: nothing was written but its audit event (refusals are recorded too). */
async function refuse(options: ImportOptions, refusal: Refusal): Promise<ImportResult> {
  const result: ImportResult = {
    status: "refused",
    ...refusal,
    errorCount: refusal.errorCount ?? refusal.errors.length,
  };
  await recordRefusal(options, result.code, result.message, {
    fileName: options.fileName,
    sha256: result.fileSha256,
    rows: result.rows,
    errorCount: result.errorCount,
    firstErrors: result.errors.slice(0, 5),
  });
  return result;
}

export async function recordRefusal(
  options: Pick<ImportOptions, "actor" | "databaseUrl" | "source">,
  code: ImportRefusalCode,
  message: string,
  details: Record<string, unknown>,
) {
  const client = new pg.Client({ connectionString: options.databaseUrl ?? env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await recordAuditEventPg(client, {
      actor: options.actor,
      action: "usage.import",
      outcome: "REFUSED",
      reason: message,
      metadata: { rule: code, source: options.source, ...details },
    });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
