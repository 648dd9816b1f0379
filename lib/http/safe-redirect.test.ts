import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

// What each attempt looks like after the query string is decoded once (as searchParams hands it
// over), so "%09" in the address bar arrives here as a tab and "%252f" as "%2f".
const BYPASSES = [
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%2f/evil.example",
  "/%2F%2Fevil.example",
  "%2f%2fevil.example",
  "/%5cevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%252f%252fevil.example",
  "/%25252f%25252fevil.example",
  "/%255cevil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/../..//evil.example",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "/javascript:alert(1)".replace("/", ""),
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox",
  "http://evil.example",
  "https://evil.example/path",
  "HTTPS://evil.example",
  "https:evil.example",
  "http:/\\evil.example",
  "//evil.example@console.example",
  "https://console.example@evil.example",
  "/@evil.example".replace("/", "//"),
  "evil.example",
  "?next=//evil.example",
  "/\u3000/evil.example",
  "/\u2028/evil.example",
  "/\ufeff/evil.example",
  "",
];

describe("safeRedirectPath", () => {
  it.each(BYPASSES)("refuses %j", (input) => {
    expect(safeRedirectPath(input)).toBe("/");
  });

  it("refuses what is not a string, and absurd lengths", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/drafts"])).toBe("/");
    expect(safeRedirectPath(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/drafts", "/drafts"],
    ["/drafts?month=2026-10&q=aoba", "/drafts?month=2026-10&q=aoba"],
    ["/lookup?q=%E3%81%82%20b", "/lookup?q=%E3%81%82%20b"],
    ["/lookup?q=\\\\x", "/lookup?q=\\\\x"],
    ["/invoices/abc/history#compare", "/invoices/abc/history#compare"],
    ["/a/../drafts", "/drafts"],
    ["/a/./b", "/a/b"],
    ["/@evil.example", "/@evil.example"],
    ["/lookup?next=//evil.example", "/lookup?next=//evil.example"],
  ])("keeps the local path %j as %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it("uses the given fallback", () => {
    expect(safeRedirectPath("//evil.example", { fallback: "/signin" })).toBe("/signin");
  });

  it("lets an absolute URL on the console itself through when told the console's origin", () => {
    const consoleOrigin = "http://localhost:3000";
    expect(safeRedirectPath("http://localhost:3000/drafts?x=1", { consoleOrigin })).toBe("/drafts?x=1");
    expect(safeRedirectPath("http://localhost:3000", { consoleOrigin })).toBe("/");
    expect(safeRedirectPath("/drafts", { consoleOrigin })).toBe("/drafts");
    for (const input of [
      "http://localhost:3000.evil.example/",
      "http://localhost:30000/",
      "http://localhost:3000@evil.example/",
      "https://localhost:3000/drafts",
      "http://localhost:3000//evil.example",
      "http://localhost:3000/\\evil.example",
      "http://localhost:3000/%2f%2fevil.example",
      "http://evil.example/",
    ]) {
      expect(safeRedirectPath(input, { consoleOrigin }), input).toBe("/");
    }
  });
});
