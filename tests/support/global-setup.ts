// Integration tests run against a real PostgreSQL: a fresh database on the embedded server
// (or on the server named by DATABASE_URL), migrated with the project's own migrations.
import { execFileSync } from "node:child_process";
import { createDatabaseIfMissing, resolveDatabase, withDatabaseName } from "../../scripts/lib/database";

export default async function setup() {
  const name = process.env.TEST_DATABASE_NAME ?? "billing_test";
  const server = await resolveDatabase({ database: "postgres", quiet: true });
  await createDatabaseIfMissing(server.url, name, { recreate: true });
  const url = withDatabaseName(server.url, name);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  process.env.DATABASE_URL = url;
  return async () => {
    await server.stop();
  };
}
