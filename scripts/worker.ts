// The delivery worker: `npm run worker` (npm start runs one beside the console). Sends
// pending deliveries until stopped; several may run at once. SIGTERM/SIGINT finish the
// deliveries in flight, then exit. Until a scheduler runs them, it also runs the audit jobs:
// the audit checkpoint at start and every hour, and the summary of suppressed refusals.
//   DELIVERY_CONCURRENCY  deliveries in flight per worker (default 8)
//   DELIVERY_POLL_MS      how often an idle worker looks for due deliveries (default 500)
//   AUDIT_CHECKPOINT_INTERVAL_MINUTES  minutes between audit checkpoints (default 60; 0: none)
// plus the service and retry settings read by lib/services/config.ts and lib/delivery/policy.ts.
import { hostname } from "node:os";
import { describeCheckpointOutcome, postAuditCheckpoint } from "@/lib/audit/post-audit-checkpoint";
import { summarizeSuppressedRefusals } from "@/lib/audit/record-refused-request";
import { runAuditSchedule } from "@/lib/audit/run-audit-schedule";
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
const checkpointMinutes = Number(process.env.AUDIT_CHECKPOINT_INTERVAL_MINUTES || 60);
if (!Number.isFinite(checkpointMinutes) || checkpointMinutes < 0) {
  const raw = process.env.AUDIT_CHECKPOINT_INTERVAL_MINUTES;
  log.error({ value: raw }, "AUDIT_CHECKPOINT_INTERVAL_MINUTES must be a number of minutes >= 0");
  process.exit(2);
}

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
const audit = runAuditSchedule({
  checkpointEveryMs: checkpointMinutes * 60_000,
  signal: stop.signal,
  checkpoint: () => postAuditCheckpoint({ trigger: "schedule", signal: stop.signal }),
  sweep: () => summarizeSuppressedRefusals(),
  onCheckpoint: (outcome) => {
    const line = describeCheckpointOutcome(outcome);
    if (outcome.kind === "refused" || outcome.kind === "failed") log.error({ kind: outcome.kind }, line);
    else if (!quiet) log.info({ kind: outcome.kind }, line);
  },
  onError: (job, error) => log.error({ job, ...errorFields(error) }, "audit job error"),
});
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
await audit;
await scheduler?.stop();
await db.$disconnect();
log.info({ holder }, "stopped");
