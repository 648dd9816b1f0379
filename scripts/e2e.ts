// Runs the Playwright journeys: fresh, migrated and seeded databases, a production build in its
// own folder, then `playwright test` (which starts the console, the local services and the test
// OIDC provider). Extra arguments go to Playwright.
//
// E2E_SHARDS (default 2 for the whole suite, 1 when files or options are given) splits the
// journeys over that many Playwright runs side by side, each with a console, services, OIDC
// provider and database of its own: no journey shares state with another shard's. On 2 cores one
// run leaves about a sixth of the machine idle (the browser waits on the server and back).
// `--prepare` only prepares (databases and build) and `--prepared` only runs, so `npm test` can
// build while the integration tests run.
//
// Isolation knobs for parallel work: E2E_DATABASE_NAME, E2E_DIST_DIR, E2E_PORT, OIDC_TEST_PORT,
// E2E_CRM_PORT, E2E_DOCUMENTS_PORT, E2E_SERVICE_DATA_DIR (the local services' storage, emptied
// first), E2E_LOG_DIR. Shard k (from 1) adds 20 × (k − 1) to each port and gets `_k` or `/shard-k`
// after the names. As with `npm start`, the database is migrated as its owner role and the
// console and the seed run as its runtime role.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEMO_USERS } from "../prisma/seed/users";
import { buildIfChanged } from "./lib/build";
import { resolveServer } from "./lib/database";
import { scanLogFiles, type Sensitive } from "./lib/log-scan";
import { ensurePrismaClient, localSecret, migrate, runtimeEnv, seed } from "./lib/prepare";
import { runToEnd } from "./lib/processes";
import { splitByTime } from "./lib/split-by-time";
import { provisionDatabase } from "./lib/roles";

const args = process.argv.slice(2);
const prepareOnly = args.includes("--prepare");
const prepared = args.includes("--prepared");
const playwrightArgs = args.filter((a) => a !== "--prepare" && a !== "--prepared");
const shardCount = Number(process.env.E2E_SHARDS ?? (playwrightArgs.length > 0 ? 1 : 2));
if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error("E2E_SHARDS must be a whole number from 1");

const baseName = process.env.E2E_DATABASE_NAME ?? "billing_e2e";
const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";
const baseLogDir = process.env.E2E_LOG_DIR ?? ".data/e2e-logs";
const baseServiceDir = process.env.E2E_SERVICE_DATA_DIR ?? ".data/e2e-services";
const port = (name: string, fallback: number, shard: number) =>
  String(Number(process.env[name] ?? fallback) + 20 * shard);

/**
 * Seconds each journey file took in one run of both shards side by side on 2 cores (a file not
 * listed counts 15), to split the files over the shards so they finish together
 * (scripts/lib/split-by-time.ts). Playwright's own `--shard` splits by count of tests, and the
 * accessibility check alone is nearly half the time (so it is two files).
 */
const SECONDS: Record<string, number> = {
  "e2e/a11y.spec.ts": 258,
  "e2e/a11y-admin.spec.ts": 132,
  "e2e/finance-lists.spec.ts": 65,
  "e2e/foundation.spec.ts": 56,
  "e2e/release.spec.ts": 45,
  "e2e/gate.spec.ts": 44,
  "e2e/requests.spec.ts": 32,
  "e2e/drafts.spec.ts": 28,
  "e2e/audit.spec.ts": 25,
  "e2e/usage.spec.ts": 20,
  "e2e/polish.spec.ts": 18,
  "e2e/sessions.spec.ts": 17,
  "e2e/review.spec.ts": 17,
  "e2e/queue.spec.ts": 16,
  "e2e/cockpit.spec.ts": 15,
  "e2e/edit.spec.ts": 15,
  "e2e/data-access.spec.ts": 15,
  "e2e/audit-trail.spec.ts": 13,
  "e2e/lookup.spec.ts": 13,
  "e2e/contract-fees.spec.ts": 11,
  "e2e/assignments.spec.ts": 8,
  "e2e/jobs.spec.ts": 7,
  "e2e/metrics.spec.ts": 2,
  "e2e/server-env.spec.ts": 1,
};
const journeyFiles = () =>
  readdirSync("e2e")
    .filter((f) => f.endsWith(".spec.ts"))
    .map((f) => `e2e/${f}`);

interface Shard {
  /** From 0. */
  index: number;
  database: string;
  logDir: string;
  /** What Playwright and the processes it starts get on top of the runner's environment. */
  env: Record<string, string>;
}
const shards: Shard[] = Array.from({ length: shardCount }, (_, index) => {
  const single = shardCount === 1;
  const logDir = single ? baseLogDir : path.join(baseLogDir, `shard-${index + 1}`);
  return {
    index,
    database: index === 0 ? baseName : `${baseName}_${index + 1}`,
    logDir,
    env: {
      E2E_LOG_DIR: logDir,
      E2E_SERVICE_DATA_DIR: single ? baseServiceDir : path.join(baseServiceDir, `shard-${index + 1}`),
      E2E_OUTPUT_DIR: single ? "test-results" : `test-results/shard-${index + 1}`,
      E2E_PORT: port("E2E_PORT", 3100, index),
      OIDC_TEST_PORT: port("OIDC_TEST_PORT", 3199, index),
      E2E_CRM_PORT: port("E2E_CRM_PORT", 4110, index),
      E2E_DOCUMENTS_PORT: port("E2E_DOCUMENTS_PORT", 4120, index),
    },
  };
});

