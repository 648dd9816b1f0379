// The bearer token a Prometheus scraper presents: METRICS_TOKEN (or the file METRICS_TOKEN_FILE
// names, re-read when it changes); null turns the endpoint off.
export function metricsToken(): string | null {
  const value = process.env.METRICS_TOKEN?.trim();
  return value ? value : null;
}
