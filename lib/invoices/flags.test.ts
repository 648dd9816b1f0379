import { describe, expect, it } from "vitest";
import { draftFlags } from "./flags";

const base = {
  lines: [
    { amountJpy: 100n, kind: "USAGE" },
    { amountJpy: -10n, kind: "DISCOUNT" },
  ],
  projectIds: ["a"],
  newProjectIds: new Set<string>(),
  changeShare: "0.3",
};

describe("draft flags", () => {
  it.each([
    [130n, 100n, []],
    [131n, 100n, ["moved"]],
    [69n, 100n, ["moved"]],
    [70n, 100n, []],
    [5n, 0n, ["moved"]],
    [100n, null, ["no-previous"]],
  ] as Array<[bigint, bigint | null, string[]]>)(
    "total %s against last month's %s -> %j",
    (total, previous, expected) => {
      expect(draftFlags({ ...base, totalJpy: total, previousTotalJpy: previous })).toEqual(expected);
    },
  );

  it("flags new projects and negative lines", () => {
    expect(
      draftFlags({
        ...base,
        totalJpy: 100n,
        previousTotalJpy: 100n,
        lines: [{ amountJpy: -1n, kind: "USAGE" }],
        newProjectIds: new Set(["a"]),
      }),
    ).toEqual(["new-project", "negative-line"]);
  });
});
