// GET /api/metrics against the real database: the token is required, and the numbers are the
// database's (delivery backlog by state and service, failed deliveries, gate refusals by rule,
// the audit chain's length and last verification, imported usage).
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { approvedInvoice, applyReleaseSettings, person } from "../support/invoices";

const TOKEN = "metrics-test-token-0123456789";

async function scrape(token: string | null = TOKEN) {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  return GET(new Request("http://localhost/api/metrics", { headers }));
}

/** The value of one sample line (`name{labels} value`), or null when absent. */
function sample(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe("GET /api/metrics", () => {
  it("does not exist without METRICS_TOKEN and refuses a wrong token", async () => {
    expect((await scrape()).status).toBe(404);
    process.env.METRICS_TOKEN = TOKEN;
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape("wrong-token")).status).toBe(401);
  });

  it("reports the database's numbers in Prometheus text format", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    await applyReleaseSettings({ prefix: "MET" });
    const { invoice, finance } = await approvedInvoice(10_000n);
    await releaseInvoice({ actor: finance, invoiceId: invoice.id });
    await db.delivery.updateMany({ where: { invoiceId: invoice.id, service: "CRM" }, data: { status: "FAILED" } });
    const actor = await person("MANAGER");
    await recordAuditEventNow({
      actor,
      action: "invoice.approve",
      target: { type: "invoice", id: invoice.id },
      outcome: "REFUSED",
      reason: "metrics.test-rule: refused for the metrics test",
    });

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();

    const count = async (status: "PENDING" | "SENT" | "FAILED", service: "CRM" | "DOCUMENTS") =>
      db.delivery.count({ where: { status, service } });
    expect(sample(text, 'billing_delivery_backlog{state="FAILED",service="CRM"}')).toBe(await count("FAILED", "CRM"));
    expect(sample(text, 'billing_delivery_backlog{state="PENDING",service="DOCUMENTS"}')).toBe(
      await count("PENDING", "DOCUMENTS"),
    );
    expect(sample(text, "billing_deliveries_failed")).toBe(await db.delivery.count({ where: { status: "FAILED" } }));
    expect(sample(text, 'billing_gate_refusals{rule="metrics.test-rule"}')).toBe(1);
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(sample(text, "billing_audit_chain_length")).toBeGreaterThanOrEqual(Number(last.seq));
    const rows = await db.usageBatch.aggregate({ _sum: { rowCount: true }, _count: true });
    expect(sample(text, "billing_usage_rows")).toBe(rows._sum.rowCount ?? 0);
    expect(sample(text, "billing_usage_batches")).toBe(rows._count);
    expect(text).toContain("# TYPE billing_http_request_duration_seconds histogram");
    expect(text).toContain("# TYPE billing_audit_last_verification_timestamp_seconds gauge");
    expect(text).toContain("# TYPE billing_usage_import_duration_seconds histogram");
  });
});
