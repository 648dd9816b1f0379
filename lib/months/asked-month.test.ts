import { describe, expect, it } from "vitest";
import { chooseMonth } from "./asked-month";

const MONTHS = ["2026-10", "2026-09", "2026-08"];

describe("chooseMonth", () => {
  it("shows the asked month when the console has it, the newest when none is asked for", () => {
    expect(chooseMonth("2026-09", MONTHS)).toEqual({ month: "2026-09", unknown: null });
    expect(chooseMonth(undefined, MONTHS)).toEqual({ month: "2026-10", unknown: null });
    expect(chooseMonth("", MONTHS)).toEqual({ month: "2026-10", unknown: null });
    expect(chooseMonth(["2026-08", "2026-09"], MONTHS)).toEqual({ month: "2026-08", unknown: null });
  });

  it("shows a real month and names the asked one when it is unknown or no month at all", () => {
    expect(chooseMonth("2030-01", MONTHS)).toEqual({ month: "2026-10", unknown: "2030-01" });
    expect(chooseMonth("2026-13", MONTHS)).toEqual({ month: "2026-10", unknown: "2026-13" });
    expect(chooseMonth("abc", MONTHS, null)).toEqual({ month: null, unknown: "abc" });
    expect(chooseMonth("x".repeat(40), MONTHS).unknown).toBe(`${"x".repeat(20)}…`);
  });

  it("has no month to show when the console has none", () => {
    expect(chooseMonth("2026-10", [])).toEqual({ month: null, unknown: "2026-10" });
    expect(chooseMonth(undefined, [])).toEqual({ month: null, unknown: null });
  });
});
