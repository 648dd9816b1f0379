// The delivery worker: `npm run worker` (npm start runs one beside the console). Sends
// pending deliveries until stopped; several may run at once. SIGTERM/SIGINT finish the
// deliveries in flight, then exit. It also runs the scheduled jobs (lib/jobs/definitions.ts:
// among them the audit checkpoint and the summary of suppressed refusals).
//   DELIVERY_CONCURRENCY  deliveries in flight per worker (default 8)
//   DELIVERY_POLL_MS      how often an idle worker looks for due deliveries (default 500)
//   SCHEDULER=false       no scheduled jobs in this worker
// plus the service and retry settings read by lib/services/config.ts and lib/delivery/policy.ts.
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { deliveryDeps } from "@/lib/delivery/deps";
import { runWorker } from "@/lib/delivery/run-worker";
import { startScheduler } from "@/lib/jobs/scheduler";
import { errorFields, logFor } from "@/lib/log/logger";

const log = logFor("worker");

const holder = process.env.DELIVERY_WORKER_NAME ?? `worker-${hostname()}-${process.pid}`;
const concurrency = Number(process.env.DELIVERY_CONCURRENCY ?? 8);
const pollMs = Number(process.env.DELIVERY_POLL_MS ?? 500);
const quiet = process.env.DELIVERY_QUIET === "true";

const stop = new AbortController();
process.on("SIGINT", () => stop.abort());
process.on("SIGTERM", () => stop.abort());

// The scheduled jobs run in every worker; pg-boss runs each occurrence once (SCHEDULER=false turns it off).
const scheduler =
  process.env.SCHEDULER === "false"
    ? null
    : await startScheduler({
        worker: holder,
        cronMonitorSeconds: Number(process.env.SCHEDULER_CRON_MONITOR_SECONDS) || undefined,
      });
log.info({ holder, concurrency, pollMs }, "delivering");
await runWorker({
  deps: deliveryDeps(),
  holder,
  concurrency,
  pollMs,
  signal: stop.signal,
  onAttempt: (r) => {
    if (!quiet && r.outcome !== "sent")
      log.warn({ target: r.service, deliveryId: r.deliveryId, outcome: r.outcome, error: r.error }, "delivery attempt");
  },
  onError: (error) => log.error(errorFields(error), "worker error"),
});
await scheduler?.stop();
await db.$disconnect();
log.info({ holder }, "stopped");
