// Fails when a tracked source line is wider than 120 columns. Biome wraps code at 120 but
// leaves long strings, comments and class lists alone, so this catches what it cannot wrap.
// Width is in display columns: a full-width (CJK) character counts as two.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { lineWidth } from "./lib/line-width";

export const MAX_COLUMNS = 120;
const SOURCE = /\.(ts|tsx|js|mjs|cjs|css|prisma|ya?ml|jsonc?|sh)$|^\.ci\/run$/;
const SKIP = /^(lib\/generated\/|package-lock\.json$|prisma\/migrations\/)/;

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((file) => file && SOURCE.test(file) && !SKIP.test(file));

const over: string[] = [];
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed but deleted in the work tree
  }
  text.split("\n").forEach((line, i) => {
    const width = lineWidth(line);
    if (width > MAX_COLUMNS) over.push(`${file}:${i + 1}: ${width} columns`);
  });
}

if (over.length) {
  console.error(over.join("\n"));
  console.error(`\n${over.length} line(s) over ${MAX_COLUMNS} columns in ${files.length} files.`);
  process.exit(1);
}
console.log(`line width: ${files.length} files, no line over ${MAX_COLUMNS} columns`);
