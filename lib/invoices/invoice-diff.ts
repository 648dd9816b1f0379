// What changed between two versions of an invoice (or between this month's invoice and last
// month's): header fields, totals and tax per rate, and lines added, removed or changed, each
// with its yen delta. Pure: it reads two snapshots (snapshot.ts) and nothing else.
//
// Lines are matched in passes, so a moved, re-described or duplicated line still pairs with
// its counterpart rather than showing as one removal plus one addition:
//   1. same identity and same position;
//   2. same identity, in position order (a line that moved);
//   3. same kind and same position, for lines without project and service (a manual line
//      whose description changed); lines with a project or service pair only by identity.
// A line's identity is its kind with its project and service when it has them (usage lines,
// which finance may re-describe), otherwise its kind and description. A line's position is
// not compared: a line that moved is the same line.
import { Decimal } from "@/lib/money/money";
import type { InvoiceLineSnapshot, InvoiceSnapshot } from "./snapshot";

/** Header fields compared, in the order shown. */
export const HEADER_FIELDS = [
  "kind",
  "month",
  "recipientName",
  "recipientDept",
  "recipientAddress",
  "dueDate",
  "notesPrinted",
  "notesInternal",
  "currency",
  "taxRounding",
  "fxRates",
  "customerId",
  "billingGroupId",
  "correctsInvoiceId",
] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

/** Line fields compared, in the order shown. */
export const LINE_FIELDS = [
  "description",
  "quantity",
  "unit",
  "unitPriceJpy",
  "amountJpy",
  "taxRate",
  "reason",
  "serviceDescription",
  "sourceCost",
  "sourceCurrency",
  "fxRate",
  "manual",
  "edited",
] as const;
export type LineField = (typeof LINE_FIELDS)[number];

export const TOTAL_FIELDS = ["subtotalJpy", "taxJpy", "totalJpy"] as const;
export type TotalField = (typeof TOTAL_FIELDS)[number];

export interface FieldChange<F extends string = string> {
  field: F;
  before: string | null;
  after: string | null;
}

export interface AmountChange<F extends string = string> {
  field: F;
  /** Integer yen as strings; null when the side has no such amount. */
  before: string | null;
  after: string | null;
  deltaJpy: string;
}

export type LineStatus = "added" | "removed" | "changed" | "unchanged";

export interface LineDiff {
  status: LineStatus;
  before: InvoiceLineSnapshot | null;
  after: InvoiceLineSnapshot | null;
  /** Fields that differ (empty for added, removed and unchanged lines). */
  changes: FieldChange<LineField>[];
  /** after.amountJpy - before.amountJpy, a missing side counting as 0. */
  deltaJpy: string;
}

export interface InvoiceDiff {
  header: FieldChange<HeaderField>[];
  totals: AmountChange<TotalField>[];
  /** Per tax rate: taxable base and tax, before and after. */
  taxBreakdown: Array<{ taxRate: string; base: AmountChange<"baseJpy">; tax: AmountChange<"taxJpy"> }>;
  /** Every line of both sides, paired, in the order of the newer side. */
  lines: LineDiff[];
  summary: { added: number; removed: number; changed: number; unchanged: number; headerChanges: number };
  /** True when nothing at all differs. */
  identical: boolean;
}

const isDecimalText = (v: string) => /^-?\d+(\.\d+)?$/.test(v);

/** Decimal-aware equality: "1" and "1.000" are the same quantity. */
function sameValue(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (isDecimalText(a) && isDecimalText(b)) return new Decimal(a).eq(b);
  return false;
}

/** Stable text of any JSON value (keys sorted), for fields like fxRates. */
function canonical(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v) ?? "null").join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v) ?? "null"}`).join(",")}}`;
  }
  return String(value);
}

const text = (value: unknown): string | null => canonical(value);

/** Integer yen difference as a string; a missing side counts as zero. */
export function yenDelta(before: string | null | undefined, after: string | null | undefined): string {
  return (BigInt(after ?? "0") - BigInt(before ?? "0")).toString();
}

export function lineIdentity(
  line: Pick<InvoiceLineSnapshot, "kind" | "projectId" | "serviceId" | "description">,
): string {
  return line.projectId !== null || line.serviceId !== null
    ? `${line.kind}|p:${line.projectId ?? ""}|s:${line.serviceId ?? ""}`
    : `${line.kind}|d:${line.description}`;
}

