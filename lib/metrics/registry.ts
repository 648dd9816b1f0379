// The process's Prometheus registry and the metrics observed in process (prom-client). One
// registry on globalThis: the custom server (scripts/serve.ts) observes request durations
// into it and the code Next bundles (the /api/metrics route, the importer) reads and adds to it.
// The metrics read from the database at scrape time are in ./database-metrics.ts.
import client from "prom-client";

type Metrics = {
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  importDuration: client.Histogram<"outcome">;
  importRows: client.Counter;
};

const KEY = Symbol.for("billing-console.metrics");
const store = globalThis as unknown as { [KEY]?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "billing_" });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "billing_http_request_duration_seconds",
      help: "Duration of HTTP requests to the console by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    importDuration: new client.Histogram({
      name: "billing_usage_import_duration_seconds",
      help: "Duration of usage imports run by this process, by outcome",
      labelNames: ["outcome"] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
    importRows: new client.Counter({
      name: "billing_usage_import_rows_total",
      help: "Usage rows imported by this process",
      registers: [registry],
    }),
  };
}

export const metrics: Metrics = store[KEY] ?? create();
store[KEY] = metrics;
