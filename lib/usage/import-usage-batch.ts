// Imports one usage export as a usage batch: all rows or none. The file is read once: hashed
// (the same file twice changes nothing), parsed and validated, and streamed into PostgreSQL's
// COPY inside one transaction, while the batch's rollup (sums per month, project, service and
// SKU) is added up. The batch row, its rollup, new projects and billing accounts, and the audit
// event are written at the end of the same transaction. Any invalid row rolls everything back,
// and the result lists every bad row by line, column and reason.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEventPg } from "@/lib/audit/record-audit-event-pg";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { env } from "@/lib/env";
import { DecimalSum, formatScaled, parseScaled } from "@/lib/money/decimal-sum";
import { UnknownFormatError } from "./formats";
import { MissingColumnsError, detectFileFormat, readUsageChunks } from "./read-usage-file";
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
  | {
      status: "refused";
      format: UsageFormat | null;
      fileSha256: string;
      rows: number;
      errorCount: number;
      errors: RowError[];
      message: string;
    };

export async function sha256File(filePath: string) {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(filePath, { highWaterMark: 1 << 20 }), hash);
  return hash.digest("hex");
}

// COPY text format: tab-separated, \N for null, backslash escapes. Only free text can hold the
// characters that need escaping: numbers, months, timestamps and currencies were validated.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return NEEDS_ESCAPE.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;
}
const copyValue = (value: string | null) => (value === null ? "\\N" : value);

const LINE_COLUMNS = [
  "batchId",
  "lineNo",
  "invoiceMonth",
  "billingAccountId",
  "projectId",
  "projectName",
  "serviceId",
  "serviceDescription",
  "skuId",
  "skuDescription",
  "usageStart",
  "usageEnd",
  "region",
  "labels",
  "cost",
  "credits",
  "creditDetail",
  "currency",
  "conversionRate",
  "usageAmount",
  "usageUnit",
  "costType",
] as const;

function copyLine(batchId: string, r: UsageRow): string {
  // One test over the free text instead of one per field: almost no row needs escaping.
  const plain = !NEEDS_ESCAPE.test(
    `${r.billingAccountId}${r.projectId}${r.projectName ?? ""}${r.serviceId}${r.serviceDescription}` +
      `${r.skuId}${r.skuDescription}${r.region ?? ""}${r.labels ?? ""}${r.creditDetail ?? ""}` +
      `${r.usageUnit ?? ""}${r.costType ?? ""}`,
  );
  const t = plain ? copyValue : copyText;
  // LINE_COLUMNS, tab-separated, in order.
  return (
    `${batchId}\t${r.lineNo}\t${r.invoiceMonth}\t${t(r.billingAccountId)}\t${t(r.projectId)}\t${t(r.projectName)}\t` +
    `${t(r.serviceId)}\t${t(r.serviceDescription)}\t${t(r.skuId)}\t${t(r.skuDescription)}\t` +
    `${copyValue(r.usageStart)}\t${copyValue(r.usageEnd)}\t${t(r.region)}\t${t(r.labels)}\t` +
    `${r.cost}\t${r.credits}\t${t(r.creditDetail)}\t${r.currency}\t` +
    `${copyValue(r.conversionRate)}\t${copyValue(r.usageAmount)}\t${t(r.usageUnit)}\t${t(r.costType)}\n`
  );
}

/**
 * A copy of a string that does not point into the chunk of file text it was parsed from. V8
 * keeps substrings as views of their parent, so a value kept for the whole import would keep
 * its whole chunk of the file alive with it.
 */
function detached<T extends string | null>(value: T): T {
  return (value === null ? null : Buffer.from(value, "utf8").toString("utf8")) as T;
}

type RollupFields = Pick<
  UsageRow,
  | "invoiceMonth"
  | "projectId"
  | "serviceId"
  | "serviceDescription"
  | "currency"
  | "skuId"
  | "skuDescription"
  | "usageUnit"
