// Who changed what between two versions of an invoice, from the versions' snapshots: what a
// refused stale save tells the person ("経理 次郎 changed the amount of line 3 and the due
// date (now version 5)"). Pure; the words come from lib/i18n/messages/invoice-edit.ts.
import type { Translate } from "@/lib/i18n/define";
import type { InvoiceEditKey } from "@/lib/i18n/messages/invoice-edit";
import type { InvoiceLineSnapshot, InvoiceSnapshot } from "./snapshot";

export type LineField = "kind" | "description" | "quantity" | "unitPrice" | "amount" | "taxRate" | "reason";
export type HeaderField = "dueDate" | "notesPrinted" | "notesInternal" | "recipient";

export type ChangePart =
  | { kind: "line"; line: number; fields: LineField[] }
  | { kind: "added"; line: number }
  | { kind: "removed"; line: number }
  | { kind: "header"; field: HeaderField }
  | { kind: "other" };

export interface VersionChange {
  version: number;
  /** The person's name, or null for the system (generation from usage). */
  by: string | null;
  cause: string;
  parts: ChangePart[];
}

const LINE_FIELDS: Array<[LineField, keyof InvoiceLineSnapshot]> = [
  ["kind", "kind"],
  ["description", "description"],
  ["quantity", "quantity"],
  ["unitPrice", "unitPriceJpy"],
  ["amount", "amountJpy"],
  ["taxRate", "taxRate"],
  ["reason", "reason"],
];
const HEADER_FIELDS: Array<[HeaderField, Array<keyof InvoiceSnapshot>]> = [
  ["dueDate", ["dueDate"]],
  ["notesPrinted", ["notesPrinted"]],
  ["notesInternal", ["notesInternal"]],
  ["recipient", ["recipientName", "recipientDept", "recipientAddress"]],
];

function isSnapshot(value: unknown): value is InvoiceSnapshot {
  return typeof value === "object" && value !== null && Array.isArray((value as { lines?: unknown }).lines);
}

/** Numbers compare by value ("1.50" is "1.5"); everything else as text. */
function same(a: unknown, b: unknown) {
  if (typeof a === "string" && typeof b === "string" && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) {
    const norm = (v: string) => v.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
    return norm(a) === norm(b);
  }
  return (a ?? null) === (b ?? null);
}

/** The parts that differ between two snapshots; lines are matched by position. */
export function diffSnapshots(before: unknown, after: unknown): ChangePart[] {
  if (!isSnapshot(before) || !isSnapshot(after)) return [{ kind: "other" }];
  const parts: ChangePart[] = [];
  const old = new Map(before.lines.map((l) => [l.position, l]));
  const now = new Map(after.lines.map((l) => [l.position, l]));
  for (const line of after.lines) {
    const was = old.get(line.position);
    if (!was) continue;
    const fields = LINE_FIELDS.filter(([, key]) => !same(was[key], line[key])).map(([field]) => field);
    if (fields.length) parts.push({ kind: "line", line: line.position, fields });
  }
  for (const [field, keys] of HEADER_FIELDS)
    if (keys.some((k) => !same(before[k], after[k]))) parts.push({ kind: "header", field });
  for (const line of after.lines) if (!old.has(line.position)) parts.push({ kind: "added", line: line.position });
  for (const line of before.lines) if (!now.has(line.position)) parts.push({ kind: "removed", line: line.position });
  return parts;
}

/** Consecutive versions by the same person read as one change. */
function byPerson(changes: VersionChange[]) {
  const groups: Array<{ by: string | null; cause: string; parts: ChangePart[] }> = [];
  for (const c of changes) {
    const last = groups.at(-1);
    if (last && last.by === c.by && last.cause === c.cause) last.parts.push(...c.parts);
    else groups.push({ by: c.by, cause: c.cause, parts: [...c.parts] });
  }
  return groups;
}

function mergeLineParts(parts: ChangePart[]) {
  const lines = new Map<number, Set<LineField>>();
  const rest: ChangePart[] = [];
  for (const p of parts) {
    if (p.kind === "line") {
      const set = lines.get(p.line) ?? new Set<LineField>();
      for (const f of p.fields) set.add(f);
      lines.set(p.line, set);
    } else if (!rest.some((r) => JSON.stringify(r) === JSON.stringify(p))) rest.push(p);
  }
  const order = LINE_FIELDS.map(([f]) => f);
  return {
    lines: [...lines]
      .sort(([a], [b]) => a - b)
      .map(([line, set]) => ({ line, fields: order.filter((f) => set.has(f)) })),
    rest,
  };
}

export function joinList(items: string[], t: Translate<InvoiceEditKey>, kind: "list" | "fields" = "list") {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(t(`${kind}_separator`))}${t(`${kind}_and`)}${items.at(-1)}`;
}

/** One sentence per person, e.g. "経理 次郎 changed the amount of line 3 and the due date". */
export function describeChanges(changes: VersionChange[], t: Translate<InvoiceEditKey>): string {
  return byPerson(changes)
    .map((group) => {
      const who = group.by ?? t(group.cause === "regenerated" ? "who_regeneration" : "who_system");
      const { lines, rest } = mergeLineParts(group.parts);
      const changed = [
        ...lines.map((l) =>
          t("changed_line", {
            fields: joinList(
              l.fields.map((f) => t(`field_${f}`)),
              t,
              "fields",
            ),
            line: l.line,
          }),
        ),
        ...rest.flatMap((p) => (p.kind === "header" ? [t(`header_${p.field}`)] : [])),
      ];
      const clauses = [
        ...(changed.length ? [t("clause_changed", { what: joinList(changed, t) })] : []),
        ...rest.flatMap((p) =>
          p.kind === "added"
            ? [t("clause_added", { line: p.line })]
            : p.kind === "removed"
              ? [t("clause_removed", { line: p.line })]
              : [],
        ),
        ...(rest.some((p) => p.kind === "other") || (!changed.length && !rest.length) ? [t("clause_other")] : []),
      ];
      return t("sentence", { who, what: clauses.join(t("clause_separator")) });
    })
    .join(t("person_separator"));
}

/** The whole refusal: who changed what since the version the form was opened on. */
export function conflictMessage(
  changes: VersionChange[],
  expectedVersion: number,
  currentVersion: number,
  t: Translate<InvoiceEditKey>,
) {
  if (changes.length === 0) return t("conflict_unknown", { expected: expectedVersion, current: currentVersion });
  return t("conflict", { expected: expectedVersion, changes: describeChanges(changes, t), current: currentVersion });
}
