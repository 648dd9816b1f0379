// Looks through log files for what must never be logged: e-mail addresses, session tokens
// (JWE/JWT), and the given values (names, secrets, cookie values, bank account numbers).
// Findings name what leaked and where, never the value itself.
import fs from "node:fs";

export type Sensitive = { label: string; value: string };
export type Leak = { file: string; line: number; label: string };

const PATTERNS: Array<{ label: string; regex: RegExp }> = [
  { label: "an e-mail address", regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/ },
  // A JOSE token (a session cookie or a bearer JWT) starts with a base64url JSON header.
  { label: "a JOSE token", regex: /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*\./ },
];

const ALNUM = /[A-Za-z0-9]/;

/**
 * Whether `value` stands in `content` as a whole token, not inside a longer one: a 7-digit bank
 * account number inside a request id's hex (…1f59c6693105) is a coincidence, not a leak.
 */
function containsToken(content: string, value: string): boolean {
  for (let at = content.indexOf(value); at >= 0; at = content.indexOf(value, at + 1)) {
    const before = content[at - 1];
    const after = content[at + value.length];
    if (!(before && ALNUM.test(before)) && !(after && ALNUM.test(after))) return true;
  }
  return false;
}

export function findLeaks(file: string, text: string, sensitive: readonly Sensitive[]): Leak[] {
  const values = sensitive.filter((s) => s.value.length >= 4);
  const leaks: Leak[] = [];
  text.split("\n").forEach((content, index) => {
    for (const p of PATTERNS) if (p.regex.test(content)) leaks.push({ file, line: index + 1, label: p.label });
    for (const s of values) if (containsToken(content, s.value)) leaks.push({ file, line: index + 1, label: s.label });
  });
  return leaks;
}

export function scanLogFiles(files: readonly string[], sensitive: readonly Sensitive[]): Leak[] {
  return files.flatMap((file) => findLeaks(file, fs.readFileSync(file, "utf8"), sensitive));
}
