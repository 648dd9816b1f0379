// Metrics read from the database when Prometheus scrapes: they describe the whole system
// (every console instance, worker and command-line import), not one process. Each is one
// indexed or grouped statement; the scrape runs them together.
import client from "prom-client";
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";

type Row = Record<string, string | number | bigint | null | Date>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Registers the database-backed metrics on `registry` (collected at each scrape). */
export function registerDatabaseMetrics(registry: client.Registry) {
  new client.Gauge({
    name: "billing_delivery_backlog",
    help: "Deliveries by state (PENDING, SENT, FAILED) and service (CRM, DOCUMENTS)",
    labelNames: ["state", "service"] as const,
    registers: [registry],
    async collect() {
      const rows = await readRows<Row[]>(
        Prisma.sql`SELECT status::text AS state, service::text AS service, count(*)::int AS n
                   FROM "Delivery" GROUP BY 1, 2`,
      );
      this.reset();
      for (const state of ["PENDING", "SENT", "FAILED"])
        for (const service of ["CRM", "DOCUMENTS"]) this.set({ state, service }, 0);
      for (const r of rows) this.set({ state: String(r.state), service: String(r.service) }, num(r.n));
    },
  });
  new client.Gauge({
    name: "billing_deliveries_failed",
    help: "Deliveries that gave up (state FAILED) and wait for finance to retry them",
    registers: [registry],
    async collect() {
      const [row] = await readRows<Row[]>(
        Prisma.sql`SELECT count(*)::int AS n FROM "Delivery" WHERE status = 'FAILED'`,
      );
      this.set(num(row?.n));
    },
  });
  new client.Gauge({
    name: "billing_gate_refusals",
    help: "Release gate refusals recorded in the audit log, by rule",
    labelNames: ["rule"] as const,
    registers: [registry],
    async collect() {
      // A gate refusal's reason starts with its rule code ("rule: message"), lib/gate.
      const rows = await readRows<Row[]>(
        Prisma.sql`SELECT split_part(reason, ':', 1) AS rule, count(*)::int AS n FROM "AuditEvent"
                   WHERE outcome = 'REFUSED' AND action LIKE 'invoice.%' AND reason IS NOT NULL GROUP BY 1`,
      );
      this.reset();
      for (const r of rows) this.set({ rule: String(r.rule) }, num(r.n));
    },
  });
  new client.Gauge({
    name: "billing_usage_batches",
    help: "Usage files imported (by any process)",
    registers: [registry],
    async collect() {
      const [row] = await readRows<Row[]>(Prisma.sql`SELECT count(*)::int AS n FROM "UsageBatch"`);
      this.set(num(row?.n));
    },
  });
  new client.Gauge({
    name: "billing_usage_rows",
    help: "Usage rows imported (by any process)",
    registers: [registry],
    async collect() {
      const [row] = await readRows<Row[]>(
        Prisma.sql`SELECT coalesce(sum("rowCount"), 0)::bigint AS n FROM "UsageBatch"`,
      );
      this.set(num(row?.n));
    },
  });
  new client.Gauge({
    name: "billing_audit_chain_length",
    help: "Events in the audit chain (the last sequence number)",
    registers: [registry],
    async collect() {
      const [row] = await readRows<Row[]>(Prisma.sql`SELECT coalesce(max(seq), 0) AS n FROM "AuditEvent"`);
      this.set(num(row?.n));
    },
  });
  const lastVerification = async () => {
    const [row] = await readRows<Row[]>(
      Prisma.sql`SELECT "occurredAt" AS at, outcome::text AS outcome FROM "AuditEvent"
                 WHERE action = 'audit.verify' ORDER BY seq DESC LIMIT 1`,
    );
    return row ?? null;
  };
  new client.Gauge({
    name: "billing_audit_last_verification_timestamp_seconds",
    help: "When the scheduled audit:verify last walked the chain (Unix time; 0 if never)",
    registers: [registry],
    async collect() {
      const row = await lastVerification();
      this.set(row?.at instanceof Date ? row.at.getTime() / 1000 : 0);
    },
  });
  new client.Gauge({
    name: "billing_audit_last_verification_ok",
    help: "1 when the last scheduled audit:verify found the chain intact, 0 when broken or never run",
    registers: [registry],
    async collect() {
      const row = await lastVerification();
      this.set(row?.outcome === "SUCCESS" ? 1 : 0);
    },
  });
}
