import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken, sessionCookieName, sessionTokenFromCookies } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const claims = { sub: "7c9e6679-7425-40de-944b-e07fc1f90ae7", sid: "0b7c3a52-3d7e-4a43-9a0e-2c4c4f6a1f10" };

describe("session token", () => {
  it("reads a token next-auth itself wrote", async () => {
    const token = await nextAuthEncode({ token: claims, secret, maxAge: 3600 });
    expect(await decodeSessionToken({ token, secret })).toMatchObject(claims);
  });

  it("writes a token next-auth itself reads, with its expiry", async () => {
    const token = await encodeSessionToken({ token: claims, secret, maxAge: 3600 });
    const read = await nextAuthDecode({ token, secret });
    expect(read).toMatchObject(claims);
    expect(Number(read!.exp) - Number(read!.iat)).toBe(3600);
    expect(typeof read!.jti).toBe("string");
  });

  it("refuses a token that was changed, written with another secret, or has expired", async () => {
    const token = await encodeSessionToken({ token: claims, secret, maxAge: 3600 });
    const parts = token.split(".");
    const flipped = parts[3]!.startsWith("A") ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(await decodeSessionToken({ token: [...parts.slice(0, 3), flipped, parts[4]].join("."), secret })).toBeNull();
    expect(await decodeSessionToken({ token, secret: `${secret}-other` })).toBeNull();
    const expired = await encodeSessionToken({ token: claims, secret, maxAge: -60 });
    expect(await decodeSessionToken({ token: expired, secret })).toBeNull();
    expect(await decodeSessionToken({ token: "not-a-token", secret })).toBeNull();
    expect(await decodeSessionToken({ token: null, secret })).toBeNull();
  });

  it("names the cookie as next-auth does and joins a token split across cookies", () => {
    expect(sessionCookieName("https://billing.example.jp")).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
    expect(sessionCookieName(undefined)).toBe("next-auth.session-token");
    const name = "next-auth.session-token";
    expect(
      sessionTokenFromCookies(
        [
          { name: "other", value: "x" },
          { name, value: "whole" },
        ],
        name,
      ),
    ).toBe("whole");
    expect(
      sessionTokenFromCookies(
        [
          { name: `${name}.1`, value: "second" },
          { name: `${name}.0`, value: "first-" },
          { name: `${name}.x`, value: "no" },
        ],
        name,
      ),
    ).toBe("first-second");
    expect(sessionTokenFromCookies([{ name: `__Secure-${name}`, value: "secure" }], name)).toBeNull();
  });
});

describe("after a rotation of NEXTAUTH_SECRET", () => {
  it("reads a token made with the previous secret when it is offered, and not otherwise", async () => {
    const before = "b".repeat(40);
    const after = "a".repeat(40);
    const token = await encodeSessionToken({ token: { sid: "s-1" }, secret: before, maxAge: 60 });
    expect(await decodeSessionToken({ token, secret: [after, before] })).toMatchObject({ sid: "s-1" });
    expect(await decodeSessionToken({ token, secret: [after] })).toBeNull();
  });
});
