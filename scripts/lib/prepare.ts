// Shared start-up steps: database, secrets, Prisma client, migrations, demo data.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR, resolveDatabase, type Database } from "./database";
import { runToEnd } from "./processes";

/** A stable development secret kept under .data/ (never used when NEXTAUTH_SECRET is set). */
export function localSecret(name: string) {
  const file = path.join(DATA_DIR, `${name}.secret`);
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

export async function ensurePrismaClient(env: NodeJS.ProcessEnv) {
  if (!fs.existsSync(path.join(process.cwd(), "lib/generated/prisma/client.ts"))) {
    await runToEnd("prisma", "npx", ["prisma", "generate"], env, { quiet: true });
  }
}

export async function migrate(env: NodeJS.ProcessEnv) {
  await runToEnd("migrate", "npx", ["prisma", "migrate", "deploy"], env, { quiet: true });
}

export async function seed(env: NodeJS.ProcessEnv) {
  await runToEnd("seed", "npx", ["tsx", "prisma/seed/index.ts"], env);
}

export async function prepareDatabase(
  options: { database?: string; quiet?: boolean } = {},
): Promise<{ db: Database; env: NodeJS.ProcessEnv }> {
  const db = await resolveDatabase({ database: options.database, quiet: options.quiet });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    EMBEDDED_DATABASE: db.embedded ? "true" : (process.env.EMBEDDED_DATABASE ?? "false"),
  };
  await ensurePrismaClient(env);
  await migrate(env);
  return { db, env };
}
