// The three export formats the console reads, each turned into UsageRow with row-level
// validation. Format is detected from the header (first line).
import { ISO_4217 } from "./currencies";
import type { RowError, UsageFormat, UsageRow } from "./usage-row";

export class UnknownFormatError extends Error {}

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const MONTH = /^(\d{4})-?(0[1-9]|1[0-2])$/;

export const GCP_CSV_REQUIRED = ["billing_account_id", "service.id", "service.description", "sku.id", "sku.description", "project.id", "cost", "currency", "invoice.month"] as const;
export const FOCUS_REQUIRED = ["BilledCost", "BillingCurrency", "BillingPeriodStart"] as const;

export function detectFormat(firstLine: string): UsageFormat {
  const trimmed = firstLine.replace(/^\uFEFF/, "").trim();
  if (trimmed.startsWith("{")) return "GCP_JSONL";
  const columns = trimmed.split(",").map((c) => c.trim().replace(/^"|"$/g, ""));
  if (columns.includes("BilledCost") || columns.includes("BillingPeriodStart")) return "FOCUS_CSV";
  if (columns.includes("cost") && (columns.includes("invoice.month") || columns.includes("service.description"))) return "GCP_CSV";
  throw new UnknownFormatError(
    "The file is neither a Google Cloud Billing export (CSV or newline-delimited JSON) nor a FOCUS 1.x cost and usage file: its first line has none of their columns.",
  );
}

export function missingColumns(format: UsageFormat, header: readonly string[]): string[] {
  const required = format === "FOCUS_CSV" ? FOCUS_REQUIRED : format === "GCP_CSV" ? GCP_CSV_REQUIRED : [];
  return required.filter((c) => !header.includes(c));
}

/** "202610" / "2026-10" -> "2026-10". */
export function normalizeMonth(value: string): string | null {
  const m = MONTH.exec(value.trim());
  return m ? `${m[1]}-${m[2]}` : null;
}

/** ISO 8601, or the M/D/YY(YY) some FOCUS exports use; returns an ISO string or null. */
export function parseTimestamp(value: string): string | null {
  const v = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(v);
  const iso = us ? `${us[3]!.length === 2 ? "20" + us[3] : us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}T00:00:00Z` : v;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const empty = (v: unknown) => v === undefined || v === null || v === "" || v === "null";
const text = (v: unknown): string | null => (empty(v) ? null : String(v));

interface Checker {
  errors: RowError[];
  line: number;
}

function need(c: Checker, column: string, value: unknown): string {
  if (empty(value)) {
    c.errors.push({ line: c.line, column, reason: "is empty" });
    return "";
  }
  return String(value);
}

function decimal(c: Checker, column: string, value: unknown, required: boolean): string | null {
  if (empty(value)) {
    if (required) c.errors.push({ line: c.line, column, reason: "is empty" });
    return required ? "0" : null;
  }
  const s = String(value).trim();
  if (!DECIMAL.test(s)) {
    c.errors.push({ line: c.line, column, reason: `"${s.slice(0, 40)}" is not a number` });
    return "0";
  }
  return s;
}

function currency(c: Checker, column: string, value: unknown): string {
  const code = need(c, column, value).trim().toUpperCase();
  if (code && !ISO_4217.has(code)) c.errors.push({ line: c.line, column, reason: `unknown currency "${code}"` });
  return code;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function timestamp(c: Checker, column: string, value: unknown): string | null {
  if (empty(value)) return null;
  // The common case, already ISO 8601 in UTC, passes through without a Date round trip.
  if (typeof value === "string" && ISO_UTC.test(value)) return value;
  const ts = parseTimestamp(String(value));
  if (!ts) c.errors.push({ line: c.line, column, reason: `"${String(value).slice(0, 40)}" is not a date` });
  return ts;
}

function month(c: Checker, column: string, value: unknown): string {
  if (empty(value)) {
    c.errors.push({ line: c.line, column, reason: "is missing: usage is billed by its invoice month" });
    return "";
  }
  const m = normalizeMonth(String(value));
  if (!m) c.errors.push({ line: c.line, column, reason: `"${String(value).slice(0, 20)}" is not a month (YYYYMM or YYYY-MM)` });
  return m ?? "";
}

/** Sums a credits list; amounts are kept as decimal text (see parseJsonKeepingNumbers). */
function credits(c: Checker, column: string, value: unknown): { total: string; detail: string | null } {
  if (empty(value) || value === "[]") return { total: "0", detail: null };
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = parseJsonKeepingNumbers(value);
    } catch {
      c.errors.push({ line: c.line, column, reason: "is not valid JSON" });
      return { total: "0", detail: null };
    }
  }
  if (!Array.isArray(list)) {
    c.errors.push({ line: c.line, column, reason: "must be a list of credits" });
    return { total: "0", detail: null };
  }
  const amounts: string[] = [];
  for (const credit of list) {
    const amount = decimal(c, `${column}.amount`, (credit as Record<string, unknown>)?.amount, true);
    if (amount) amounts.push(amount);
  }
  return { total: sumDecimalStrings(amounts), detail: JSON.stringify(list) };
}

