import { describe, expect, it } from "vitest";
import { describeChanges, displayValue, lineChanges } from "./describe-changes";

describe("describeChanges", () => {
  it("lists the fields that differ, new ones and removed ones", () => {
    expect(
      describeChanges({ status: "DRAFT", version: 1, note: "x" }, { status: "SUBMITTED", version: 1, extra: { a: 1 } }),
    ).toEqual([
      { field: "status", before: "DRAFT", after: "SUBMITTED" },
      { field: "note", before: "x", after: null },
      { field: "extra", before: null, after: '{"a":1}' },
    ]);
  });

  it("shows a creation as every field of after, and nothing when nothing was recorded", () => {
    expect(describeChanges(null, { month: "2026-08", totalJpy: "11000" })).toEqual([
      { field: "month", before: null, after: "2026-08" },
      { field: "totalJpy", before: null, after: "11000" },
    ]);
    expect(describeChanges(null, null)).toEqual([]);
    expect(describeChanges({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it("compares values that are not objects as one row", () => {
    expect(describeChanges(["a"], ["b"])).toEqual([{ field: "", before: '["a"]', after: '["b"]' }]);
  });

  it("cuts long values", () => {
    expect(displayValue("x".repeat(1000))!.length).toBe(240);
  });
});

describe("lineChanges", () => {
  it("reads a regeneration's line changes and ignores anything else", () => {
    expect(
      lineChanges({
        changes: [
          { line: "p1|compute", before: "100", after: "120" },
          { line: "p2|gcs", before: null, after: "5" },
        ],
      }),
    ).toEqual([
      { field: "p1|compute", before: "100", after: "120" },
      { field: "p2|gcs", before: null, after: "5" },
    ]);
    expect(lineChanges({ filter: {} })).toEqual([]);
    expect(lineChanges(null)).toEqual([]);
  });
});
