import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeForSearch } from "./normalize";

describe("normalizeForSearch", () => {
  it.each([
    ["ｱｵﾊﾞｼｽﾃﾑ", "あおばしすてむ"],
    ["アオバシステム", "あおばしすてむ"],
    ["あおばしすてむ", "あおばしすてむ"],
    ["ＡＯＢＡ　System", "aobasystem"],
    ["Aoba System Co., Ltd.", "aobasystemcoltd"],
    ["株式会社青葉システム", "株式会社青葉しすてむ"],
    ["C００１２３", "c00123"],
    ["aoba-system-prod-001", "aobasystemprod001"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(normalizeForSearch(normalizeForSearch(s))).toBe(normalizeForSearch(s));
      }),
    );
    // A hundred arbitrary Unicode strings, normalized three times each: over 5 s on a busy machine.
  }, 30_000);

  it("a folded part of a name is found in the folded whole", () => {
    const whole = normalizeForSearch("株式会社ｱｵﾊﾞシステム Aoba System");
    expect(whole).toContain(normalizeForSearch("あおば"));
    expect(whole).toContain(normalizeForSearch("ＳＹＳＴＥＭ"));
  });
});
