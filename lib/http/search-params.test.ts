import { describe, expect, it } from "vitest";
import { z } from "zod";
import { monthParam, pageParam, parseSearch, pathParam, searchText } from "./search-params";

const schema = z.object({ month: monthParam.optional(), q: searchText().optional(), page: pageParam });

describe("parseSearch", () => {
  it("reads the first value of each key; empty values count as absent", () => {
    expect(parseSearch(schema, { month: ["2026-10", "2026-09"], q: "  aoba ", page: "3" })).toEqual({
      ok: true,
      value: { month: "2026-10", q: "aoba", page: 3 },
    });
    expect(parseSearch(schema, new URLSearchParams("month=&q=&page=x"))).toEqual({ ok: true, value: { page: 1 } });
  });

  it.each([
    [{ month: "abc" }, ["month"]],
    [{ month: "2026-13" }, ["month"]],
    [{ month: "2026-00" }, ["month"]],
    [{ month: "2026-1" }, ["month"]],
    [{ q: "a".repeat(101) }, ["q"]],
    [{ q: "a\u0000b" }, ["q"]],
    [{ q: "\u0007" }, ["q"]],
    [{ q: "x".repeat(101), month: "13" }, ["month", "q"]],
  ])("refuses %j, naming %j", (raw, invalid) => {
    const parsed = parseSearch(schema, raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect([...parsed.invalid].sort()).toEqual(invalid);
    expect(parsed.value).toEqual({ page: 1 });
  });

  it("takes 100 characters, trimmed, and Japanese text", () => {
    expect(parseSearch(schema, { q: ` ${"a".repeat(100)} ` }).ok).toBe(true);
    expect(parseSearch(schema, { q: "青葉 商事" })).toEqual({ ok: true, value: { q: "青葉 商事", page: 1 } });
  });
});

describe("pathParam", () => {
  it("decodes what still carries escapes and refuses what is no id", () => {
    expect(pathParam("aoba-prod-01")).toBe("aoba-prod-01");
    expect(pathParam("aoba%2Dprod")).toBe("aoba-prod");
    expect(pathParam("%E0%A4%A")).toBeNull();
    expect(pathParam("a%00b")).toBeNull();
    expect(pathParam("")).toBeNull();
    expect(pathParam("x".repeat(201))).toBeNull();
  });
});
