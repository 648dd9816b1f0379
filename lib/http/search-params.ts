// A page's query string, parsed once with its zod schema. What a person typed never reaches the
// database unchecked: a search longer than allowed, a NUL byte or other control character, or a
// month that is no month makes the parse fail, and the page shows an empty result with a
// message (a route handler answers 400) instead of a server error. Pure.
import { z } from "zod";

export type RawSearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Longest free-text search any list accepts. */
export const MAX_SEARCH_LENGTH = 100;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Free text: trimmed, at most `max` characters, no control characters (PostgreSQL refuses NUL). */
export function searchText(max = MAX_SEARCH_LENGTH) {
  return z
    .string()
    .refine((s) => !CONTROL.test(s), "control-character")
    .transform((s) => s.trim())
    .pipe(z.string().max(max, "too-long"));
}

/** A calendar month, YYYY-MM with a real month. */
export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "not-a-month");

/** A page number; anything else is page 1. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/** One value per key: the first when a key repeats; empty strings count as absent. */
export function firstValues(raw: RawSearchParams): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (raw instanceof URLSearchParams) {
    for (const [key, value] of raw) if (!(key in out)) out[key] = value === "" ? undefined : value;
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    out[key] = first === "" ? undefined : first;
  }
  return out;
}

/**
 * A dynamic route segment (a project id) as text: decoded when it still carries percent
 * escapes, as it came when it cannot be decoded; null when it is no plausible id (control
 * characters, absurd length), which the page answers with 404.
 */
export function pathParam(raw: string, max = 200): string | null {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // "%E0%A4%A" and the like: not an escape sequence, so not an id we could have issued.
    return null;
  }
  return text.length === 0 || text.length > max || CONTROL.test(text) ? null : text;
}

export type ParsedSearch<T> =
  | { ok: true; value: T }
  /** `value` is the schema's defaults, for drawing the page around the message. */
  | { ok: false; value: T; invalid: string[] };

/**
 * Parses a query string with a page's schema (an object of optional or defaulted fields).
 * On failure it names the fields that did not parse.
 */
export function parseSearch<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  raw: RawSearchParams,
): ParsedSearch<z.output<S>> {
  const input = firstValues(raw);
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const invalid = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "?")))];
  return { ok: false, value: schema.parse({}), invalid };
}
