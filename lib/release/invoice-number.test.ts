import { describe, expect, it } from "vitest";
import { fiscalYearOf, formatInvoiceNumber, japanDate, periodOfMonth } from "./invoice-number";

describe("fiscal years", () => {
  it.each([
    ["2027-03-31", 4, 2026],
    ["2027-04-01", 4, 2027],
    ["2026-12-31", 4, 2026],
    ["2026-01-01", 1, 2026],
    ["2026-12-31", 1, 2026],
    ["2026-09-30", 10, 2025],
    ["2026-10-01", 10, 2026],
  ])("%s with a start in month %i is fiscal %i", (date, start, expected) => {
    expect(fiscalYearOf(date, start)).toBe(expected);
  });

  it("refuses malformed input", () => {
    expect(() => fiscalYearOf("2026-4-1")).toThrow(RangeError);
    expect(() => fiscalYearOf("2026-04-01", 13)).toThrow(RangeError);
  });
});

describe("invoice numbers", () => {
  it("pads the sequence to six digits", () => {
    expect(formatInvoiceNumber("INV", 2026, 1)).toBe("INV-2026-000001");
    expect(formatInvoiceNumber("CB2", 2027, 123456)).toBe("CB2-2027-123456");
    expect(formatInvoiceNumber("INV", 2026, 1234567)).toBe("INV-2026-1234567");
  });

  it("refuses prefixes that would make numbers ambiguous, and non-positive sequences", () => {
    expect(() => formatInvoiceNumber("inv", 2026, 1)).toThrow(/prefix/);
    expect(() => formatInvoiceNumber("IN-V", 2026, 1)).toThrow(/prefix/);
    expect(() => formatInvoiceNumber("INV", 2026, 0)).toThrow(/sequence/);
  });
});

describe("dates in Japan", () => {
  it("an instant late on the 31st UTC is already the 1st in Tokyo", () => {
    expect(japanDate(new Date("2026-03-31T15:30:00Z"))).toBe("2026-04-01");
    expect(japanDate(new Date("2026-03-31T14:59:59Z"))).toBe("2026-03-31");
  });

  it("transaction periods cover the whole billed month", () => {
    expect(periodOfMonth("2026-02")).toEqual({ start: "2026-02-01", end: "2026-02-28" });
    expect(periodOfMonth("2028-02")).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(periodOfMonth("2026-10")).toEqual({ start: "2026-10-01", end: "2026-10-31" });
  });
});
