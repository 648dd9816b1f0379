// What an audit event changed, as rows a person can read: one per field whose value differs
// between `before` and `after` (a field only in `after` is new, only in `before` removed).
// Nested values are shown as compact JSON, cut at a readable length.

export interface ChangeRow {
  field: string;
  before: string | null;
  after: string | null;
}

const MAX = 240;

export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function describeChanges(before: unknown, after: unknown): ChangeRow[] {
  if (before == null && after == null) return [];
  if (!(isRecord(before) || before == null) || !(isRecord(after) || after == null)) {
    const [b, a] = [displayValue(before), displayValue(after)];
    return b === a ? [] : [{ field: "", before: b, after: a }];
  }
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
    .map((field) => ({ field, before: displayValue(b[field]), after: displayValue(a[field]) }));
}

/** The line changes a regeneration records in its metadata ({ changes: [{ line, before, after }] }). */
export function lineChanges(metadata: unknown): ChangeRow[] {
  if (!isRecord(metadata) || !Array.isArray(metadata.changes)) return [];
  return metadata.changes
    .filter(isRecord)
    .map((c) => ({ field: String(c.line ?? ""), before: displayValue(c.before), after: displayValue(c.after) }));
}
