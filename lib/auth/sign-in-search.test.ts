import { describe, expect, it } from "vitest";
import { parseSignInSearch } from "./sign-in-search";

describe("parseSignInSearch", () => {
  it("keeps a destination on the console, from ?next= or next-auth's ?callbackUrl=", () => {
    expect(parseSignInSearch({ next: "/drafts?month=2026-10" }).destination).toBe("/drafts?month=2026-10");
    expect(parseSignInSearch({ callbackUrl: "/approvals" }).destination).toBe("/approvals");
    expect(parseSignInSearch(new URLSearchParams("next=%2Flookup&next=//evil.example")).destination).toBe("/lookup");
  });

  it("sends anything else home", () => {
    for (const next of ["/\\evil.example", "/\t/evil.example", "https://evil.example/", "javascript:alert(1)"])
      expect(parseSignInSearch({ next }).destination, next).toBe("/");
    expect(parseSignInSearch({ next: ["//evil.example", "/drafts"] }).destination).toBe("/");
    expect(parseSignInSearch({}).destination).toBe("/");
  });

  it("names the message to show; an unknown error is the generic one", () => {
    expect(parseSignInSearch({ expired: "1" }).notice).toBe("expired");
    expect(parseSignInSearch({ error: "AccountLocked" }).notice).toBe("accountLocked");
    expect(parseSignInSearch({ error: "TooManyAttempts" }).notice).toBe("tooManyAttempts");
    expect(parseSignInSearch({ error: "AccessDenied" }).notice).toBe("accessDenied");
    expect(parseSignInSearch({ error: "<script>\u0000" }).notice).toBe("failed");
    expect(parseSignInSearch({}).notice).toBeNull();
  });
});
