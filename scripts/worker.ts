// The delivery worker: `npm run worker` (npm start runs one beside the console). Sends
// pending deliveries until stopped; several may run at once. SIGTERM/SIGINT finish the
// deliveries in flight, then exit.
//   DELIVERY_CONCURRENCY  deliveries in flight per worker (default 8)
//   DELIVERY_POLL_MS      how often an idle worker looks for due deliveries (default 500)
// plus the service and retry settings read by lib/services/config.ts and lib/delivery/policy.ts.
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { deliveryDeps } from "@/lib/delivery/deps";
import { runWorker } from "@/lib/delivery/run-worker";

const holder = process.env.DELIVERY_WORKER_NAME ?? `worker-${hostname()}-${process.pid}`;
const concurrency = Number(process.env.DELIVERY_CONCURRENCY ?? 8);
const pollMs = Number(process.env.DELIVERY_POLL_MS ?? 500);
const quiet = process.env.DELIVERY_QUIET === "true";

const stop = new AbortController();
process.on("SIGINT", () => stop.abort());
process.on("SIGTERM", () => stop.abort());

console.log(`[worker] ${holder} delivering (concurrency ${concurrency}, polling every ${pollMs} ms)`);
await runWorker({
  deps: deliveryDeps(),
  holder,
  concurrency,
  pollMs,
  signal: stop.signal,
  onAttempt: (r) => {
    if (!quiet && r.outcome !== "sent")
      console.log(`[worker] ${r.service} delivery ${r.deliveryId}: ${r.outcome}${r.error ? ` (${r.error})` : ""}`);
  },
  onError: (error) => console.error("[worker] error", error),
});
await db.$disconnect();
console.log(`[worker] ${holder} stopped`);
