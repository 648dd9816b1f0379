import { describe, expect, it } from "vitest";
import { allowedOriginsFrom, checkOrigin, isMutation } from "./origin-check";

const allowed = allowedOriginsFrom({
  consoleUrl: "https://console.example.com/",
  extra: "https://admin.example.com:8443, proxy.example.net, *.corp.example",
});
const post = (origin: string | null, secFetchSite: string | null = null) =>
  checkOrigin({ method: "POST", origin, secFetchSite }, allowed);

describe("checkOrigin", () => {
  it("lets safe methods through whatever they say", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(checkOrigin({ method, origin: "https://evil.example", secFetchSite: "cross-site" }, allowed)).toEqual({
        ok: true,
      });
    }
    expect(isMutation("DELETE")).toBe(true);
    expect(isMutation("patch")).toBe(true);
  });

  it("accepts the console's own origin and the configured ones", () => {
    expect(post("https://console.example.com")).toEqual({ ok: true });
    expect(post("https://admin.example.com:8443")).toEqual({ ok: true });
    expect(post("https://proxy.example.net")).toEqual({ ok: true });
    expect(post("http://proxy.example.net")).toEqual({ ok: true });
    expect(post("https://billing.corp.example")).toEqual({ ok: true });
  });

  it("refuses a missing Origin unless the browser says the console itself sent it", () => {
    expect(post(null)).toEqual({ ok: false, reason: "missing-origin" });
    expect(post("")).toEqual({ ok: false, reason: "missing-origin" });
    expect(post(null, "same-site")).toEqual({ ok: false, reason: "missing-origin" });
    expect(post(null, "cross-site")).toEqual({ ok: false, reason: "missing-origin" });
    expect(post(null, "same-origin")).toEqual({ ok: true });
  });

  it("refuses a null Origin (sandboxed frames, data: URLs, some redirects)", () => {
    expect(post("null")).toEqual({ ok: false, reason: "null-origin" });
    expect(post("null", "same-origin")).toEqual({ ok: false, reason: "null-origin" });
  });

  it("refuses other origins, even with Sec-Fetch-Site claiming otherwise", () => {
    for (const origin of [
      "https://evil.example",
      "http://console.example.com", // other scheme
      "https://console.example.com:444", // other port
      "https://console.example.com.evil.example",
      "https://evilconsole.example.com",
      "https://admin.example.com", // configured with a port
      "https://corp.example", // the wildcard needs a subdomain
      "https://evil-corp.example",
    ]) {
      expect(post(origin, "same-origin"), origin).toEqual({ ok: false, reason: "foreign-origin" });
    }
  });

  it("refuses what no browser sends as an Origin", () => {
    for (const origin of [
      "https://console.example.com/",
      "https://console.example.com/path",
      "https://user@console.example.com",
      "javascript:alert(1)",
      "file://",
      "console.example.com",
      "https://CONSOLE.example.com:443",
    ]) {
      expect(post(origin), origin).toEqual({ ok: false, reason: "malformed-origin" });
    }
  });
});

describe("allowedOriginsFrom", () => {
  it("takes the console's origin from its URL and splits full origins from hosts", () => {
    const parsed = allowedOriginsFrom({ consoleUrl: "http://localhost:3000", extra: undefined });
    expect([...parsed.origins]).toEqual(["http://localhost:3000"]);
    expect(parsed.hosts).toEqual([]);
    expect([...allowed.origins]).toEqual(["https://console.example.com", "https://admin.example.com:8443"]);
    expect(allowed.hosts).toEqual(["proxy.example.net", "*.corp.example"]);
  });
});
