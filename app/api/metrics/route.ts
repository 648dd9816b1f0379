import { createHash, timingSafeEqual } from "node:crypto";
import { registerDatabaseMetrics } from "@/lib/metrics/database-metrics";
import { metrics } from "@/lib/metrics/registry";
import { metricsToken } from "@/lib/metrics/metrics-token";

export const dynamic = "force-dynamic";

const withDatabase = globalThis as unknown as { billingDbMetrics?: boolean };

function tokenMatches(header: string | null, token: string): boolean {
  const given = header?.startsWith("Bearer ") ? header.slice(7) : "";
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

// Prometheus text format, for a scraper holding METRICS_TOKEN (Authorization: Bearer …).
// Without METRICS_TOKEN configured the endpoint does not exist.
export async function GET(request: Request) {
  const token = metricsToken();
  if (!token) return new Response("Not found\n", { status: 404 });
  if (!tokenMatches(request.headers.get("authorization"), token))
    return new Response("Unauthorized\n", { status: 401, headers: { "www-authenticate": "Bearer" } });
  if (!withDatabase.billingDbMetrics) {
    registerDatabaseMetrics(metrics.registry);
    withDatabase.billingDbMetrics = true;
  }
  return new Response(await metrics.registry.metrics(), {
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
}
