import { describe, expect, it } from "vitest";
import { splitByTime } from "./split-by-time";

describe("splitByTime", () => {
  it("puts each file in exactly one group, the groups within the longest file of each other", () => {
    const seconds = { a: 50, b: 45, c: 30, d: 20, e: 10 };
    const files = ["e", "d", "c", "b", "a", "f", "g"];
    const groups = splitByTime(files, 2, seconds, 3);
    expect(groups.flat().sort()).toEqual([...files].sort());
    const totals = groups.map((g) => g.reduce((s, f) => s + (seconds[f as keyof typeof seconds] ?? 3), 0));
    expect(totals).toEqual([80, 81]);
  });

  it("does not depend on the order the files were listed in", () => {
    const seconds = { x: 9, y: 9, z: 1 };
    expect(splitByTime(["z", "y", "x", "w"], 2, seconds, 2)).toEqual(splitByTime(["w", "x", "y", "z"], 2, seconds, 2));
  });

  it("one group holds everything; more groups than files leave some empty", () => {
    expect(splitByTime(["b", "a"], 1, {}, 1)).toEqual([["a", "b"]]);
    expect(splitByTime(["a"], 3, {}, 1)).toEqual([["a"], [], []]);
  });
});