/** What the run's logs must not contain: the people, the secrets, the cookies, the bank details. */
async function sensitiveValues(env: NodeJS.ProcessEnv, logDir: string): Promise<Sensitive[]> {
  const values: Sensitive[] = DEMO_USERS.flatMap((u) => [
    { label: "a demo user's e-mail", value: u.email },
    { label: "a demo user's name", value: u.name.split(" (")[0] ?? u.name },
  ]);
  for (const name of ["NEXTAUTH_SECRET", "CRM_TOKEN", "DOCUMENTS_TOKEN"])
    if (env[name]) values.push({ label: name, value: String(env[name]) });
  values.push(
    { label: "the CRM token", value: "e2e-crm-token" },
    { label: "the documents token", value: "e2e-documents-token" },
    { label: "the OIDC client secret", value: "billing-console-test-secret" },
    { label: "the metrics token", value: "e2e-metrics-token-0123456789" },
  );
  const cookies = path.join(logDir, "cookies.txt");
  if (existsSync(cookies))
    for (const value of readFileSync(cookies, "utf8").split("\n").filter(Boolean))
      values.push({ label: "a session cookie", value });
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ bank: string | null; email: string | null }>(
      `SELECT "bankDetails" AS bank, "contactEmail" AS email FROM "Customer"`,
    );
    for (const row of rows) {
      for (const account of row.bank?.match(/\d{6,}/g) ?? [])
        values.push({ label: "a bank account number", value: account });
      if (row.email) values.push({ label: "a customer's e-mail", value: row.email });
    }
  } finally {
    await client.end();
  }
  return values;
}

/** Scans one shard's logs; throws if they hold personal data or secrets, or hold no requests at all. */
async function scanLogs(shard: Shard, env: NodeJS.ProcessEnv) {
  const files = readdirSync(shard.logDir)
    .filter((f) => f.endsWith(".log"))
    .map((f) => path.join(shard.logDir, f));
  const requestLines = files.reduce((n, f) => n + (readFileSync(f, "utf8").match(/"msg":"request"/g)?.length ?? 0), 0);
  const leaks = scanLogFiles(files, await sensitiveValues(env, shard.logDir));
  const label = shardCount > 1 ? ` (shard ${shard.index + 1})` : "";
  console.log(
    `[e2e] log scan${label}: ${files.length} log files, ${requestLines} request lines, ${leaks.length} leaks`,
  );
  for (const leak of leaks.slice(0, 20)) console.error(`[e2e]   ${leak.file}:${leak.line}: ${leak.label}`);
  if (requestLines === 0) throw new Error("the console logged no requests: the log scan saw nothing");
  if (leaks.length > 0) throw new Error("the logs contain personal data or secrets (see above)");
}

const server = await resolveServer({ quiet: true });
const common: NodeJS.ProcessEnv = {
  ...runtimeEnv(process.env),
  EMBEDDED_DATABASE: "true",
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("nextauth-e2e"),
  NEXT_DIST_DIR: distDir,
};

/** A fresh database per shard, migrated and seeded; the build, if the sources changed. */
async function prepare() {
  rmSync(baseServiceDir, { recursive: true, force: true });
  rmSync(baseLogDir, { recursive: true, force: true });
  await ensurePrismaClient(common);
  const [first] = await Promise.all(
    shards.map(async (shard) => {
      const database = await provisionDatabase(server.url, shard.database, { recreate: true });
      const env = { ...common, DATABASE_URL: database.url };
      await migrate({ ...env, DATABASE_MIGRATION_URL: database.migrationUrl });
      await seed(env);
      return env;
    }),
  );
  // The build validates the environment (lib/env.js) as the console would start with it.
  await buildIfChanged(distDir, first ?? common);
}

async function runShard(shard: Shard) {
  mkdirSync(shard.logDir, { recursive: true });
  // Provisioned already (prepare): this only reads the runtime role's connection string.
  const { url } = await provisionDatabase(server.url, shard.database);
  const env: NodeJS.ProcessEnv = { ...common, ...shard.env, DATABASE_URL: url };
  // The whole suite is split by file (SECONDS); a run of chosen files by Playwright's own --shard.
  const shardArgs =
    shardCount === 1
      ? []
      : playwrightArgs.length > 0
        ? [`--shard=${shard.index + 1}/${shardCount}`]
        : (splitByTime(journeyFiles(), shardCount, SECONDS, 15)[shard.index] ?? []);
  const name = shardCount > 1 ? `playwright ${shard.index + 1}/${shardCount}` : "playwright";
  let journeys: unknown = null;
  await runToEnd(name, "npx", ["playwright", "test", ...shardArgs, ...playwrightArgs], env).catch((error) => {
    journeys = error;
  });
  // The logs of the whole run, scanned whether the journeys passed or not.
  await scanLogs(shard, env);
  if (journeys) throw journeys;
}

let code = 1;
try {
  if (!prepared) await prepare();
  if (!prepareOnly) {
    const results = await Promise.allSettled(shards.map(runShard));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    for (const f of failed) console.error(f.reason instanceof Error ? f.reason.message : f.reason);
    if (failed.length > 0) throw new Error(`${failed.length} of ${shardCount} journey runs failed`);
  }
  code = 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await server.stop();
}
process.exit(code);
