// The audit page's address: the filter as people type it (times in the console's local time,
// Asia/Tokyo) turned into the domain's filter (UTC instants). Shared by the page, its CSV
// export and its links, so a filtered view and its export always select the same events.
import { z } from "zod";
import { searchText } from "@/lib/http/search-params";
import type { auditFilterSchema } from "./query-audit";

/**
 * The audit page's and its export's query string as text (lib/http/search-params.ts): a field
 * with control characters or longer than 200 characters fails the parse (the page says so, the
 * export answers 400) before parseAuditSearchParams reads the filter from it.
 */
export const auditQueryTextSchema = z.object({
  actor: searchText(200).optional(),
  action: searchText(200).optional(),
  targetType: searchText(200).optional(),
  targetId: searchText(200).optional(),
  outcome: searchText(200).optional(),
  from: searchText(200).optional(),
  to: searchText(200).optional(),
  before: searchText(200).optional(),
});

/** The console shows and takes local times in Japan Standard Time (UTC+9, no daylight saving). */
export const LOCAL_TIME_ZONE = "Asia/Tokyo";
const LOCAL_OFFSET_MS = 9 * 60 * 60 * 1000;

const LOCAL_MINUTE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
const OUTCOMES = ["SUCCESS", "REFUSED", "FAILURE"] as const;
type Outcome = (typeof OUTCOMES)[number];

/**
 * A local (JST) date or minute as the UTC instant it starts at ("start") or the last
 * millisecond it covers ("end"): 2026-08-01T09:00 -> 2026-08-01T00:00:00.000Z (start) or
 * 2026-08-01T00:00:59.999Z (end); a bare date covers the whole local day. Undefined if invalid.
 */
export function localToUtc(value: string, edge: "start" | "end"): string | undefined {
  const m = LOCAL_MINUTE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const hasTime = m[4] !== undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || (hasTime && (h > 23 || mi > 59))) return undefined;
  const wall = Date.UTC(y, mo - 1, d, hasTime ? h : 0, hasTime ? mi : 0);
  // Date.UTC rolls 2026-02-31 over into March; a date that does not exist is invalid.
  if (new Date(wall).getUTCDate() !== d) return undefined;
  const span = hasTime ? 60_000 : 86_400_000;
  return new Date(wall - LOCAL_OFFSET_MS + (edge === "end" ? span - 1 : 0)).toISOString();
}

/** A UTC instant as the local wall time a datetime-local input shows (YYYY-MM-DDTHH:MM). */
export function utcToLocalInput(value: Date | string): string {
  return new Date(new Date(value).getTime() + LOCAL_OFFSET_MS).toISOString().slice(0, 16);
}

export interface AuditFormValues {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  outcome: Outcome | "";
  /** Local (JST) datetime-local values, as typed. */
  from: string;
  to: string;
}

export interface ParsedAuditSearch {
  form: AuditFormValues;
  filter: z.input<typeof auditFilterSchema>;
  /** The UTC instants the local bounds became (shown next to the inputs). */
  utc: { from?: string; to?: string };
  /** Bounds that could not be read and were left out of the filter. */
  invalid: Array<"from" | "to">;
  before?: string;
  /** The filter as a query string (no paging), for links and the export. */
  query: string;
}

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: RawParams, name: string): string {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (value ?? "").trim().slice(0, 200);
}

export function parseAuditSearchParams(params: RawParams): ParsedAuditSearch {
  const outcome = read(params, "outcome").toUpperCase();
  const form: AuditFormValues = {
    actor: read(params, "actor"),
    action: read(params, "action"),
    targetType: read(params, "targetType"),
    targetId: read(params, "targetId"),
    outcome: (OUTCOMES as readonly string[]).includes(outcome) ? (outcome as Outcome) : "",
    from: read(params, "from"),
    to: read(params, "to"),
  };
  const utc = {
    from: form.from ? localToUtc(form.from, "start") : undefined,
    to: form.to ? localToUtc(form.to, "end") : undefined,
  };
  const invalid = (["from", "to"] as const).filter((k) => form[k] && !utc[k]);
  const filter = {
    actor: form.actor || undefined,
    action: form.action || undefined,
    targetType: form.targetType || undefined,
    targetId: form.targetId || undefined,
    outcome: form.outcome || undefined,
    from: utc.from,
    to: utc.to,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(form))
    if (value && !(invalid as string[]).includes(key)) query.set(key, value);
  const before = read(params, "before");
  return {
    form,
    filter,
    utc,
    invalid,
    before: /^\d{1,19}$/.test(before) ? before : undefined,
    query: query.toString(),
  };
}
