// Keyset (seek) paging cursors: the sort values of a page's edge row plus its id, carried in the
// URL as `?after=` or `?before=` in an opaque base64url JSON array. A cursor that does not decode
// to the shape its list expects (malformed, truncated, forged) reads as no cursor: the first page,
// never an error. A well-formed cursor only names a position in the order, so it can grant nothing.
import { z } from "zod";

/** One sort value as the cursor carries it: text, an integer as a decimal string, or null. */
export type CursorValue = string | null;

const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** The cursor's values if they match `shape` (a tuple schema), else undefined. */
export function decodeCursor<T extends readonly CursorValue[]>(
  shape: z.ZodType<T>,
  text: string | undefined,
): T | undefined {
  if (!text || !BASE64URL.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const result = shape.safeParse(parsed);
  return result.success ? result.data : undefined;
}

/** Cursor value schemas for the common column kinds. */
export const cursorText = z.string().max(200);
export const cursorInteger = z.string().regex(/^-?\d{1,19}$/);
export const cursorUuid = z.uuid();
export const cursorTimestamp = z.iso.datetime();
