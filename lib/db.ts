// Framework-free on purpose: the CLI commands, the delivery worker and the integration tests
// use the same client as the console (pages reach it only through lib/dal).
import { PrismaPg } from "@prisma/adapter-pg";
import { createPool } from "@/lib/db-pool";
import { env } from "@/lib/env";
import { errorFields, logFor } from "@/lib/log/logger";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process; kept on globalThis so dev-mode reloads do not open new pools.
const globalForDb = globalThis as unknown as { db?: PrismaClient };

function createClient() {
  // Our pool (lib/db-pool.ts): the password from DATABASE_PASSWORD_FILE, retried on rotation.
  const pool = createPool(env.DATABASE_URL, { max: 20, application_name: "billing-console" });
  // An idle connection the database closes (a restart, a failover, an administrator) is an
  // 'error' on the pool; unheard, it would end the process. The pool drops it and connects anew.
  pool.on("error", (error) => logFor("db").warn(errorFields(error), "an idle database connection failed"));
  const adapter = new PrismaPg(pool);
  // Prisma's defaults (5 s for a transaction, 2 s to get a connection) fail a finance command
  // halfway on a busy machine: the command rolls back and the person has to try again. A
  // transaction here locks a few rows of one invoice or month, so waiting longer costs little.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
}

export const db = globalForDb.db ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.db = db;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
