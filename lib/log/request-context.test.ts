import { describe, expect, it } from "vitest";
import { parseAddressRanges } from "../net/ip-ranges.js";
import { chooseRequestId, currentRequestId, noteActor, peerMayNameRequestId, runWithRequest } from "./request-context";
import { routeMatcher } from "./route-label";

describe("request ids", () => {
  it("accepts a well-formed id from a trusted proxy only", () => {
    expect(chooseRequestId("req-12345678", true)).toBe("req-12345678");
    expect(chooseRequestId("req-12345678", false)).not.toBe("req-12345678");
    expect(chooseRequestId("bad id with spaces", true)).not.toBe("bad id with spaces");
    expect(chooseRequestId("x".repeat(129), true)).toHaveLength(36);
    expect(chooseRequestId(undefined, true)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lets only TRUSTED_PROXIES name it (nobody when unset), in either address form", () => {
    const trusted = parseAddressRanges("10.0.0.0/8").list;
    expect(peerMayNameRequestId("10.1.2.3", trusted)).toBe(true);
    expect(peerMayNameRequestId("::ffff:10.1.2.3", trusted)).toBe(true);
    expect(peerMayNameRequestId("127.0.0.1", trusted)).toBe(false);
    expect(peerMayNameRequestId("10.1.2.3", parseAddressRanges(undefined).list)).toBe(false);
  });

  it("is visible to code running in the request, with the actor noted later", async () => {
    const context = { requestId: "req-abcdefgh" } as { requestId: string; actorId?: string };
    await runWithRequest(context, async () => {
      await Promise.resolve();
      expect(currentRequestId()).toBe("req-abcdefgh");
      noteActor("user-1");
    });
    expect(context.actorId).toBe("user-1");
    expect(currentRequestId()).toBeUndefined();
  });
});

describe("route labels", () => {
  const route = routeMatcher({
    staticRoutes: [
      { page: "/", regex: "^/(?:/)?$" },
      { page: "/invoices", regex: "" },
    ],
    dynamicRoutes: [{ page: "/invoices/[id]", regex: "^/invoices/([^/]+?)(?:/)?$" }],
  });
  it("names the pattern, never the path", () => {
    expect(route("/")).toBe("/");
    expect(route("/invoices/")).toBe("/invoices");
    expect(route("/invoices/4f6e")).toBe("/invoices/[id]");
    expect(route("/_next/static/chunks/a.js")).toBe("/_next/static");
    expect(route("/customers/taro@example.com")).toBe("(unmatched)");
  });
});
