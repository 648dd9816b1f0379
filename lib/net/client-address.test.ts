import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseAddressRanges } from "./client-address";

const trusted = (text: string) => parseAddressRanges(text).list;

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["::ffff:10.1.2.3", "10.1.2.3"],
    ["0:0:0:0:0:ffff:10.1.2.3", "10.1.2.3"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
  ])("%s -> %s", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each(["", "unknown", "evil.example", "999.1.1.1", "1.2.3", "203.0.113.7, 10.0.0.1", "<script>", null, undefined])(
    "%s is not an address",
    (raw) => {
      expect(normalizeAddress(raw)).toBeNull();
    },
  );
});

describe("parseAddressRanges", () => {
  it("reads IPv4 and IPv6 addresses and CIDR ranges", () => {
    const { list, entries, errors } = parseAddressRanges("10.0.0.0/8, 192.168.1.7 ,2001:db8::/32,::1");
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(4);
    expect(list.check("10.200.3.4", "ipv4")).toBe(true);
    expect(list.check("11.0.0.1", "ipv4")).toBe(false);
    expect(list.check("192.168.1.7", "ipv4")).toBe(true);
    expect(list.check("192.168.1.8", "ipv4")).toBe(false);
    expect(list.check("2001:db8:ffff::1", "ipv6")).toBe(true);
    expect(list.check("2001:db9::1", "ipv6")).toBe(false);
    expect(list.check("::1", "ipv6")).toBe(true);
  });

  it("takes an IPv4-mapped range as the IPv4 range it names", () => {
    const { list, errors } = parseAddressRanges("::ffff:10.0.0.0/104");
    expect(errors).toEqual([]);
    expect(list.check("10.9.9.9", "ipv4")).toBe(true);
    expect(list.check("11.0.0.1", "ipv4")).toBe(false);
  });

  it("names every malformed entry", () => {
    expect(
      parseAddressRanges("10.0.0.0/33, 10.0.0.0/8, proxy.internal, 2001:db8::/129, 1.2.3.4/8/1, 10.0.0.0/x").errors,
    ).toEqual(["10.0.0.0/33", "proxy.internal", "2001:db8::/129", "1.2.3.4/8/1", "10.0.0.0/x"]);
  });

  it("an empty or missing list trusts nothing", () => {
    expect(parseAddressRanges(undefined).entries).toEqual([]);
    expect(parseAddressRanges(" , ").list.check("127.0.0.1", "ipv4")).toBe(false);
  });
});

describe("clientAddress", () => {
  const proxies = trusted("10.0.0.0/8, 2001:db8:1::/48");

  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress({ peer: "198.51.100.4", forwardedFor: "203.0.113.66" }, trusted(""))).toBe("198.51.100.4");
    expect(clientAddress({ peer: "::ffff:198.51.100.4", forwardedFor: null }, trusted(""))).toBe("198.51.100.4");
  });

  it("is the socket's address when the socket is not a trusted proxy", () => {
    expect(clientAddress({ peer: "198.51.100.4", forwardedFor: "10.0.0.1, 203.0.113.66" }, proxies)).toBe(
      "198.51.100.4",
    );
  });

  it("takes the address a trusted proxy adds", () => {
    expect(clientAddress({ peer: "10.0.0.5", forwardedFor: "203.0.113.66" }, proxies)).toBe("203.0.113.66");
  });

  it("walks a chain of trusted proxies from the right and stops at the first untrusted hop", () => {
    // The client wrote "6.6.6.6" itself; the load balancer (10.0.0.9) added the client's real address.
    expect(clientAddress({ peer: "10.0.0.5", forwardedFor: "6.6.6.6, 203.0.113.66, 10.0.0.9" }, proxies)).toBe(
      "203.0.113.66",
    );
    expect(clientAddress({ peer: "10.0.0.5", forwardedFor: "6.6.6.6,203.0.113.66 ,10.0.0.9" }, proxies)).toBe(
      "203.0.113.66",
    );
  });

  it("handles IPv6 proxies and clients", () => {
    expect(clientAddress({ peer: "2001:db8:1::10", forwardedFor: "2001:db8:99::5" }, proxies)).toBe("2001:db8:99::5");
    expect(clientAddress({ peer: "2001:db8:1::10", forwardedFor: "[2001:db8:99::5]:1234" }, proxies)).toBe(
      "2001:db8:99::5",
    );
    expect(clientAddress({ peer: "2001:db8:2::10", forwardedFor: "203.0.113.66" }, proxies)).toBe("2001:db8:2::10");
  });

  it("is the leftmost hop when every hop is a trusted proxy", () => {
    expect(clientAddress({ peer: "10.0.0.5", forwardedFor: "10.1.1.1, 10.0.0.9" }, proxies)).toBe("10.1.1.1");
    expect(clientAddress({ peer: "10.0.0.5", forwardedFor: null }, proxies)).toBe("10.0.0.5");
  });

  it("stops at a hop that is not an address, keeping the last trusted one", () => {
    expect(clientAddress({ peer: "10.0.0.5", forwardedFor: "203.0.113.66, unknown" }, proxies)).toBe("10.0.0.5");
    expect(clientAddress({ peer: "10.0.0.5", forwardedFor: "<script>alert(1)</script>" }, proxies)).toBe("10.0.0.5");
  });

  it("is null when the socket is unknown: X-Forwarded-For alone proves nothing", () => {
    expect(clientAddress({ peer: null, forwardedFor: "203.0.113.66" }, proxies)).toBeNull();
    expect(clientAddress({ peer: "", forwardedFor: "203.0.113.66" }, proxies)).toBeNull();
  });
});
