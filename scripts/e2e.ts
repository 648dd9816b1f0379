// Runs the Playwright journeys: a fresh, migrated and seeded database, a production build
// in its own folder, then `playwright test` (which starts the console and the test OIDC
// provider). Extra arguments go to Playwright. Isolation knobs for parallel work:
// E2E_DATABASE_NAME, E2E_DIST_DIR, E2E_PORT, OIDC_TEST_PORT, E2E_CRM_PORT, E2E_DOCUMENTS_PORT,
// E2E_SERVICE_DATA_DIR (the local services' storage, emptied first). As with `npm start`, the
// database is migrated as its owner role and the console and the seed run as its runtime role.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEMO_USERS } from "../prisma/seed/users";
import { scanLogFiles, type Sensitive } from "./lib/log-scan";
import { buildIfChanged } from "./lib/build";
import { resolveServer } from "./lib/database";
import { ensurePrismaClient, localSecret, migrate, runtimeEnv, seed } from "./lib/prepare";
import { runToEnd } from "./lib/processes";
import { provisionDatabase } from "./lib/roles";

const name = process.env.E2E_DATABASE_NAME ?? "billing_e2e";
const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";
const server = await resolveServer({ quiet: true });
const logDir = process.env.E2E_LOG_DIR ?? ".data/e2e-logs";

/** What the run's logs must not contain: the people, the secrets, the cookies, the bank details. */
async function sensitiveValues(env: NodeJS.ProcessEnv): Promise<Sensitive[]> {
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
let code = 1;
try {
  const database = await provisionDatabase(server.url, name, { recreate: true });
  rmSync(process.env.E2E_SERVICE_DATA_DIR ?? ".data/e2e-services", { recursive: true, force: true });
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...runtimeEnv(process.env),
    DATABASE_URL: database.url,
    EMBEDDED_DATABASE: "true",
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("nextauth-e2e"),
    NEXT_DIST_DIR: distDir,
    E2E_LOG_DIR: logDir,
  };
  await ensurePrismaClient(env);
  await migrate({ ...env, DATABASE_MIGRATION_URL: database.migrationUrl });
  await seed(env);
  await buildIfChanged(distDir, env);
  let journeys: unknown = null;
  await runToEnd("playwright", "npx", ["playwright", "test", ...process.argv.slice(2)], env).catch((error) => {
    journeys = error;
  });
  // The logs of the whole run, scanned whether the journeys passed or not.
  const files = readdirSync(logDir)
    .filter((f) => f.endsWith(".log"))
    .map((f) => path.join(logDir, f));
  const requestLines = files.reduce((n, f) => n + (readFileSync(f, "utf8").match(/"msg":"request"/g)?.length ?? 0), 0);
  const leaks = scanLogFiles(files, await sensitiveValues(env));
  console.log(`[e2e] log scan: ${files.length} log files, ${requestLines} request lines, ${leaks.length} leaks`);
  for (const leak of leaks.slice(0, 20)) console.error(`[e2e]   ${leak.file}:${leak.line}: ${leak.label}`);
  if (requestLines === 0) throw new Error("the console logged no requests: the log scan saw nothing");
  if (leaks.length > 0) throw new Error("the logs contain personal data or secrets (see above)");
  if (journeys) throw journeys;
  code = 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await server.stop();
}
process.exit(code);
