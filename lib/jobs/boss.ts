// pg-boss on the console's database, in its own schema `pgboss` (created and migrated by
// pg-boss itself on first start; nothing is downloaded).
import { PgBoss } from "pg-boss";
import { connectionConfig } from "@/lib/db-pool";
import { env } from "@/lib/env";
import { errorFields, logFor } from "@/lib/log/logger";

const log = logFor("pg-boss");

export function createBoss(options: { role: "scheduler" | "sender"; cronMonitorSeconds?: number }): PgBoss {
  const scheduler = options.role === "scheduler";
  const boss = new PgBoss({
    ...connectionConfig(env.DATABASE_URL),
    schema: "pgboss",
    // The schema exists already (the owner makes it when it states the runtime role's grants);
    // the runtime role may not create schemas.
    createSchema: false,
    application_name: `billing-${options.role}`,
    max: scheduler ? 4 : 2,
    // Only the workers run the cron pass and the maintenance; the console only sends "run now".
    schedule: scheduler,
    supervise: scheduler,
    ...(scheduler && options.cronMonitorSeconds
      ? {
          cronMonitorIntervalSeconds: options.cronMonitorSeconds,
          cronWorkerIntervalSeconds: options.cronMonitorSeconds,
        }
      : {}),
  });
  boss.on("error", (error) => log.error(errorFields(error), "pg-boss error"));
  return boss;
}