>;
const rollupFields = (r: UsageRow): RollupFields => ({
  invoiceMonth: detached(r.invoiceMonth),
  projectId: detached(r.projectId),
  serviceId: detached(r.serviceId),
  serviceDescription: detached(r.serviceDescription),
  currency: detached(r.currency),
  skuId: detached(r.skuId),
  skuDescription: detached(r.skuDescription),
  usageUnit: detached(r.usageUnit),
});

/** One rollup row: the batch's lines with the same month, project, service, currency, SKU and unit. */
interface RollupEntry {
  row: RollupFields;
  cost: DecimalSum;
  credits: DecimalSum;
  usageAmount: DecimalSum | null;
  rows: number;
}

const ROLLUP_COLUMNS = [
  "batchId",
  "invoiceMonth",
  "projectId",
  "serviceId",
  "serviceDescription",
  "currency",
  "skuId",
  "skuDescription",
  "usageUnit",
  "cost",
  "credits",
  "usageAmount",
  "rows",
] as const;

/**
 * The batch's rollup entries, found by project and SKU and then by the remaining fields, so a
 * row's entry is found without building a key string for every row.
 */
class Rollup {
  private readonly byProject = new Map<string, Map<string, RollupEntry[]>>();
  private readonly all: RollupEntry[] = [];

  entryFor(row: UsageRow): RollupEntry {
    let bySku = this.byProject.get(row.projectId);
    if (!bySku) {
      bySku = new Map();
      this.byProject.set(detached(row.projectId), bySku);
    }
    let candidates = bySku.get(row.skuId);
    if (!candidates) {
      candidates = [];
      bySku.set(detached(row.skuId), candidates);
    }
    for (const e of candidates) {
      const k = e.row;
      if (
        k.invoiceMonth === row.invoiceMonth &&
        k.serviceId === row.serviceId &&
        k.serviceDescription === row.serviceDescription &&
        k.currency === row.currency &&
        k.skuDescription === row.skuDescription &&
        k.usageUnit === row.usageUnit
      )
        return e;
    }
    const entry: RollupEntry = {
      row: rollupFields(row),
      cost: new DecimalSum(),
      credits: new DecimalSum(),
      usageAmount: null,
      rows: 0,
    };
    candidates.push(entry);
    this.all.push(entry);
    return entry;
  }

  entries(): RollupEntry[] {
    return this.all;
  }
}

/**
 * A chunk of COPY text as UTF-8 in one pass: written into a buffer sized for plain ASCII, and
 * encoded again only if it did not fit (Buffer.from measures the string first, then writes it).
 * A write that stops short leaves less than one character's bytes (at most 4) unused.
 */
function utf8(text: string): Buffer {
  const buffer = Buffer.allocUnsafe(text.length + 64);
  const written = buffer.write(text, "utf8");
  return written < buffer.length - 3 ? buffer.subarray(0, written) : Buffer.from(text, "utf8");
}

function rollupCopyLine(batchId: string, e: RollupEntry) {
  const r = e.row;
  const usageAmount = e.usageAmount === null ? "\\N" : e.usageAmount.toString();
  return (
    `${batchId}\t${r.invoiceMonth}\t${copyText(r.projectId)}\t${copyText(r.serviceId)}\t` +
    `${copyText(r.serviceDescription)}\t${r.currency}\t${copyText(r.skuId)}\t${copyText(r.skuDescription)}\t` +
    `${copyText(r.usageUnit)}\t${e.cost}\t${e.credits}\t${usageAmount}\t${e.rows}\n`
  );
}

