// Where to send someone after sign-in (`?next=`, `callbackUrl=`): only a path on the console
// itself. Browsers are generous with what they take as another host: "/\evil.example",
// "/\t/evil.example" (tabs and newlines are dropped), "//evil.example" and encoded forms of
// those all leave the site. So a destination is decoded as far as it can be, refused when any
// form of it could name another host, then normalised by the URL parser against a placeholder
// origin and accepted only when it is still on that origin. Pure.

const PLACEHOLDER = "http://console.invalid";
const MAX_LENGTH = 2000;
// Control characters, whitespace a browser may drop or fold, and backslashes (which browsers
// read as slashes in http URLs).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it refuses
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;

function decodeOnce(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Whether the path part (up to "?" or "#", the part a browser reads a host from) is "/" followed
 * by anything but a second slash, with nothing a browser would drop or read as a slash.
 */
function looksLikeLocalPath(text: string): boolean {
  const path = text.split(/[?#]/, 1)[0] ?? "";
  return path.startsWith("/") && !path.startsWith("//") && !UNSAFE.test(path);
}

/**
 * The same-origin path (with query and fragment) `input` names, normalised; `fallback` when it
 * is missing or could lead anywhere else. `consoleOrigin` lets an absolute URL on the console
 * itself through (next-auth hands its redirect callback absolute URLs).
 */
export function safeRedirectPath(input: unknown, { fallback = "/", consoleOrigin }: SafeRedirectOptions = {}): string {
  if (typeof input !== "string" || input.length === 0 || input.length > MAX_LENGTH) return fallback;
  let candidate = input;
  if (consoleOrigin && !candidate.startsWith("/")) {
    // Absolute on the console itself: keep what follows the origin, then judge that as a path.
    const origin = consoleOrigin.replace(/\/+$/, "");
    if (
      !candidate.toLowerCase().startsWith(`${origin.toLowerCase()}/`) &&
      candidate.toLowerCase() !== origin.toLowerCase()
    )
      return fallback;
    candidate = candidate.slice(origin.length) || "/";
  }
  // Every decoding of it must look like a local path: "/%2f%2fevil", "/%5cevil", "/%252f%252fevil".
  let form: string | null = candidate;
  for (let i = 0; i < 4 && form !== null; i++) {
    if (!looksLikeLocalPath(form)) return fallback;
    const next = decodeOnce(form);
    if (next === form) break;
    form = next;
  }
  if (form === null) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER || url.username || url.password) return fallback;
  // Dot segments can collapse into "//": "/.//evil.example" is "//evil.example" once normalised.
  return looksLikeLocalPath(url.pathname) ? `${url.pathname}${url.search}${url.hash}` : fallback;
}

export interface SafeRedirectOptions {
  fallback?: string;
  consoleOrigin?: string;
}