function compareLines(before: InvoiceLineSnapshot, after: InvoiceLineSnapshot): FieldChange<LineField>[] {
  const changes: FieldChange<LineField>[] = [];
  for (const field of LINE_FIELDS) {
    const a = text(before[field]);
    const b = text(after[field]);
    if (!sameValue(a, b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/** Pairs the lines of two snapshots (see the passes above); unpaired lines are added or removed. */
export function pairLines(before: readonly InvoiceLineSnapshot[], after: readonly InvoiceLineSnapshot[]) {
  const olds = [...before].sort((a, b) => a.position - b.position);
  const news = [...after].sort((a, b) => a.position - b.position);
  const oldTaken = new Set<number>();
  const pairOfNew = new Map<number, number>();
  const pass = (matches: (o: InvoiceLineSnapshot, n: InvoiceLineSnapshot) => boolean) => {
    news.forEach((n, ni) => {
      if (pairOfNew.has(ni)) return;
      const oi = olds.findIndex((o, i) => !oldTaken.has(i) && matches(o, n));
      if (oi >= 0) {
        oldTaken.add(oi);
        pairOfNew.set(ni, oi);
      }
    });
  };
  pass((o, n) => o.position === n.position && lineIdentity(o) === lineIdentity(n));
  pass((o, n) => lineIdentity(o) === lineIdentity(n));
  const unnamed = (l: InvoiceLineSnapshot) => l.projectId === null && l.serviceId === null;
  pass((o, n) => o.position === n.position && o.kind === n.kind && unnamed(o) && unnamed(n));
  return { olds, news, oldTaken, pairOfNew };
}

export function diffInvoiceSnapshots(before: InvoiceSnapshot, after: InvoiceSnapshot): InvoiceDiff {
  const header: FieldChange<HeaderField>[] = [];
  for (const field of HEADER_FIELDS) {
    const a = text(before[field]);
    const b = text(after[field]);
    if (!sameValue(a, b)) header.push({ field, before: a, after: b });
  }

  const totals = TOTAL_FIELDS.map((field) => ({
    field,
    before: before[field],
    after: after[field],
    deltaJpy: yenDelta(before[field], after[field]),
  }));

  type Breakdown = Array<{ taxRate: string; baseJpy: string; taxJpy: string }>;
  const breakdownOf = (s: InvoiceSnapshot) => (Array.isArray(s.taxBreakdown) ? (s.taxBreakdown as Breakdown) : []);
  const oldRates = new Map(breakdownOf(before).map((b) => [b.taxRate, b]));
  const newRates = new Map(breakdownOf(after).map((b) => [b.taxRate, b]));
  const rates = [...new Set([...newRates.keys(), ...oldRates.keys()])];
  const taxBreakdown = rates.map((taxRate) => {
    const o = oldRates.get(taxRate);
    const n = newRates.get(taxRate);
    const amount = <F extends string>(field: F, a: string | null, b: string | null): AmountChange<F> => ({
      field,
      before: a,
      after: b,
      deltaJpy: yenDelta(a, b),
    });
    return {
      taxRate,
      base: amount("baseJpy", o ? String(o.baseJpy) : null, n ? String(n.baseJpy) : null),
      tax: amount("taxJpy", o ? String(o.taxJpy) : null, n ? String(n.taxJpy) : null),
    };
  });

  const { olds, news, oldTaken, pairOfNew } = pairLines(before.lines, after.lines);
  const rows: Array<LineDiff & { order: number; tie: number }> = [];
  news.forEach((n, ni) => {
    const oi = pairOfNew.get(ni);
    const o = oi === undefined ? undefined : olds[oi];
    if (o === undefined) {
      rows.push({
        status: "added",
        before: null,
        after: n,
        changes: [],
        deltaJpy: yenDelta(null, n.amountJpy),
        order: n.position,
        tie: 1,
      });
      return;
    }
    const changes = compareLines(o, n);
    rows.push({
      status: changes.length ? "changed" : "unchanged",
      before: o,
      after: n,
      changes,
      deltaJpy: yenDelta(o.amountJpy, n.amountJpy),
      order: n.position,
      tie: 1,
    });
  });
  olds.forEach((o, oi) => {
    if (oldTaken.has(oi)) return;
    // Shown where it stood: just before the line that now holds its position.
    rows.push({
      status: "removed",
      before: o,
      after: null,
      changes: [],
      deltaJpy: yenDelta(o.amountJpy, null),
      order: o.position,
      tie: 0,
    });
  });
  rows.sort((a, b) => a.order - b.order || a.tie - b.tie);
  const lines = rows.map(({ order: _order, tie: _tie, ...row }) => row);

  const count = (s: LineStatus) => lines.filter((l) => l.status === s).length;
  const summary = {
    added: count("added"),
    removed: count("removed"),
    changed: count("changed"),
    unchanged: count("unchanged"),
    headerChanges: header.length,
  };
  const identical =
    header.length === 0 &&
    summary.added + summary.removed + summary.changed === 0 &&
    totals.every((t) => t.deltaJpy === "0") &&
    taxBreakdown.every(
      (t) => t.base.deltaJpy === "0" && t.tax.deltaJpy === "0" && (t.base.before === null) === (t.base.after === null),
    );
  return { header, totals, taxBreakdown, lines, summary, identical };
}

/** Whether a stored JSON value looks like a snapshot (old test rows hold `{}`). */
export function isInvoiceSnapshot(value: unknown): value is InvoiceSnapshot {
  if (!value || typeof value !== "object") return false;
  const v = value as Partial<InvoiceSnapshot>;
  return (
    Array.isArray(v.lines) &&
    typeof v.totalJpy === "string" &&
    typeof v.subtotalJpy === "string" &&
    typeof v.taxJpy === "string"
  );
}
