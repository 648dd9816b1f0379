// next.config.mjs imports lib/env.js, so `next build` and `next start` validate the environment
// before anything else. These run the real config (and `next build` itself) in a child process
// with a chosen environment: a bad variable stops them with its name.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const good = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/billing",
  NEXTAUTH_SECRET: "x".repeat(32),
  NODE_ENV: "production" as const,
};

/** Loads next.config.mjs as next does and prints the headers it sets for every path. */
function loadConfig(env: NodeJS.ProcessEnv) {
  const script =
    "const c = (await import('./next.config.mjs')).default; console.log(JSON.stringify(await c.headers()));";
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("the environment, checked where next build and next start load it", () => {
  it("a malformed or missing variable stops the config with the variable's name", { timeout: 60_000 }, () => {
    const malformed = loadConfig({ ...good, DATABASE_URL: "mysql://localhost/billing" });
    expect(malformed.status).not.toBe(0);
    expect(malformed.stderr).toMatch(/Invalid environment: DATABASE_URL: /);
    const missing = loadConfig({ ...good, NEXTAUTH_SECRET: "" });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/Invalid environment: NEXTAUTH_SECRET: /);
    const fine = loadConfig(good);
    expect(fine.stderr).toBe("");
    expect(fine.status).toBe(0);
  });

  it("`next build` stops before building, naming the variable", { timeout: 120_000 }, () => {
    const distDir = mkdtempSync(path.join(tmpdir(), "next-bad-env-"));
    try {
      const build = spawnSync("npx", ["next", "build"], {
        cwd: root,
        env: { ...process.env, ...good, SESSION_IDLE_MINUTES: "fifteen", NEXT_DIST_DIR: distDir },
        encoding: "utf8",
        timeout: 110_000,
      });
      expect(build.status).not.toBe(0);
      expect(`${build.stdout}${build.stderr}`).toMatch(/Invalid environment: SESSION_IDLE_MINUTES: /);
    } finally {
      rmSync(distDir, { recursive: true, force: true });
    }
  });

  it("production sends HSTS, a strict referrer policy and a restrictive permissions policy", {
    timeout: 60_000,
  }, () => {
    const headersOf = (env: NodeJS.ProcessEnv) => {
      const run = loadConfig(env);
      expect(run.status, run.stderr).toBe(0);
      const [rule] = JSON.parse(run.stdout) as Array<{
        source: string;
        headers: Array<{ key: string; value: string }>;
      }>;
      expect(rule!.source).toBe("/:path*");
      return Object.fromEntries(rule!.headers.map((h) => [h.key, h.value]));
    };
    expect(headersOf(good)).toMatchObject({
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
    });
    // Not in development, where the console is served over plain http.
    expect(headersOf({ ...good, NODE_ENV: "development" })).not.toHaveProperty("Strict-Transport-Security");
  });
});