/** Exact sum of decimal strings (scaled integers), without floats or a Decimal per row. */
export function sumDecimalStrings(values: readonly string[]): string {
  if (values.length === 0) return "0";
  if (values.length === 1) return values[0]!;
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
  return JSON.parse(json, (_key, value, context?: { source?: string }) => (typeof value === "number" && context?.source ? context.source : value));
}

function jsonText(c: Checker, column: string, value: unknown): string | null {
  if (empty(value)) return null;
  if (value === "[]" || value === "{}") return value;
  if (typeof value !== "string") return JSON.stringify(value);
  try {
    JSON.parse(value);
    return value;
  } catch {
    c.errors.push({ line: c.line, column, reason: "is not valid JSON" });
    return null;
  }
}

/** A flat record (CSV, or JSON flattened to dotted keys) to a UsageRow, Google Cloud layout. */
export function gcpRow(r: Record<string, unknown>, line: number): { row: UsageRow; errors: RowError[] } {
  const c: Checker = { errors: [], line };
  const credit = credits(c, "credits", r["credits"]);
  const row: UsageRow = {
    lineNo: line,
    invoiceMonth: month(c, "invoice.month", r["invoice.month"]),
    billingAccountId: need(c, "billing_account_id", r["billing_account_id"]),
    projectId: need(c, "project.id", r["project.id"]),
    projectName: text(r["project.name"]),
    serviceId: need(c, "service.id", r["service.id"]),
    serviceDescription: need(c, "service.description", r["service.description"]),
    skuId: text(r["sku.id"]) ?? "",
    skuDescription: text(r["sku.description"]) ?? "",
    usageStart: timestamp(c, "usage_start_time", r["usage_start_time"]),
    usageEnd: timestamp(c, "usage_end_time", r["usage_end_time"]),
    region: text(r["location.region"]),
    labels: jsonText(c, "labels", r["labels"]),
    cost: decimal(c, "cost", r["cost"], true)!,
    credits: credit.total,
    creditDetail: credit.detail,
    currency: currency(c, "currency", r["currency"]),
    conversionRate: decimal(c, "currency_conversion_rate", r["currency_conversion_rate"], false),
    usageAmount: decimal(c, "usage.amount", r["usage.amount"], false),
    usageUnit: text(r["usage.unit"]),
    costType: text(r["cost_type"]),
  };
  return { row, errors: c.errors };
}

/** Flattens a nested export record ({ service: { id } }) to dotted keys; lists stay values. */
export function flattenRecord(record: Record<string, unknown>, prefix = "", out: Record<string, unknown> = {}) {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object" && !Array.isArray(value) && name !== "labels" && name !== "project.labels") flattenRecord(value as Record<string, unknown>, name, out);
    else out[name] = value;
  }
  return out;
}

/** A FOCUS 1.x record to a UsageRow. The sub-account (GCP project, AWS account, Azure
 * subscription) is the project; charges without one are kept under an account-level pseudo
 * project, so they show as unassigned rather than being dropped. */
export function focusRow(r: Record<string, unknown>, line: number): { row: UsageRow; errors: RowError[] } {
  const c: Checker = { errors: [], line };
  const start = timestamp(c, "BillingPeriodStart", r["BillingPeriodStart"]);
  if (!start && !empty(r["BillingPeriodStart"])) {
    // error already recorded
  } else if (!start) c.errors.push({ line, column: "BillingPeriodStart", reason: "is missing: usage is billed by its billing period" });
  const account = text(r["BillingAccountId"]) ?? "unknown-account";
  const service = text(r["ServiceName"]) ?? text(r["ServiceCategory"]) ?? text(r["ChargeCategory"]) ?? "Other";
  const row: UsageRow = {
    lineNo: line,
    invoiceMonth: start ? start.slice(0, 7) : "",
    billingAccountId: account,
    projectId: text(r["SubAccountId"]) ?? `account:${account}`,
    projectName: text(r["SubAccountName"]),
    serviceId: service,
    serviceDescription: service,
    skuId: text(r["SkuId"]) ?? text(r["SkuPriceId"]) ?? "",
    skuDescription: text(r["ChargeDescription"]) ?? text(r["SkuMeter"]) ?? "",
    usageStart: timestamp(c, "ChargePeriodStart", r["ChargePeriodStart"]),
    usageEnd: timestamp(c, "ChargePeriodEnd", r["ChargePeriodEnd"]),
    region: text(r["RegionId"]),
    labels: jsonText(c, "Tags", r["Tags"]),
    cost: decimal(c, "BilledCost", r["BilledCost"], true)!,
    credits: "0",
    creditDetail: null,
    currency: currency(c, "BillingCurrency", r["BillingCurrency"]),
    conversionRate: null,
    usageAmount: decimal(c, "ConsumedQuantity", r["ConsumedQuantity"], false),
    usageUnit: text(r["ConsumedUnit"]),
    costType: text(r["ChargeCategory"]),
  };
  return { row, errors: c.errors };
}
