// Dates and times in usage exports, read without the machine's time zone: a timestamp with
// no zone is UTC, whatever TZ the server runs in (JavaScript's Date.parse would read it as
// local time and move a month's first hours into the month before). Impossible dates
// (2024-02-30, month 13, hour 25) and years outside the console's range are refused with a
// reason rather than rolled over or passed to the database.

/** Years a usage date may fall in. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;

export type TimestampProblem = "not-a-date" | "impossible-date" | "date-out-of-range";

export interface ParsedTimestamp {
  /** The instant in UTC, canonical: YYYY-MM-DDTHH:MM:SS.sssZ (milliseconds; finer digits are dropped). */
  iso: string;
  /** The calendar month as written (before any zone offset is applied): YYYY-MM. */
  writtenMonth: string;
}

// 2024-10-01, 2024-10-01T00:00, 2024-10-01 00:00:00.123456, each optionally followed by Z,
// " UTC" (BigQuery's CSV), or an offset (+09:00, +0900, +09).
const ISO = new RegExp(
  "^(\\d{4})-(\\d{2})-(\\d{2})" +
    "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?" +
    "\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?$",
);
// M/D/YY or M/D/YYYY (US order, as some FOCUS exports write it), optionally with a time.
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function daysIn(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// The common case (Google Cloud's exports): UTC to the second or millisecond, read without a Date.
const PLAIN_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?Z$/;

export function parseUsageTimestamp(value: string): ParsedTimestamp | { problem: TimestampProblem } {
  const plain = PLAIN_UTC.exec(value);
  if (plain) {
    const [, y = "", mo = "", d = "", h = "", mi = "", s = "", ms = "000"] = plain;
    const year = Number(y);
    const month = Number(mo);
    if (month < 1 || month > 12 || Number(d) < 1 || Number(d) > daysIn(year, month))
      return { problem: "impossible-date" };
    if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return { problem: "impossible-date" };
    if (year < FIRST_YEAR || year > LAST_YEAR) return { problem: "date-out-of-range" };
    return { iso: `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`, writtenMonth: `${y}-${mo}` };
  }
  const text = value.trim();
  let year: number;
  let month: number;
  let day: number;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let offsetMinutes = 0;
  const iso = ISO.exec(text);
  if (iso) {
    const [, y = "", mo = "", d = "", h, mi, s, fraction, zone] = iso;
    year = Number(y);
    month = Number(mo);
    day = Number(d);
    hour = h === undefined ? 0 : Number(h);
    minute = mi === undefined ? 0 : Number(mi);
    second = s === undefined ? 0 : Number(s);
    millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0"));
    if (zone && zone !== "Z" && zone !== "z" && zone !== "UTC") {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      const offsetHours = Number(digits.slice(0, 2));
      const offsetMins = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (offsetHours > 14 || offsetMins > 59) return { problem: "impossible-date" };
      offsetMinutes = sign * (offsetHours * 60 + offsetMins);
    }
  } else {
    const us = US.exec(text);
    if (!us) return { problem: "not-a-date" };
    const [, mo = "", d = "", y = "", h, mi, s, meridiem] = us;
    month = Number(mo);
    day = Number(d);
    year = y.length === 2 ? 2000 + Number(y) : Number(y);
    hour = h === undefined ? 0 : Number(h);
    minute = mi === undefined ? 0 : Number(mi);
    second = s === undefined ? 0 : Number(s);
    if (meridiem) {
      if (hour < 1 || hour > 12) return { problem: "impossible-date" };
      hour = (hour % 12) + (meridiem.toLowerCase() === "pm" ? 12 : 0);
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return { problem: "impossible-date" };
  if (hour > 23 || minute > 59 || second > 59) return { problem: "impossible-date" };
  if (year < FIRST_YEAR || year > LAST_YEAR) return { problem: "date-out-of-range" };
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return { iso: new Date(instant).toISOString(), writtenMonth: `${year}-${pad(month)}` };
}

/** "202610" / "2026-10" -> "2026-10"; null when it is not a month the console can bill. */
export function parseInvoiceMonth(value: string): string | { problem: "not-a-month" | "date-out-of-range" } {
  const m = /^(\d{4})-?(\d{2})$/.exec(value.trim());
  if (!m) return { problem: "not-a-month" };
  const [, y = "", mo = ""] = m;
  const month = Number(mo);
  if (month < 1 || month > 12) return { problem: "not-a-month" };
  const year = Number(y);
  if (year < FIRST_YEAR || year > LAST_YEAR) return { problem: "date-out-of-range" };
  return `${y}-${mo}`;
}

/** English reason for a timestamp problem, for the import report. */
export function timestampProblemReason(problem: TimestampProblem, value: string): string {
  const shown = `"${value.slice(0, 40)}"`;
  switch (problem) {
    case "not-a-date":
      return `${shown} is not a date`;
    case "impossible-date":
      return `${shown} is not a real date or time`;
    case "date-out-of-range":
      return `${shown} is outside the years ${FIRST_YEAR} to ${LAST_YEAR}`;
  }
}
