// Writing a usage batch with PostgreSQL's COPY: its lines as they stream from the file, and its
// rollup (sums per billing account, month, project, service, currency, SKU and unit) at the end.
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { DecimalSum } from "@/lib/money/decimal-sum";
import type { UsageRow } from "./usage-row";

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

export const LINE_COLUMNS = [
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

/** A row's free text, in one string, for the checks that run on every row. */
export const freeText = (r: UsageRow) =>
  `${r.billingAccountId}${r.projectId}${r.projectName ?? ""}${r.serviceId}${r.serviceDescription}` +
  `${r.skuId}${r.skuDescription}${r.region ?? ""}${r.labels ?? ""}${r.creditDetail ?? ""}` +
  `${r.usageUnit ?? ""}${r.costType ?? ""}`;

// PostgreSQL text cannot hold NUL, and jsonb refuses the \u0000 escape: refused as row errors
// rather than failing the COPY.
const NUL = String.fromCharCode(0);

/** Whether a row's free text (freeText) holds what PostgreSQL cannot store. */
export function isUnstorableText(free: string): boolean {
  return free.includes(NUL) || free.includes("\\u0000");
}

/** A row as a line of COPY text; `free` is its freeText. */
export function copyLine(batchId: string, r: UsageRow, free: string): string {
  // One test over the free text instead of one per field: almost no row needs escaping.
  const plain = !NEEDS_ESCAPE.test(free);
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
export function detached<T extends string | null>(value: T): T {
  return (value === null ? null : Buffer.from(value, "utf8").toString("utf8")) as T;
}

type RollupFields = Pick<
  UsageRow,
  | "billingAccountId"
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
  billingAccountId: detached(r.billingAccountId),
  invoiceMonth: detached(r.invoiceMonth),
  projectId: detached(r.projectId),
  serviceId: detached(r.serviceId),
  serviceDescription: detached(r.serviceDescription),
  currency: detached(r.currency),
  skuId: detached(r.skuId),
  skuDescription: detached(r.skuDescription),
  usageUnit: detached(r.usageUnit),
});

/** One rollup row: the batch's lines with the same account, month, project, service, currency, SKU and unit. */
export interface RollupEntry {
  row: RollupFields;
  cost: DecimalSum;
  credits: DecimalSum;
  usageAmount: DecimalSum | null;
  rows: number;
}

const ROLLUP_COLUMNS = [
  "batchId",
  "billingAccountId",
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
  "current",
] as const;

/**
 * The batch's rollup entries, found by project and SKU and then by the remaining fields, so a
 * row's entry is found without building a key string for every row.
 */
export class Rollup {
  private readonly byProject = new Map<string, Map<string, RollupEntry[]>>();
  private readonly all: RollupEntry[] = [];

  add(row: UsageRow): void {
    const entry = this.entryFor(row);
    entry.cost.add(row.cost);
    entry.credits.add(row.credits);
    if (row.usageAmount !== null) {
      entry.usageAmount ??= new DecimalSum();
      entry.usageAmount.add(row.usageAmount);
    }
    entry.rows++;
  }

  entries(): RollupEntry[] {
    return this.all;
  }

  private entryFor(row: UsageRow): RollupEntry {
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
        k.billingAccountId === row.billingAccountId &&
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
}

/**
 * A chunk of COPY text as UTF-8 in one pass: written into a buffer sized for plain ASCII, and
 * encoded again only if it did not fit (Buffer.from measures the string first, then writes it).
 * A write that stops short leaves less than one character's bytes (at most 4) unused.
 */
export function utf8(text: string): Buffer {
  const buffer = Buffer.allocUnsafe(text.length + 64);
  const written = buffer.write(text, "utf8");
  return written < buffer.length - 3 ? buffer.subarray(0, written) : Buffer.from(text, "utf8");
}

function rollupCopyLine(batchId: string, e: RollupEntry, current: boolean) {
  const r = e.row;
  const usageAmount = e.usageAmount === null ? "\\N" : e.usageAmount.toString();
  return (
    `${batchId}\t${copyText(r.billingAccountId)}\t${r.invoiceMonth}\t${copyText(r.projectId)}\t` +
    `${copyText(r.serviceId)}\t${copyText(r.serviceDescription)}\t${r.currency}\t${copyText(r.skuId)}\t` +
    `${copyText(r.skuDescription)}\t${copyText(r.usageUnit)}\t${e.cost}\t${e.credits}\t${usageAmount}\t${e.rows}\t` +
    `${current ? "t" : "f"}\n`
  );
}

export async function copyInto(
  client: pg.ClientBase,
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

/** Writes a batch's rollup; `current` says whether it is billed from now on. */
export async function copyRollup(client: pg.ClientBase, batchId: string, entries: RollupEntry[], current: boolean) {
  if (!entries.length) return;
  await copyInto(client, "UsageRollup", ROLLUP_COLUMNS, async (copy) => {
    copy.write(entries.map((e) => rollupCopyLine(batchId, e, current)).join(""));
  });
}
