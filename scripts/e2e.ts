// Runs the Playwright journeys: a fresh, migrated and seeded database, a production build
// in its own folder, then `playwright test` (which starts the console and the test OIDC
// provider). Extra arguments go to Playwright. Isolation knobs for parallel work:
// E2E_DATABASE_NAME, E2E_DIST_DIR, E2E_PORT, OIDC_TEST_PORT, E2E_CRM_PORT, E2E_DOCUMENTS_PORT,
// E2E_SERVICE_DATA_DIR (the local services' storage, emptied first). As with `npm start`, the
// database is migrated as its owner role and the console and the seed run as its runtime role.
import { rmSync } from "node:fs";
import { buildIfChanged } from "./lib/build";
import { resolveServer } from "./lib/database";
import { ensurePrismaClient, localSecret, migrate, runtimeEnv, seed } from "./lib/prepare";
import { runToEnd } from "./lib/processes";
import { provisionDatabase } from "./lib/roles";

const name = process.env.E2E_DATABASE_NAME ?? "billing_e2e";
const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";
const server = await resolveServer({ quiet: true });
let code = 1;
try {
  const database = await provisionDatabase(server.url, name, { recreate: true });
  rmSync(process.env.E2E_SERVICE_DATA_DIR ?? ".data/e2e-services", { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...runtimeEnv(process.env),
    DATABASE_URL: database.url,
    EMBEDDED_DATABASE: "true",
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("nextauth-e2e"),
    NEXT_DIST_DIR: distDir,
  };
  await ensurePrismaClient(env);
  await migrate({ ...env, DATABASE_MIGRATION_URL: database.migrationUrl });
  await seed(env);
  await buildIfChanged(distDir, env);
  await runToEnd("playwright", "npx", ["playwright", "test", ...process.argv.slice(2)], env);
  code = 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await server.stop();
}
process.exit(code);
