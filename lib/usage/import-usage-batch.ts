// Imports one usage export as a usage batch: all rows or none. The file is hashed first (the
// same file twice changes nothing), then streamed through validation straight into
// PostgreSQL's COPY inside one transaction with the batch row, new projects and billing
// accounts, and the audit event. Any invalid row rolls everything back and the result lists
// every bad row by line, column and reason.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEventPg } from "@/lib/audit/record-audit-event-pg";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { env } from "@/lib/env";
import { Decimal } from "@/lib/money/money";
import { UnknownFormatError } from "./formats";
import { MissingColumnsError, detectFileFormat, readUsageFile } from "./read-usage-file";
import type { RowError, UsageFormat, UsageRow } from "./usage-row";

export const MAX_REPORTED_ERRORS = 1000;

export interface CurrencyTotals {
  cost: string;
  credits: string;
  net: string;
}

export type ImportResult =
  | {
      status: "imported" | "already-imported";
      batchId: string;
      format: UsageFormat;
      fileSha256: string;
      rows: number;
      months: string[];
      projects: number;
      totals: Record<string, CurrencyTotals>;
      perProject: Array<{ projectId: string; currency: string; net: string }>;
    }
  | { status: "refused"; format: UsageFormat | null; fileSha256: string; rows: number; errorCount: number; errors: RowError[]; message: string };

export async function sha256File(filePath: string) {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(filePath, { highWaterMark: 1 << 20 }), hash);
  return hash.digest("hex");
}

// Sums kept as integers scaled by 10^9 (the column's scale): exact, and cheap per row.
const SCALE = 9;
function scaled(value: string): bigint {
  const decimals = value.split(".")[1]?.length ?? 0;
  // Exponents and more than 9 decimals round like the numeric(24,9) column does.
  if (/[eE]/.test(value) || decimals > SCALE) return BigInt(new Decimal(value).times(10 ** SCALE).toDecimalPlaces(0).toString());
  const neg = value.startsWith("-");
  const [int = "0", frac = ""] = value.replace(/^[-+]/, "").split(".");
  const n = BigInt((int || "0") + frac.slice(0, SCALE).padEnd(SCALE, "0"));
  return neg ? -n : n;
}
function unscaled(n: bigint): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(SCALE + 1, "0");
  const text = `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`.replace(/\.?0+$/, "");
  return neg && text !== "0" ? `-${text}` : text;
}

// COPY text format: tab-separated, \N for null, backslash escapes.
function copyField(value: string | number | null): string {
  if (value === null) return "\\N";
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : s;
}

const COLUMNS = [
  "batchId", "lineNo", "invoiceMonth", "billingAccountId", "projectId", "projectName", "serviceId", "serviceDescription", "skuId",
  "skuDescription", "usageStart", "usageEnd", "region", "labels", "cost", "credits", "creditDetail", "currency", "conversionRate",
  "usageAmount", "usageUnit", "costType",
] as const;

function copyLine(batchId: string, r: UsageRow): string {
  return [
    batchId, r.lineNo, r.invoiceMonth, r.billingAccountId, r.projectId, r.projectName, r.serviceId, r.serviceDescription, r.skuId,
    r.skuDescription, r.usageStart, r.usageEnd, r.region, r.labels, r.cost, r.credits, r.creditDetail, r.currency, r.conversionRate,
    r.usageAmount, r.usageUnit, r.costType,
  ].map(copyField).join("\t") + "\n";
}

export interface ImportOptions {
  actor: AuditActor;
  filePath: string;
  fileName: string;
  source: "ui" | "cli" | "seed";
  onProgress?: (rows: number) => void;
  databaseUrl?: string;
}

