// Builds the console only when its sources changed since the last build in that folder.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runToEnd } from "./processes";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.mjs",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function fingerprint(root: string) {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      if (p.endsWith(`${path.sep}generated`)) return;
      for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
    } else {
      hash.update(`${path.relative(root, p)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const s of SOURCES) walk(path.join(root, s));
  return hash.digest("hex");
}

export async function buildIfChanged(distDir: string, env: NodeJS.ProcessEnv) {
  const root = process.cwd();
  const stampFile = path.join(root, distDir, "source-fingerprint");
  const current = fingerprint(root);
  const built =
    fs.existsSync(path.join(root, distDir, "BUILD_ID")) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === current;
  if (built) {
    console.log(`[build] ${distDir} is up to date`);
    return;
  }
  console.log(`[build] building the console into ${distDir} (a minute or two on first start)…`);
  await runToEnd(
    "build",
    "npx",
    ["next", "build"],
    { ...env, NEXT_DIST_DIR: distDir, NODE_ENV: "production" },
    { quiet: true },
  );
  fs.writeFileSync(stampFile, current);
}
