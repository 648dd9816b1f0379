import { describe, expect, it } from "vitest";
import { parseInvoiceMonth, parseUsageTimestamp } from "./timestamps";

const iso = (text: string) => {
  const r = parseUsageTimestamp(text);
  return "iso" in r ? r.iso : r.problem;
};

describe("usage timestamps", () => {
  it.each([
    // No zone: UTC, whatever TZ the process runs in (the suite runs again under TZ=Asia/Tokyo).
    ["2026-10-01T00:00:00", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01 00:00:00", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01T00:00", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01T00:00Z", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01T00:00:00Z", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01T00:00:00.000Z", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01T00:00:00.1234567Z", "2026-10-01T00:00:00.123Z"],
    ["2026-10-01 00:00:00 UTC", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01T09:00:00+09:00", "2026-10-01T00:00:00.000Z"],
    ["2026-10-01T09:00:00+0900", "2026-10-01T00:00:00.000Z"],
    ["2026-09-30T20:00:00-04", "2026-10-01T00:00:00.000Z"],
    ["5/1/25", "2025-05-01T00:00:00.000Z"],
    ["10/01/2026", "2026-10-01T00:00:00.000Z"],
    ["10/1/2026 1:30 PM", "2026-10-01T13:30:00.000Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ])("%s is %s", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it("does not depend on the machine's time zone", () => {
    // Date.parse reads a time without a zone as local time; the importer must not.
    expect(iso("2026-10-01T00:00:00")).toBe(new Date(Date.UTC(2026, 9, 1)).toISOString());
  });

  it.each([
    ["2024-02-30T00:00:00Z", "impossible-date"],
    ["2023-02-29", "impossible-date"],
    ["2024-13-01T00:00:00Z", "impossible-date"],
    ["2024-00-10", "impossible-date"],
    ["2024-04-31", "impossible-date"],
    ["2024-10-01T24:00:00Z", "impossible-date"],
    ["2024-10-01T23:60:00Z", "impossible-date"],
    ["2024-10-01T23:59:60Z", "impossible-date"],
    ["2024-10-01T00:00:00+15:00", "impossible-date"],
    ["2/30/24", "impossible-date"],
    ["13/1/24", "impossible-date"],
    ["1899-12-31", "date-out-of-range"],
    ["2100-01-01T00:00:00Z", "date-out-of-range"],
    ["yesterday", "not-a-date"],
    ["2024-1-5", "not-a-date"],
    ["20241005", "not-a-date"],
  ])("%s is refused: %s", (text, problem) => {
    expect(iso(text)).toBe(problem);
  });

  it("gives the month as written, before an offset moves the instant", () => {
    expect(parseUsageTimestamp("2026-10-01T00:00:00+09:00")).toEqual({
      iso: "2026-09-30T15:00:00.000Z",
      writtenMonth: "2026-10",
    });
  });

  it("invoice months", () => {
    expect(parseInvoiceMonth("202610")).toBe("2026-10");
    expect(parseInvoiceMonth("2026-10")).toBe("2026-10");
    expect(parseInvoiceMonth("2024-13")).toEqual({ problem: "not-a-month" });
    expect(parseInvoiceMonth("202400")).toEqual({ problem: "not-a-month" });
    expect(parseInvoiceMonth("1999-12")).toEqual({ problem: "date-out-of-range" });
    expect(parseInvoiceMonth("October")).toEqual({ problem: "not-a-month" });
  });
});
