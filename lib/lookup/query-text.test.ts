import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containsPattern, foldIdentifier, parseAmountJpy, searchTerms } from "./query-text";

describe("parseAmountJpy", () => {
  it.each([
    ["1234567", 1234567n],
    ["1,234,567", 1234567n],
    ["¥1,234,567", 1234567n],
    ["￥１，２３４，５６７", 1234567n],
    ["1234567円", 1234567n],
    ["12,345 円", 12345n],
    ["JPY 5000", 5000n],
    ["0", 0n],
  ])("%s -> %s", (typed, expected) => {
    expect(parseAmountJpy(typed)).toBe(expected);
  });

  it.each(["", "abc", "1,23", "12,3456", "C00012", "12.5", "-100", "1234567890123456"])(
    "%s is not an amount",
    (typed) => {
      expect(parseAmountJpy(typed)).toBeNull();
    },
  );

  it("reads back any amount formatted with separators", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), (n) => {
        expect(parseAmountJpy(`¥${n.toLocaleString("en-US")}`)).toBe(n);
      }),
    );
  });
});

describe("patterns", () => {
  it("escapes LIKE wildcards", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("keeps hyphens in identifiers but folds width and case", () => {
    expect(foldIdentifier(" ＡＯＢＡ-Prod-001 ")).toBe("aoba-prod-001");
  });

  it("derives every kind's term from one query", () => {
    expect(searchTerms(" ｱｵﾊﾞ ")).toMatchObject({ query: "ｱｵﾊﾞ", folded: "あおば", amountJpy: null });
    expect(searchTerms("c00012")).toMatchObject({ code: "C00012", identifier: "c00012", folded: "c00012" });
  });
});
