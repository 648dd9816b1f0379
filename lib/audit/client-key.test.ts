import { describe, expect, it } from "vitest";
import { clientKey, NOT_AN_ADDRESS, UNKNOWN_CLIENT } from "./client-key";

describe("clientKey", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(clientKey("192.0.2.10")).toBe("192.0.2.10");
    expect(clientKey(" 198.51.100.7 ")).toBe("198.51.100.7");
    // As a proxy may report it: the port is no part of the client.
    expect(clientKey("198.51.100.7:51234")).toBe("198.51.100.7");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    expect(clientKey("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(clientKey("2001:0DB8:0000:0001:ffff:ffff:ffff:fffe")).toBe("2001:db8:0:1::/64");
    expect(clientKey("[2001:db8:0:1:2:3:4:5]")).toBe("2001:db8:0:1::/64");
    expect(clientKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(clientKey("2001:db8:0:2::1")).not.toBe(clientKey("2001:db8:0:1::1"));
  });

  it("reads an IPv4-mapped IPv6 address as the IPv4 address", () => {
    expect(clientKey("::ffff:192.0.2.10")).toBe("192.0.2.10");
    expect(clientKey("::ffff:c000:020a")).toBe("192.0.2.10");
    expect(clientKey("[::FFFF:192.0.2.10]:443")).toBe("192.0.2.10");
  });

  it("puts a missing address and anything that is not an address in one bucket each", () => {
    expect(clientKey(null)).toBe(UNKNOWN_CLIENT);
    expect(clientKey("")).toBe(UNKNOWN_CLIENT);
    expect(clientKey("evil.example")).toBe(NOT_AN_ADDRESS);
    expect(clientKey("1.2.3.4, 5.6.7.8")).toBe(NOT_AN_ADDRESS);
    expect(clientKey("2001:db8::1::2")).toBe(NOT_AN_ADDRESS);
  });
});
