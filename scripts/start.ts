// `npm start`: the console with everything it needs on one machine. With DATABASE_URL unset
// it starts the embedded PostgreSQL under .data/ and seeds demo data; then it migrates,
// builds (when sources changed) and serves the production build on PORT (default 3000).
import { buildIfChanged } from "./lib/build";
import { localSecret, prepareDatabase, seed } from "./lib/prepare";
import { run, stopAll, waitForHttp } from "./lib/processes";

const port = Number(process.env.PORT ?? 3000);
const baseUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

const { db, env: dbEnv } = await prepareDatabase();
const env: NodeJS.ProcessEnv = {
  ...dbEnv,
  NODE_ENV: "production",
  PORT: String(port),
  NEXTAUTH_URL: baseUrl,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? (db.embedded ? localSecret("nextauth") : undefined),
};

if (db.embedded || process.env.SEED_DEMO_DATA === "true") await seed(env);
await buildIfChanged(".next", env);

const web = run("web", "npx", ["next", "start", "-p", String(port)], env);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopAll();
  await db.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
void web.exited.then((code) => {
  console.error(`[start] the web server exited (code ${code}); stopping`);
  void shutdown(code || 1);
});

await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000);
const { DEMO_USERS } = await import("../prisma/seed/users");
console.log(`
  Billing Console is running: ${baseUrl}
  Health: ${baseUrl}/api/health
  Database: ${db.embedded ? "embedded PostgreSQL 18 (.data/pg)" : "DATABASE_URL"}
${db.embedded ? `  Demo users (sign in on ${baseUrl}/signin):\n${DEMO_USERS.map((u) => `    ${u.email.padEnd(22)} ${u.roles.join(" + ").padEnd(18)} ${u.name}`).join("\n")}\n` : ""}
  Press Ctrl+C to stop.
`);
