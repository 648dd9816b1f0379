// The three export formats the console reads, each turned into UsageRow with row-level
// validation. Format is detected from the header (first line).
import { ISO_4217 } from "./currencies";
import { canonicalDecimal, decimalProblemReason } from "./decimals";
import { parseInvoiceMonth, parseUsageTimestamp, timestampProblemReason } from "./timestamps";
import type { RowError, RowErrorCode, UsageFormat, UsageRow } from "./usage-row";

export class UnknownFormatError extends Error {}

export const GCP_CSV_REQUIRED = [
  "billing_account_id",
  "service.id",
  "service.description",
  "sku.id",
  "sku.description",
  "project.id",
  "cost",
  "currency",
  "invoice.month",
] as const;
export const FOCUS_REQUIRED = ["BilledCost", "BillingCurrency", "BillingPeriodStart"] as const;

export function detectFormat(firstLine: string): UsageFormat {
  const trimmed = firstLine.replace(/^\uFEFF/, "").trim();
  if (trimmed.startsWith("{")) return "GCP_JSONL";
  // Column names are compared without case: exporters differ (the FOCUS samples write "SkuPriceid").
  const columns = trimmed.split(",").map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
  if (columns.includes("billedcost") || columns.includes("billingperiodstart")) return "FOCUS_CSV";
  if (columns.includes("cost") && (columns.includes("invoice.month") || columns.includes("service.description")))
    return "GCP_CSV";
  throw new UnknownFormatError(
    "The file is neither a Google Cloud Billing export (CSV or newline-delimited JSON) nor a FOCUS 1.x cost and " +
      "usage file: its first line has none of their columns.",
  );
}

export function missingColumns(format: UsageFormat, header: readonly string[]): string[] {
  const required = format === "FOCUS_CSV" ? FOCUS_REQUIRED : format === "GCP_CSV" ? GCP_CSV_REQUIRED : [];
  const present = new Set(header.map((h) => h.toLowerCase()));
  return required.filter((c) => !present.has(c.toLowerCase()));
}

/**
 * Null in a file: no value, an empty one, or the literal NULL in any case (FOCUS exporters write
 * "null", "NULL" or nothing for a nullable column).
 */
export function isNullValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v !== "string") return false;
  // Only short values can be null: a long one is real content, so the common case is one comparison.
  if (v.length > 8) return false;
  const t = v.trim();
  return t === "" || (t.length === 4 && t.toLowerCase() === "null");
}
const empty = isNullValue;
const text = (v: unknown): string | null => (empty(v) ? null : String(v));

interface Checker {
  errors: RowError[];
  line: number;
}

function fail(c: Checker, column: string, code: RowErrorCode, reason: string, params?: Record<string, string>) {
  c.errors.push(params ? { line: c.line, column, code, params, reason } : { line: c.line, column, code, reason });
}

function need(c: Checker, column: string, value: unknown): string {
  if (empty(value)) {
    fail(c, column, "empty", "is empty");
    return "";
  }
  return String(value);
}

/** A required column reads "0" when empty or wrong (with an error recorded); an optional one reads null when empty. */
function decimal(c: Checker, column: string, value: unknown, required: true): string;
function decimal(c: Checker, column: string, value: unknown, required: false): string | null;
function decimal(c: Checker, column: string, value: unknown, required: boolean): string | null {
  if (empty(value)) {
    if (required) fail(c, column, "empty", "is empty");
    return required ? "0" : null;
  }
  const s = String(value);
  const parsed = canonicalDecimal(s);
  if ("problem" in parsed) {
    fail(c, column, parsed.problem, decimalProblemReason(parsed.problem, s.trim()), { value: s.trim().slice(0, 40) });
    return "0";
  }
  return parsed.value;
}

function currency(c: Checker, column: string, value: unknown): string {
  const code = need(c, column, value).trim().toUpperCase();
  if (code && !ISO_4217.has(code))
    fail(c, column, "unknown-currency", `unknown currency "${code}"`, { value: code.slice(0, 20) });
  return code;
}

function parsedTimestamp(c: Checker, column: string, value: unknown) {
  if (empty(value)) return null;
  const s = String(value);
  const parsed = parseUsageTimestamp(s);
  if ("problem" in parsed) {
    fail(c, column, parsed.problem, timestampProblemReason(parsed.problem, s), { value: s.slice(0, 40) });
    return null;
  }
  return parsed;
}

