// `npm start`: the console with everything it needs on one machine. With DATABASE_URL unset
// it starts the embedded PostgreSQL under .data/ and seeds demo data; then it migrates,
// builds (when sources changed) and serves the production build on PORT (default 3000).
// Beside it: the local CRM and document services (unless CRM_BASE_URL / DOCUMENTS_BASE_URL
// name real ones) and one delivery worker (DELIVERY_WORKERS to run more). Migrations run as the
// schema owner; the console, the workers and the seed sign in as the runtime role, and none of
// them is given the owner's connection string.
import { buildIfChanged } from "./lib/build";
import { userOf } from "./lib/database-url";
import { localSecret, prepareDatabase, runtimeEnv, seed } from "./lib/prepare";
import { LOCAL_SERVICES } from "../lib/services/config";
import { run, stopAll, waitForHttp } from "./lib/processes";
import { logFor } from "../lib/log/logger";

const log = logFor("start");

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

// The local services, unless configuration names real ones.
const localServices: string[] = [];
for (const name of ["crm", "documents"] as const) {
  const baseVar = name === "crm" ? "CRM_BASE_URL" : "DOCUMENTS_BASE_URL";
  if (process.env[baseVar]) continue;
  const service = run(name, process.execPath, ["--import", "tsx", "services/run.ts", name], {
    ...runtimeEnv(process.env),
    PORT: String(LOCAL_SERVICES[name].port),
    LOG_SERVICE: name,
  });
  void service.exited.then((code) => {
    log.error({ name, code }, "a local service exited; stopping");
    void shutdown(code || 1);
  });
  await waitForHttp(`http://127.0.0.1:${LOCAL_SERVICES[name].port}/health`, 30_000);
  localServices.push(`${name} http://127.0.0.1:${LOCAL_SERVICES[name].port}`);
}

if (db.embedded || process.env.SEED_DEMO_DATA === "true") await seed(env);
await buildIfChanged(".next", env);

// The console's server (scripts/serve.ts: Next.js behind node:http, so the socket's address
// reaches the audit log, and one log line per request) under this node, not npx: stopping it
// must stop the server too.
const web = run("web", process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", String(port)], {
  ...env,
  LOG_SERVICE: "web",
});
const workers = Math.max(0, Number(process.env.DELIVERY_WORKERS ?? 1));
for (let i = 1; i <= workers; i++) {
  run(`worker-${i}`, process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    ...env,
    NODE_ENV: "production",
    DELIVERY_WORKER_NAME: `worker-${i}`,
    LOG_SERVICE: `worker-${i}`,
  });
}
void web.exited.then((code) => {
  log.error({ code }, "the web server exited; stopping");
  void shutdown(code || 1);
});

await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000);
const { DEMO_USERS } = await import("../prisma/seed/users");
const services =
  (localServices.length ? `local ${localServices.join(", ")}` : "configured") +
  (localServices.length === 1 ? " (the other configured)" : "");
const demoUsers = DEMO_USERS.map((u) => `    ${u.email.padEnd(22)} ${u.roles.join(" + ").padEnd(18)} ${u.name}`);
const roles = `as ${userOf(db.url) || "?"} (migrations as ${userOf(db.migrationUrl) || "?"})`;
log.info({ url: baseUrl, embedded: db.embedded, workers }, "Billing Console is running");
// The banner (with the demo users' e-mails) is for a person at a terminal, never for the log.
if (process.stderr.isTTY)
  process.stderr.write(`
  Billing Console is running: ${baseUrl}
  Health: ${baseUrl}/api/health
  Database: ${db.embedded ? "embedded PostgreSQL 18 (.data/pg)" : "DATABASE_URL"}, ${roles}
  Services: ${services}; delivery workers: ${workers}
${db.embedded ? `  Demo users (sign in on ${baseUrl}/signin):\n${demoUsers.join("\n")}\n` : ""}
  Press Ctrl+C to stop.
`);
