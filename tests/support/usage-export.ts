// Google Cloud usage exports written by tests (integration and end-to-end): the same rows in
// any of the ways an export may be saved again (a BOM, Windows line endings, rows or columns in
// another order, numbers spelled 1.50 or 1.5e0). No database here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface ExportRow {
  project: string;
  sku: string;
  /** Hour of the month's first day the usage started: with project and SKU, what tells rows apart. */
  hour: number;
  /** Cost in millionths of the currency (an integer, so the tests' own sums are exact). */
  micros: number;
  /** Credit in millionths (0 or negative). */
  creditMicros?: number;
  /** JPY unless said. */
  currency?: string;
}

export interface Encoding {
  bom?: boolean;
  crlf?: boolean;
  /** Rows in this order (indexes into the rows; missing ones follow in order). */
  order?: number[];
  reverseColumns?: boolean;
  spelling?: "plain" | "trailing-zeros" | "exponent";
}

const COLUMNS = [
  "billing_account_id",
  "service.id",
  "service.description",
  "sku.id",
  "sku.description",
  "usage_start_time",
  "usage_end_time",
  "project.id",
  "project.name",
  "labels",
  "cost",
  "currency",
  "credits",
  "invoice.month",
];

export function decimalOf(micros: number, spelling: Encoding["spelling"] = "plain") {
  const neg = micros < 0 ? "-" : "";
  const abs = Math.abs(micros);
  const plain = `${neg}${Math.floor(abs / 1e6)}.${String(abs % 1e6).padStart(6, "0")}`;
  if (spelling === "trailing-zeros") return `${plain}0`;
  if (spelling === "exponent") return `${neg}${abs}e-6`;
  const trimmed = plain.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "-0" ? "0" : trimmed;
}

/** A Google Cloud CSV export of `rows` for one billing account and month, written as `encoding` says. */
export function exportCsv(account: string, month: string, rows: readonly ExportRow[], encoding: Encoding = {}) {
  const order = [...(encoding.order ?? []), ...rows.keys()].filter(
    (i, n, all) => i < rows.length && all.indexOf(i) === n,
  );
  const columns = encoding.reverseColumns ? [...COLUMNS].reverse() : COLUMNS;
  const lines = order.map((i) => {
    const r = rows[i] as ExportRow;
    const start = `${month}-01T${String(r.hour).padStart(2, "0")}:00:00Z`;
    const credit = r.creditMicros
      ? `"[{""name"":""promo"",""amount"":${decimalOf(r.creditMicros, encoding.spelling)}}]"`
      : "[]";
    const values: Record<string, string> = {
      billing_account_id: account,
      "service.id": "SVC-1",
      "service.description": "Compute Engine",
      "sku.id": r.sku,
      "sku.description": `SKU ${r.sku}`,
      usage_start_time: start,
      usage_end_time: start.replace(/T(\d\d):00/, (_m, h: string) => `T${h}:59`),
      "project.id": r.project,
      "project.name": r.project,
      labels: "[]",
      cost: decimalOf(r.micros, encoding.spelling),
      currency: r.currency ?? "JPY",
      credits: credit,
      "invoice.month": month.replace("-", ""),
    };
    return columns.map((c) => values[c]).join(",");
  });
  const eol = encoding.crlf ? "\r\n" : "\n";
  return `${encoding.bom ? "\uFEFF" : ""}${[columns.join(","), ...lines].join(eol)}${eol}`;
}

export function writeTemp(name: string, text: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "usage-test-")), name);
  fs.writeFileSync(file, text);
  return file;
}