/** A timestamp as the canonical UTC instant (a time without a zone is UTC). */
function timestamp(c: Checker, column: string, value: unknown): string | null {
  return parsedTimestamp(c, column, value)?.iso ?? null;
}

function month(c: Checker, column: string, value: unknown): string {
  if (empty(value)) {
    fail(c, column, "month-missing", "is missing: usage is billed by its invoice month");
    return "";
  }
  const s = String(value);
  const m = parseInvoiceMonth(s);
  if (typeof m !== "string") {
    const reason =
      m.problem === "not-a-month"
        ? `"${s.slice(0, 20)}" is not a month (YYYYMM or YYYY-MM)`
        : timestampProblemReason("date-out-of-range", s);
    fail(c, column, m.problem, reason, { value: s.slice(0, 20) });
    return "";
  }
  return m;
}

/** Sums a credits list; amounts are kept as decimal text (see parseJsonKeepingNumbers). */
function credits(c: Checker, column: string, value: unknown): { total: string; detail: string | null } {
  if (empty(value) || value === "[]") return { total: "0", detail: null };
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = parseCreditsText(value);
    } catch {
      fail(c, column, "invalid-json", "is not valid JSON");
      return { total: "0", detail: null };
    }
  }
  if (!Array.isArray(list)) {
    fail(c, column, "not-a-list", "must be a list of credits");
    return { total: "0", detail: null };
  }
  const amounts: string[] = [];
  for (const credit of list) {
    const amount = decimal(c, `${column}.amount`, (credit as Record<string, unknown>)?.amount, true);
    if (amount) amounts.push(amount);
  }
  return { total: sumDecimalStrings(amounts), detail: typeof value === "string" ? value : JSON.stringify(list) };
}

const AMOUNT_TEXT = /"amount"\s*:\s*(-?\d[\d.eE+-]*)/g;

/**
 * A credits list from its JSON text with each amount as its source text. The plain parser is
 * several times faster than one with a reviver, so amounts are read from the text and used
 * only when they match the parsed list one for one; anything unusual takes the reviver.
 */
export function parseCreditsText(json: string): unknown {
  const list: unknown = JSON.parse(json);
  if (!Array.isArray(list)) return list;
  const texts = [...json.matchAll(AMOUNT_TEXT)].map(([, amount = ""]) => amount);
  const exact =
    texts.length === list.length &&
    list.every(
      (credit, i) =>
        credit !== null &&
        typeof credit === "object" &&
        typeof (credit as { amount?: unknown }).amount === "number" &&
        Number(texts[i]) === (credit as { amount: number }).amount,
    );
  if (!exact) return parseJsonKeepingNumbers(json);
  return list.map((credit, i) => ({ ...(credit as object), amount: texts[i] }));
}

/** Exact sum of decimal strings (scaled integers), without floats or a Decimal per row. */
export function sumDecimalStrings(values: readonly string[]): string {
  const [first] = values;
  if (first === undefined) return "0";
  if (values.length === 1) return first;
  let scale = 0;
  const parts = values.map((v) => {
    const [int = "0", frac = ""] = v.replace(/^-/, "").split(".");
    scale = Math.max(scale, frac.length);
    return { neg: v.startsWith("-"), int, frac };
  });
  let total = 0n;
  for (const p of parts) {
    const n = BigInt(p.int + p.frac.padEnd(scale, "0"));
    total += p.neg ? -n : n;
  }
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, "0");
  const result = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return neg ? `-${result}` : result;
}

/** JSON.parse that keeps every number as its source text (no float rounding of amounts). */
export function parseJsonKeepingNumbers(json: string): unknown {
  // Node 24 passes the source text of primitives to the reviver (JSON.parse source text access).
  return JSON.parse(json, (_key, value, context?: { source?: string }) =>
    typeof value === "number" && context?.source ? context.source : value,
  );
}

function jsonText(c: Checker, column: string, value: unknown): string | null {
  if (empty(value)) return null;
  if (value === "[]" || value === "{}") return value;
  if (typeof value !== "string") return JSON.stringify(value);
  try {
    JSON.parse(value);
    return value;
  } catch {
    fail(c, column, "invalid-json", "is not valid JSON");
    return null;
  }
}

