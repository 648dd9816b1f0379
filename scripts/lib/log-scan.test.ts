import { describe, expect, it } from "vitest";
import { findLeaks } from "./log-scan";

describe("findLeaks", () => {
  const sensitive = [
    { label: "a demo user's name", value: "経理 花子" },
    { label: "a bank account number", value: "1234567" },
  ];

  it("finds e-mail addresses, tokens and the given values, by line", () => {
    const text = [
      '{"msg":"request","route":"/"}',
      '{"msg":"x","who":"finance@demo.local"}',
      '{"cookie":"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abc.def"}',
      '{"actor":"経理 花子 (Hanako Keiri)"}',
      '{"bank":"普通 1234567"}',
    ].join("\n");
    expect(findLeaks("web.log", text, sensitive)).toEqual([
      { file: "web.log", line: 2, label: "an e-mail address" },
      { file: "web.log", line: 3, label: "a JOSE token" },
      { file: "web.log", line: 4, label: "a demo user's name" },
      { file: "web.log", line: 5, label: "a bank account number" },
    ]);
  });

  it("passes clean request lines", () => {
    const line = '{"level":"info","requestId":"6f1c","method":"GET","route":"/invoices/[id]","status":200}';
    expect(findLeaks("web.log", line, sensitive)).toEqual([]);
  });

  it("a value inside a longer token is a coincidence; the same value standing alone is a leak", () => {
    const inside = '{"requestId":"a04a1c21-81d2-4939-83d8-1f5912345678","durationMs":5.9}';
    expect(findLeaks("web.log", inside, sensitive)).toEqual([]);
    const alone = '{"requestId":"a04a1c21","note":"account 1234567, again 1234567"}';
    expect(findLeaks("web.log", alone, sensitive)).toEqual([
      { file: "web.log", line: 1, label: "a bank account number" },
    ]);
  });
});