async function copyInto(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  write: (copy: ReturnType<typeof copyFrom>) => Promise<void>,
) {
  // A few megabytes in flight, so PostgreSQL has rows to load while the next chunk is parsed.
  const copy = client.query(
    copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(",")}) FROM STDIN`, { highWaterMark: 4 << 20 }),
  );
  const done = new Promise<void>((resolve, reject) => {
    copy.on("finish", resolve);
    copy.on("error", reject);
  });
  try {
    await write(copy);
  } catch (error) {
    copy.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
  copy.end();
  await done;
}

export interface ImportOptions {
  actor: AuditActor;
  filePath: string;
  fileName: string;
  source: "ui" | "cli" | "seed" | "inbox";
  onProgress?: (rows: number) => void;
  databaseUrl?: string;
}

export async function importUsageBatch(options: ImportOptions): Promise<ImportResult> {
  let format: UsageFormat;
  try {
    format = await detectFileFormat(options.filePath);
  } catch (error) {
    if (error instanceof UnknownFormatError)
      return refused(
        null,
        await sha256File(options.filePath),
        0,
        [{ line: 1, column: "(header)", reason: error.message }],
        error.message,
      );
    throw error;
  }

  const client = new pg.Client({ connectionString: options.databaseUrl ?? env.DATABASE_URL });
  await client.connect();
  const hash = createHash("sha256");
  let fileSha256 = "";
  try {
    const batchId = randomUUID();
    const errors: RowError[] = [];
    let errorCount = 0;
    let rows = 0;
    const rollup = new Rollup();
    const projects = new Map<string, { name: string | null; account: string; month: string }>();

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
              errorCount += rowErrors.length;
              for (const e of rowErrors) if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
              continue;
            }
            if (errorCount) continue; // keep validating, stop loading: the batch will be refused
            const entry = rollup.entryFor(row);
            entry.cost.add(row.cost);
            entry.credits.add(row.credits);
            if (row.usageAmount !== null) {
              entry.usageAmount ??= new DecimalSum();
              entry.usageAmount.add(row.usageAmount);
            }
            entry.rows++;
            const known = projects.get(row.projectId);
            if (!known || row.invoiceMonth < known.month) {
              projects.set(detached(row.projectId), {
                name: detached(row.projectName) ?? known?.name ?? null,
                account: detached(row.billingAccountId),
                month: detached(row.invoiceMonth),
              });
            }
            text += copyLine(batchId, row);
          }
          if (text && !copy.write(utf8(text))) await new Promise((resolve) => copy.once("drain", resolve));
          options.onProgress?.(rows);
        }
      });
    } catch (error) {
      if (!(error instanceof MissingColumnsError)) throw error;
      errorCount++;
      errors.push({ line: 1, column: error.columns.join(", "), reason: "required column is missing from the header" });
    }
    fileSha256 = hash.digest("hex");

    if (errorCount || rows === 0) {
      await client.query("ROLLBACK");
      if (rows === 0 && !errorCount) errors.push({ line: 1, column: "(file)", reason: "has no usage rows" });
      return refused(
        format,
        fileSha256,
        rows,
        errors,
        `Nothing was imported: ${errorCount || 1} problem(s) in the file.`,
        errorCount || 1,
      );
    }
    // The same file again: nothing changes (a concurrent import of it is caught by the unique sha256 below).
    const existing = await client.query<BatchRow>(
      'SELECT id, format, "rowCount", months, totals FROM "UsageBatch" WHERE sha256 = $1',
      [fileSha256],
    );
    if (existing.rows[0]) {
      await client.query("ROLLBACK");
      return await alreadyImported(client, existing.rows[0], fileSha256);
    }

    const entries = rollup.entries();
    const totals = new Map<string, { cost: bigint; credits: bigint }>();
    const perProject = new Map<string, bigint>();
    for (const e of entries) {
      const t = totals.get(e.row.currency) ?? { cost: 0n, credits: 0n };
      const cost = e.cost.scaled();
      const credits = e.credits.scaled();
      t.cost += cost;
      t.credits += credits;
      totals.set(e.row.currency, t);
      const key = `${e.row.projectId}\u0000${e.row.currency}`;
      perProject.set(key, (perProject.get(key) ?? 0n) + cost + credits);
    }
    const totalsJson = Object.fromEntries(
      [...totals]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, t]) => [
          currency,
          { cost: formatScaled(t.cost), credits: formatScaled(t.credits), net: formatScaled(t.cost + t.credits) },
        ]),
    );
    const monthList = [...new Set(entries.map((e) => e.row.invoiceMonth))].sort();
    await client.query(
      `INSERT INTO "UsageBatch" (id, "fileName", format, sha256, "rowCount", months, totals, source, "importedById")
        VALUES ($1,$2,$3::"UsageFormat",$4,$5,$6,$7::jsonb,$8,$9)`,
      [
        batchId,
        options.fileName.slice(0, 255),
        format,
        fileSha256,
        rows,
        monthList,
        JSON.stringify(totalsJson),
        options.source,
        options.actor.id,
      ],
    );
    await copyInto(client, "UsageRollup", ROLLUP_COLUMNS, async (copy) => {
      copy.write(entries.map((e) => rollupCopyLine(batchId, e)).join(""));
    });
    const accounts = [...new Set([...projects.values()].map((p) => p.account))];
    await client.query(
      `INSERT INTO "BillingAccount" (id, name) SELECT a, a FROM unnest($1::text[]) AS a ON CONFLICT (id) DO NOTHING`,
      [accounts],
    );
    const projectList = [...projects];
    await client.query(
      `INSERT INTO "Project" (id, name, "billingAccountId", "firstSeenMonth")
       SELECT p.id, coalesce(p.name, p.id), p.account, p.month
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(id, name, account, month)
       ON CONFLICT (id) DO UPDATE SET "firstSeenMonth" = LEAST("Project"."firstSeenMonth", EXCLUDED."firstSeenMonth")`,
      [
        projectList.map(([id]) => id),
        projectList.map(([, p]) => p.name),
        projectList.map(([, p]) => p.account),
        projectList.map(([, p]) => p.month),
      ],
    );
    await recordAuditEventPg(client, {
      actor: options.actor,
      action: "usage.import",
      target: { type: "usageBatch", id: batchId },
      after: { fileName: options.fileName, format, sha256: fileSha256, rows, months: monthList, totals: totalsJson },
      metadata: { source: options.source, projects: projects.size },
    });
    await client.query("COMMIT");
    return {
      status: "imported",
      batchId,
      format,
      fileSha256,
      rows,
      months: monthList,
      projects: projects.size,
      totals: totalsJson,
      perProject: [...perProject]
        .map(([key, net]) => {
          const [projectId, currency] = key.split("\u0000") as [string, string];
          return { projectId, currency, net: formatScaled(net) };
        })
        .sort((a, b) => a.projectId.localeCompare(b.projectId) || a.currency.localeCompare(b.currency)),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    // A concurrent import of the same file won the unique sha256: report it as already imported.
    if (
      (error as { code?: string }).code === "23505" &&
      String((error as { constraint?: string }).constraint).includes("sha256")
    ) {
      const again = await client.query<BatchRow>(
        'SELECT id, format, "rowCount", months, totals FROM "UsageBatch" WHERE sha256 = $1',
        [fileSha256],
      );
      if (again.rows[0]) return await alreadyImported(client, again.rows[0], fileSha256);
    }
    throw error;
  } finally {
    await client.end();
  }
}

type BatchRow = {
  id: string;
  format: UsageFormat;
  rowCount: number;
  months: string[];
  totals: Record<string, CurrencyTotals>;
};

function refused(
  format: UsageFormat | null,
  fileSha256: string,
  rows: number,
  errors: RowError[],
  message: string,
  errorCount = errors.length,
): ImportResult {
  return { status: "refused", format, fileSha256, rows, errorCount, errors, message };
}

async function alreadyImported(client: pg.Client, batch: BatchRow, fileSha256: string): Promise<ImportResult> {
  const { rows } = await client.query<{ projectId: string; currency: string; net: string }>(
    `SELECT "projectId", currency, (sum(cost) + sum(credits))::text AS net
     FROM "UsageRollup" WHERE "batchId" = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
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
    perProject: rows.map((r) => ({ ...r, net: formatScaled(parseScaled(r.net)) })),
  };
}