/** A row's value for a column index (-1: the file lacks the column). */
const field = (fields: readonly unknown[], i: number) => (i < 0 ? undefined : fields[i]);

/** Where each column the console reads sits in a file's rows (-1: the file lacks it). */
export type ColumnIndex<K extends string> = Readonly<Record<K, number>>;

/** Columns by what they are: a name, or names in order of preference (the current one first). */
function columnIndex<K extends string>(
  columns: Readonly<Record<K, string | readonly string[]>>,
  header: readonly string[],
): ColumnIndex<K> {
  const at = new Map(header.map((name, i) => [name, i]));
  // Exporters differ in case ("SkuPriceid"): an exact match first, then one without case.
  const folded = new Map(header.map((name, i) => [name.toLowerCase(), i]).reverse() as Array<[string, number]>);
  const find = (name: string) => at.get(name) ?? folded.get(name.toLowerCase());
  return Object.fromEntries(
    Object.entries<string | readonly string[]>(columns).map(([key, names]) => [
      key,
      (typeof names === "string" ? [names] : names).map(find).find((i) => i !== undefined) ?? -1,
    ]),
  ) as Record<K, number>;
}

/** The Google Cloud export's columns the console reads, by what they are. */
const GCP_COLUMNS = {
  billingAccountId: "billing_account_id",
  serviceId: "service.id",
  serviceDescription: "service.description",
  skuId: "sku.id",
  skuDescription: "sku.description",
  usageStart: "usage_start_time",
  usageEnd: "usage_end_time",
  projectId: "project.id",
  projectName: "project.name",
  region: "location.region",
  labels: "labels",
  cost: "cost",
  currency: "currency",
  conversionRate: "currency_conversion_rate",
  usageAmount: "usage.amount",
  usageUnit: "usage.unit",
  credits: "credits",
  invoiceMonth: "invoice.month",
  costType: "cost_type",
} as const;
export type GcpIndex = ColumnIndex<keyof typeof GCP_COLUMNS>;
export const gcpIndex = (header: readonly string[]): GcpIndex => columnIndex(GCP_COLUMNS, header);

const GCP_RECORD_KEYS = Object.values(GCP_COLUMNS);
const GCP_RECORD_INDEX = gcpIndex(GCP_RECORD_KEYS);

/** One Google Cloud row, as the file's fields in header order, to a UsageRow. */
export function gcpRow(fields: readonly unknown[], ix: GcpIndex, line: number): { row: UsageRow; errors: RowError[] } {
  const c: Checker = { errors: [], line };
  const credit = credits(c, "credits", field(fields, ix.credits));
  const row: UsageRow = {
    lineNo: line,
    invoiceMonth: month(c, "invoice.month", field(fields, ix.invoiceMonth)),
    billingAccountId: need(c, "billing_account_id", field(fields, ix.billingAccountId)),
    projectId: need(c, "project.id", field(fields, ix.projectId)),
    projectName: text(field(fields, ix.projectName)),
    serviceId: need(c, "service.id", field(fields, ix.serviceId)),
    serviceDescription: need(c, "service.description", field(fields, ix.serviceDescription)),
    skuId: text(field(fields, ix.skuId)) ?? "",
    skuDescription: text(field(fields, ix.skuDescription)) ?? "",
    usageStart: timestamp(c, "usage_start_time", field(fields, ix.usageStart)),
    usageEnd: timestamp(c, "usage_end_time", field(fields, ix.usageEnd)),
    region: text(field(fields, ix.region)),
    labels: jsonText(c, "labels", field(fields, ix.labels)),
    cost: decimal(c, "cost", field(fields, ix.cost), true),
    credits: credit.total,
    creditDetail: credit.detail,
    currency: currency(c, "currency", field(fields, ix.currency)),
    conversionRate: decimal(c, "currency_conversion_rate", field(fields, ix.conversionRate), false),
    usageAmount: decimal(c, "usage.amount", field(fields, ix.usageAmount), false),
    usageUnit: text(field(fields, ix.usageUnit)),
    costType: text(field(fields, ix.costType)),
  };
  return { row, errors: c.errors };
}

/** A nested export record (newline-delimited JSON) to a UsageRow, through the CSV layout. */
export function gcpRecordRow(record: Record<string, unknown>, line: number) {
  const flat = flattenRecord(record);
  return gcpRow(
    GCP_RECORD_KEYS.map((key) => flat[key]),
    GCP_RECORD_INDEX,
    line,
  );
}

