// The connection settings every pool of the console uses (Prisma's, the read pool, the audit
// writer, pg-boss). With DATABASE_PASSWORD_FILE set, the password is read from that file for
// each new connection (pg calls the password function), so a rotated password is used without
// a restart; the URL then carries no password. A connection refused for its password
// (28P01: rotated in the database before the file changed) is retried with the file re-read,
// for up to DB_AUTH_RETRY_MS (default 15 s), so requests wait instead of failing.
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { readSecret, refreshSecret, secretFromFile } from "@/lib/secrets/secret";

/** pg connection settings for DATABASE_URL, with the password from DATABASE_PASSWORD_FILE if set. */
export function connectionConfig(url: string, env: Record<string, string | undefined> = process.env): pg.ClientConfig {
  if (!secretFromFile("DATABASE_PASSWORD", env)) return { connectionString: url };
  // The file named now is the one read for the pool's life.
  const fileEnv = { DATABASE_PASSWORD_FILE: env.DATABASE_PASSWORD_FILE };
  // pg lets a connection string's (absent) password override a password function, so the
  // URL is taken apart here instead.
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    host: u.hostname.replace(/^\[|\]$/g, "") || u.searchParams.get("host") || "localhost",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    database: decodeURIComponent(u.pathname.slice(1)),
    password: async () => readSecret("DATABASE_PASSWORD", fileEnv) ?? "",
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
  };
}

const isAuthFailure = (error: unknown) => (error as { code?: unknown })?.code === "28P01";

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void;

/** A pg.Pool that retries a connection refused for its password, re-reading the password file. */
export class RotatingPool extends pg.Pool {
  private readonly fileEnv: Record<string, string | undefined> | null;

  constructor(config: pg.PoolConfig, env: Record<string, string | undefined> = process.env) {
    super(config);
    this.fileEnv = secretFromFile("DATABASE_PASSWORD", env)
      ? { DATABASE_PASSWORD_FILE: env.DATABASE_PASSWORD_FILE }
      : null;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
    const connecting = this.connectWithRetry();
    if (!callback) return connecting;
    connecting.then(
      (client) => callback(undefined, client, () => client.release()),
      (error: Error) => callback(error, undefined, () => {}),
    );
    return undefined;
  }

  private async connectWithRetry(): Promise<pg.PoolClient> {
    const deadline = Date.now() + (Number(process.env.DB_AUTH_RETRY_MS) || 15_000);
    for (let attempt = 1; ; attempt++) {
      try {
        return await super.connect();
      } catch (error) {
        if (!isAuthFailure(error) || !this.fileEnv || Date.now() > deadline) throw error;
        refreshSecret("DATABASE_PASSWORD", this.fileEnv);
        await sleep(Math.min(1000, 100 * attempt));
      }
    }
  }
}

/** A pool for DATABASE_URL with the console's password handling. */
export function createPool(
  url: string,
  options: pg.PoolConfig = {},
  env: Record<string, string | undefined> = process.env,
): RotatingPool {
  return new RotatingPool({ ...options, ...connectionConfig(url, env) }, env);
}