export async function importUsageBatch(options: ImportOptions): Promise<ImportResult> {
  const fileSha256 = await sha256File(options.filePath);
  let format: UsageFormat;
  try {
    format = await detectFileFormat(options.filePath);
  } catch (error) {
    if (error instanceof UnknownFormatError) return refused(null, fileSha256, 0, [{ line: 1, column: "(header)", reason: error.message }], error.message);
    throw error;
  }

  const client = new pg.Client({ connectionString: options.databaseUrl ?? env.DATABASE_URL });
  await client.connect();
  try {
    const existing = await client.query<{ id: string; format: UsageFormat; rowCount: number; months: string[]; totals: Record<string, CurrencyTotals> }>(
      'SELECT id, format, "rowCount", months, totals FROM "UsageBatch" WHERE sha256 = $1',
      [fileSha256],
    );
    if (existing.rows[0]) return await alreadyImported(client, existing.rows[0], fileSha256);

    const batchId = randomUUID();
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "UsageBatch" (id, "fileName", format, sha256, "rowCount", months, totals, source, "importedById") VALUES ($1,$2,$3::"UsageFormat",$4,0,'{}','{}'::jsonb,$5,$6)`,
      [batchId, options.fileName.slice(0, 255), format, fileSha256, options.source, options.actor.id],
    );
    const copy = client.query(copyFrom(`COPY "UsageLine" (${COLUMNS.map((c) => `"${c}"`).join(",")}) FROM STDIN`));
    const copyDone = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });

    const errors: RowError[] = [];
    let errorCount = 0;
    let rows = 0;
    const months = new Set<string>();
    const totals = new Map<string, { cost: bigint; credits: bigint }>();
    const perProject = new Map<string, bigint>();
    const projects = new Map<string, { name: string | null; account: string; month: string }>();
    const accounts = new Set<string>();
    let buffer = "";

    try {
      for await (const { row, errors: rowErrors } of readUsageFile(options.filePath, format)) {
        rows++;
        if (rowErrors.length) {
          errorCount += rowErrors.length;
          for (const e of rowErrors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
          continue;
        }
        if (errorCount) continue; // keep validating, stop loading: the batch will be refused
        months.add(row.invoiceMonth);
        const cost = scaled(row.cost);
        const credits = scaled(row.credits);
        const t = totals.get(row.currency) ?? { cost: 0n, credits: 0n };
        t.cost += cost;
        t.credits += credits;
        totals.set(row.currency, t);
        const key = `${row.projectId}\u0000${row.currency}`;
        perProject.set(key, (perProject.get(key) ?? 0n) + cost + credits);
        const known = projects.get(row.projectId);
        if (!known || row.invoiceMonth < known.month) projects.set(row.projectId, { name: row.projectName ?? known?.name ?? null, account: row.billingAccountId, month: row.invoiceMonth });
        accounts.add(row.billingAccountId);
        buffer += copyLine(batchId, row);
        if (buffer.length > 256 * 1024) {
          if (!copy.write(buffer)) await new Promise((r) => copy.once("drain", r));
          buffer = "";
          options.onProgress?.(rows);
        }
      }
    } catch (error) {
      if (error instanceof MissingColumnsError) {
        errorCount++;
        errors.push({ line: 1, column: error.columns.join(", "), reason: "required column is missing from the header" });
      } else {
        copy.destroy(error as Error);
        await copyDone.catch(() => {});
        await client.query("ROLLBACK");
        throw error;
      }
    }
    if (buffer) copy.write(buffer);
    copy.end();
    await copyDone;

    if (errorCount || rows === 0) {
      await client.query("ROLLBACK");
      if (rows === 0 && !errorCount) errors.push({ line: 1, column: "(file)", reason: "has no usage rows" });
      return refused(format, fileSha256, rows, errors, `Nothing was imported: ${errorCount || 1} problem(s) in the file.`, errorCount || 1);
    }

    const totalsJson = Object.fromEntries(
      [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => [currency, { cost: unscaled(t.cost), credits: unscaled(t.credits), net: unscaled(t.cost + t.credits) }]),
    );
    const monthList = [...months].sort();
    await client.query(`UPDATE "UsageBatch" SET "rowCount" = $2, months = $3, totals = $4::jsonb WHERE id = $1`, [batchId, rows, monthList, JSON.stringify(totalsJson)]);
    await client.query(`INSERT INTO "BillingAccount" (id, name) SELECT a, a FROM unnest($1::text[]) AS a ON CONFLICT (id) DO NOTHING`, [[...accounts]]);
    const ids = [...projects.keys()];
    await client.query(
      `INSERT INTO "Project" (id, name, "billingAccountId", "firstSeenMonth")
       SELECT p.id, coalesce(p.name, p.id), p.account, p.month FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(id, name, account, month)
       ON CONFLICT (id) DO UPDATE SET "firstSeenMonth" = LEAST("Project"."firstSeenMonth", EXCLUDED."firstSeenMonth")`,
      [ids, ids.map((id) => projects.get(id)!.name), ids.map((id) => projects.get(id)!.account), ids.map((id) => projects.get(id)!.month)],
    );
    await recordAuditEventPg(client, {
      actor: options.actor,
      action: "usage.import",
      target: { type: "usageBatch", id: batchId },
      after: { fileName: options.fileName, format, sha256: fileSha256, rows, months: monthList, totals: totalsJson },
      metadata: { source: options.source, projects: ids.length },
    });
    await client.query("COMMIT");
    return {
      status: "imported",
      batchId,
      format,
      fileSha256,
      rows,
      months: monthList,
      projects: ids.length,
      totals: totalsJson,
      perProject: [...perProject]
        .map(([key, net]) => {
          const [projectId, currency] = key.split("\u0000") as [string, string];
          return { projectId, currency, net: unscaled(net) };
        })
        .sort((a, b) => a.projectId.localeCompare(b.projectId) || a.currency.localeCompare(b.currency)),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    // A concurrent import of the same file won the unique sha256: report it as already imported.
    if ((error as { code?: string }).code === "23505" && String((error as { constraint?: string }).constraint).includes("sha256")) {
      const again = await client.query('SELECT id, format, "rowCount", months, totals FROM "UsageBatch" WHERE sha256 = $1', [fileSha256]);
      if (again.rows[0]) return await alreadyImported(client, again.rows[0], fileSha256);
    }
    throw error;
  } finally {
    await client.end();
  }
}

function refused(format: UsageFormat | null, fileSha256: string, rows: number, errors: RowError[], message: string, errorCount = errors.length): ImportResult {
  return { status: "refused", format, fileSha256, rows, errorCount, errors, message };
}

async function alreadyImported(client: pg.Client, batch: { id: string; format: UsageFormat; rowCount: number; months: string[]; totals: Record<string, CurrencyTotals> }, fileSha256: string): Promise<ImportResult> {
  const { rows } = await client.query<{ projectId: string; currency: string; net: string }>(
    `SELECT "projectId", currency, (sum(cost) + sum(credits))::text AS net FROM "UsageLine" WHERE "batchId" = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [batch.id],
  );
  return {
    status: "already-imported",
    batchId: batch.id,
    format: batch.format,
    fileSha256,
    rows: batch.rowCount,
    months: batch.months,
    projects: new Set(rows.map((r) => r.projectId)).size,
    totals: batch.totals,
    perProject: rows.map((r) => ({ ...r, net: unscaled(scaled(r.net)) })),
  };
}
