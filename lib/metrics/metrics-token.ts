// The bearer token a Prometheus scraper presents: METRICS_TOKEN (or the file METRICS_TOKEN_FILE
// names, re-read when it changes); null turns the endpoint off.
import { readSecret } from "@/lib/secrets/secret";

export function metricsToken(): string | null {
  return readSecret("METRICS_TOKEN") ?? null;
}
