import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cursorInteger, cursorText, cursorUuid, decodeCursor, encodeCursor } from "./keyset-cursor";

const shape = z.tuple([cursorInteger.nullable(), cursorText, cursorUuid]);
const id = "0b9f4a9e-3c1d-4f7a-9a52-2a7f0b6c1d2e";

describe("keyset cursors", () => {
  it("round-trips sort values, nulls and non-ASCII text through a URL-safe string", () => {
    for (const values of [
      ["-12345678901234", "C0001 アオバ", id],
      [null, "", id],
    ] as const) {
      const text = encodeCursor(values);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(shape, text)).toEqual(values);
    }
  });

  it("reads malformed or forged cursors as none", () => {
    const forged = [
      undefined,
      "",
      "not base64!",
      "%%%",
      Buffer.from("{not json").toString("base64url"),
      encodeCursor(["1", "x"]),
      encodeCursor(["1", "x", "not-a-uuid"]),
      encodeCursor(["1.5", "x", id]),
      encodeCursor(["1", "x", id, "extra"]),
      Buffer.from(JSON.stringify([1, "x", id])).toString("base64url"),
      Buffer.from(JSON.stringify({ 0: "1", 1: "x", 2: id })).toString("base64url"),
      "A".repeat(1000),
    ];
    for (const text of forged) expect(decodeCursor(shape, text)).toBeUndefined();
  });
});
