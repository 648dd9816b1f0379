// Shared start-up steps: database, secrets, Prisma client, migrations (as the schema owner, then
// the runtime role's grants), demo data (as the runtime role).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { resolveDatabase, type Database } from "./database";
import { runToEnd } from "./processes";
import { grantRuntimeRole } from "./runtime-grants";

export { localSecret } from "./local-secret";

export async function ensurePrismaClient(env: NodeJS.ProcessEnv) {
  if (!fs.existsSync(path.join(process.cwd(), "lib/generated/prisma/client.ts"))) {
    await runToEnd("prisma", "npx", ["prisma", "generate"], env, { quiet: true });
  }
}

/**
 * Applies the migrations as DATABASE_MIGRATION_URL's role (the schema owner; DATABASE_URL's when
 * unset), then gives DATABASE_URL's role (the runtime role) exactly its grants.
 */
export async function migrate(env: NodeJS.ProcessEnv) {
  const runtimeUrl = env.DATABASE_URL;
  if (!runtimeUrl) throw new Error("migrate: DATABASE_URL is not set");
  const migrationUrl = env.DATABASE_MIGRATION_URL || runtimeUrl;
  await runToEnd(
    "migrate",
    "npx",
    ["prisma", "migrate", "deploy"],
    { ...env, DATABASE_URL: migrationUrl },
    { quiet: true },
  );
  await grantRuntimeRole({ migrationUrl, runtimeUrl });
}

export async function seed(env: NodeJS.ProcessEnv) {
  await runToEnd("seed", "npx", ["tsx", "prisma/seed/index.ts"], env);
}

/** The environment of the console's processes: the schema owner's connection string is not in it. */
export function runtimeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_MIGRATION_URL: _owner, ...rest } = env;
  return rest;
}

/**
 * Whether DATABASE_URL's role may run the migrations itself: it owns Prisma's migration history
 * (one role for everything), or there is none yet (and migrating is the only way on).
 */
async function runtimeRoleMigrates(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migrates: boolean }>(
      `SELECT coalesce(pg_has_role(current_user, c.relowner, 'USAGE'), true) AS migrates
       FROM (SELECT 1) one
       LEFT JOIN pg_class c ON c.relname = '_prisma_migrations' AND c.relnamespace = 'public'::regnamespace`,
    );
    return rows[0]?.migrates ?? true;
  } finally {
    await client.end();
  }
}

/**
 * The database, migrated. `migrate: "always"` (npm start, npm run db:migrate) migrates as the
 * owner; `"when-owner-known"` (the command-line tools) does so only with the owner's connection
 * at hand (the embedded database, DATABASE_MIGRATION_URL) or when DATABASE_URL's role is the
 * owner: a tool run as the runtime role alone uses the database as npm start migrated it.
 */
export async function prepareDatabase(
  options: { database?: string; quiet?: boolean; migrate?: "always" | "when-owner-known" } = {},
): Promise<{ db: Database; env: NodeJS.ProcessEnv }> {
  const db = await resolveDatabase({ database: options.database, quiet: options.quiet });
  await ensurePrismaClient(process.env);
  const migrates =
    options.migrate !== "when-owner-known" || db.migrationUrl !== db.url || (await runtimeRoleMigrates(db.url));
  if (migrates) await migrate({ ...process.env, DATABASE_URL: db.url, DATABASE_MIGRATION_URL: db.migrationUrl });
  const env: NodeJS.ProcessEnv = {
    ...runtimeEnv(process.env),
    DATABASE_URL: db.url,
    EMBEDDED_DATABASE: db.embedded ? "true" : (process.env.EMBEDDED_DATABASE ?? "false"),
  };
  return { db, env };
}
