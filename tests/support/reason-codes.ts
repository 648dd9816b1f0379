// Reads the source for every reason code and zod message key a person may read, so a unit test
// (lib/i18n/refusals.test.ts) fails on one without text. Plain text matching over the shapes the
// code base uses to refuse; the test checks the collector finds known codes, so a shape it stops
// recognising fails loudly instead of passing silently.
import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["lib", "app", "components", "scripts"];

function sourceFiles(root: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        out.push({ file: path.relative(root, full), text: fs.readFileSync(full, "utf8") });
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return out;
}

function lineOf(text: string, index: number) {
  return text.slice(0, index).split("\n").length;
}

const CODE = "([a-z][a-z0-9-]*)";
/** Where a reason code is written, as the code base writes it. */
const CODE_PATTERNS = [
  // new Refusal("INVALID_STATE", "rule", ...), and any *Refusal of the same shape
  new RegExp(`new \\w*Refusal\\(\\s*"[A-Z_]+",\\s*"${CODE}"`, "g"),
  // details: { rule: "rule" } and result objects naming their rule
  new RegExp(`\\brule:\\s*"${CODE}"`, "g"),
  // the policy's refuse("rule", ...) and generation's skip("code", ...)
  new RegExp(`\\b(?:refuse|skip)\\(\\s*"${CODE}"`, "g"),
];
/** Union types of codes: `type RowErrorCode = | "empty" | ...`, `type SkipCode = ...`, `type OriginRefusal = ...`,
 * `type Disqualification = ...`. */
const CODE_UNION = /type \w*(?:Code|Rule|Refusal|Disqualification)\s*=((?:\s*\|?\s*"[a-z][a-z0-9-]*")+)\s*;/g;

export function collectReasonCodes(root: string): Array<{ code: string; where: string }> {
  const found = new Map<string, string>();
  for (const { file, text } of sourceFiles(root)) {
    for (const pattern of CODE_PATTERNS)
      for (const m of text.matchAll(pattern)) {
        const code = m[1];
        if (code && !found.has(code)) found.set(code, `${file}:${lineOf(text, m.index)}`);
      }
    for (const m of text.matchAll(CODE_UNION))
      for (const member of (m[1] ?? "").matchAll(/"([^"]+)"/g))
        if (member[1] && !found.has(member[1])) found.set(member[1], `${file}:${lineOf(text, m.index)}`);
  }
  return [...found].map(([code, where]) => ({ code, where }));
}

const ZOD_CHECKS = "min|max|length|regex|refine|int|positive|nonnegative|gt|gte|lt|lte|startsWith|endsWith|email|url";
const ZOD_MESSAGE_PATTERNS = [
  // .min(1, "key"), .regex(/.../, "key"), .refine((v) => ..., "key"): the message is the last argument
  new RegExp(`\\.(?:${ZOD_CHECKS})\\((?:[^()]|\\((?:[^()]|\\([^()]*\\))*\\))*?,\\s*"([^"]+)"\\s*\\)`, "g"),
  // z.uuid("key"), z.string("key")
  /\bz\.(?!literal)\w+\(\s*"([^"]+)"\s*\)/g,
  // z.enum(VALUES, "key")
  /\bz\.enum\([^()]*,\s*"([^"]+)"\s*\)/g,
  // ctx.addIssue({ message: "key" }), { message: "key", abort: true }
  /\bmessage:\s*"([^"]+)"/g,
];

/** The messages of zod schemas (in files that import zod), which screens show as field errors. */
export function collectZodMessageKeys(root: string): Array<{ key: string; where: string }> {
  const found = new Map<string, string>();
  for (const { file, text } of sourceFiles(root)) {
    if (!/from "zod"/.test(text)) continue;
    for (const pattern of ZOD_MESSAGE_PATTERNS)
      for (const m of text.matchAll(pattern)) {
        const key = m[1];
        if (key && !found.has(key)) found.set(key, `${file}:${lineOf(text, m.index)}`);
      }
  }
  return [...found].map(([key, where]) => ({ key, where }));
}

/** The text of a call from its opening parenthesis to the matching closing one. */
function callText(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** `new AppError(...)` calls that name no rule: their English would reach a screen. */
export function collectUnruledAppErrors(root: string): string[] {
  const out: string[] = [];
  for (const { file, text } of sourceFiles(root)) {
    for (const m of text.matchAll(/new AppError\(/g)) {
      const call = callText(text, m.index + "new AppError".length);
      if (!/\brule\b/.test(call)) out.push(`${file}:${lineOf(text, m.index)}`);
    }
  }
  return out;
}
