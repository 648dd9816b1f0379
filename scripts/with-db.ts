// Runs a command with DATABASE_URL pointing at the console's database as the runtime role
// (embedded when unset): tsx scripts/with-db.ts [--database NAME] -- <command> [args...]
// The schema owner's connection string is not passed on (migrations: npm run db:migrate).
import { spawn } from "node:child_process";
import { resolveDatabase } from "./lib/database";
import { runtimeEnv } from "./lib/prepare";

const args = process.argv.slice(2);
const separator = args.indexOf("--");
const own = separator >= 0 ? args.slice(0, separator) : [];
const [program, ...programArgs] = separator >= 0 ? args.slice(separator + 1) : args;
const dbFlag = own.indexOf("--database");
const database = dbFlag >= 0 ? own[dbFlag + 1] : process.env.DATABASE_NAME;

if (program === undefined) {
  console.error("usage: tsx scripts/with-db.ts [--database NAME] -- <command> [args...]");
  process.exit(2);
}
const db = await resolveDatabase({ database, quiet: true });
const child = spawn(program, programArgs, {
  stdio: "inherit",
  env: { ...runtimeEnv(process.env), DATABASE_URL: db.url },
  shell: process.platform === "win32",
});
const code: number = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
await db.stop();
process.exit(code);
