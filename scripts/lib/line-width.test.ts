import { describe, expect, it } from "vitest";
import { lineWidth } from "./line-width";

describe("lineWidth", () => {
  it("counts ASCII one column a character", () => {
    expect(lineWidth("const x = 1;")).toBe(12);
  });

  it("counts Japanese and full-width characters as two columns", () => {
    expect(lineWidth("請求書")).toBe(6);
    expect(lineWidth("ｱ")).toBe(1); // half-width katakana stays narrow
    expect(lineWidth("１２３")).toBe(6);
    expect(lineWidth("a請b")).toBe(4);
  });

  it("ignores a trailing carriage return", () => {
    expect(lineWidth("abc\r")).toBe(3);
  });
});
