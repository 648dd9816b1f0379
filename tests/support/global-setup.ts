// Integration tests run against a real PostgreSQL: a fresh database on the embedded server
// (or on the server named by DATABASE_URL, which must be allowed to create roles and
// databases), migrated with the project's own migrations as its owner role. The tests, like the
// console, sign in as its runtime role (DATABASE_URL); a test that plays the database's
// administrator (a rogue superuser) connects with TEST_ADMIN_DATABASE_URL explicitly.
import { execFileSync } from "node:child_process";
import { resolveServer } from "../../scripts/lib/database";
import { provisionDatabase } from "../../scripts/lib/roles";
import { grantRuntimeRole } from "../../scripts/lib/runtime-grants";

export default async function setup() {
  const name = process.env.TEST_DATABASE_NAME ?? "billing_test";
  // Both integration projects (vitest.config.ts) list this setup; the run's database is made once.
  if (process.env.TEST_DATABASE_READY === name) return;
  const server = await resolveServer({ quiet: true });
  const database = await provisionDatabase(server.url, name, { recreate: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: database.migrationUrl },
    stdio: "pipe",
  });
  await grantRuntimeRole({ migrationUrl: database.migrationUrl, runtimeUrl: database.url });
  process.env.DATABASE_URL = database.url;
  process.env.TEST_OWNER_DATABASE_URL = database.migrationUrl;
  process.env.TEST_ADMIN_DATABASE_URL = database.adminUrl;
  delete process.env.DATABASE_MIGRATION_URL;
  process.env.TEST_DATABASE_READY = name;
  return async () => {
    await server.stop();
  };
}