/** Flattens a nested export record ({ service: { id } }) to dotted keys; lists stay values. */
export function flattenRecord(record: Record<string, unknown>, prefix = "", out: Record<string, unknown> = {}) {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object" && !Array.isArray(value) && name !== "labels" && name !== "project.labels")
      flattenRecord(value as Record<string, unknown>, name, out);
    else out[name] = value;
  }
  return out;
}

const FOCUS_COLUMNS = {
  billingPeriodStart: "BillingPeriodStart",
  billingAccountId: "BillingAccountId",
  serviceName: "ServiceName",
  serviceCategory: "ServiceCategory",
  chargeCategory: "ChargeCategory",
  subAccountId: "SubAccountId",
  subAccountName: "SubAccountName",
  skuId: "SkuId",
  skuPriceId: "SkuPriceId",
  chargeDescription: "ChargeDescription",
  skuMeter: "SkuMeter",
  chargePeriodStart: "ChargePeriodStart",
  chargePeriodEnd: "ChargePeriodEnd",
  // FOCUS 1.0-preview names, which Oracle's exports still write, after the 1.0 ones.
  regionId: ["RegionId", "Region"],
  tags: "Tags",
  billedCost: "BilledCost",
  billingCurrency: "BillingCurrency",
  consumedQuantity: ["ConsumedQuantity", "UsageQuantity"],
  consumedUnit: ["ConsumedUnit", "UsageUnit"],
} as const;
export type FocusIndex = ColumnIndex<keyof typeof FOCUS_COLUMNS>;
export const focusIndex = (header: readonly string[]): FocusIndex => columnIndex(FOCUS_COLUMNS, header);

/** A FOCUS 1.x row to a UsageRow. The sub-account (GCP project, AWS account, Azure
 * subscription) is the project; charges without one are kept under an account-level pseudo
 * project, so they show as unassigned rather than being dropped. */
export function focusRow(
  fields: readonly unknown[],
  ix: FocusIndex,
  line: number,
): { row: UsageRow; errors: RowError[] } {
  const c: Checker = { errors: [], line };
  // The billing period's month as written: a period that opens at midnight in the provider's zone
  // belongs to that month, whatever the offset.
  const start = parsedTimestamp(c, "BillingPeriodStart", field(fields, ix.billingPeriodStart));
  if (empty(field(fields, ix.billingPeriodStart)))
    fail(c, "BillingPeriodStart", "billing-period-missing", "is missing: usage is billed by its billing period");
  const account = text(field(fields, ix.billingAccountId)) ?? "unknown-account";
  const service =
    text(field(fields, ix.serviceName)) ??
    text(field(fields, ix.serviceCategory)) ??
    text(field(fields, ix.chargeCategory)) ??
    "Other";
  const row: UsageRow = {
    lineNo: line,
    invoiceMonth: start?.writtenMonth ?? "",
    billingAccountId: account,
    projectId: text(field(fields, ix.subAccountId)) ?? `account:${account}`,
    projectName: text(field(fields, ix.subAccountName)),
    serviceId: service,
    serviceDescription: service,
    skuId: text(field(fields, ix.skuId)) ?? text(field(fields, ix.skuPriceId)) ?? "",
    skuDescription: text(field(fields, ix.chargeDescription)) ?? text(field(fields, ix.skuMeter)) ?? "",
    usageStart: timestamp(c, "ChargePeriodStart", field(fields, ix.chargePeriodStart)),
    usageEnd: timestamp(c, "ChargePeriodEnd", field(fields, ix.chargePeriodEnd)),
    region: text(field(fields, ix.regionId)),
    labels: jsonText(c, "Tags", field(fields, ix.tags)),
    cost: decimal(c, "BilledCost", field(fields, ix.billedCost), true),
    credits: "0",
    creditDetail: null,
    currency: currency(c, "BillingCurrency", field(fields, ix.billingCurrency)),
    conversionRate: null,
    usageAmount: decimal(c, "ConsumedQuantity", field(fields, ix.consumedQuantity), false),
    usageUnit: text(field(fields, ix.consumedUnit)),
    costType: text(field(fields, ix.chargeCategory)),
  };
  return { row, errors: c.errors };
}
