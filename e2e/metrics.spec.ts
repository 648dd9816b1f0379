// The Prometheus endpoint of the running production server: token required, and the request
// durations the server observed, by route pattern.
import { metricsToken } from "../playwright.config";
import { expect, test } from "./fixtures";

test("a scraper with the token reads request durations by route; without it, 401", async ({ page, signInAs }) => {
  await signInAs("finance", "/drafts");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const refused = await page.request.get("/api/metrics", { headers: { authorization: "Bearer wrong" } });
  expect(refused.status()).toBe(401);

  const response = await page.request.get("/api/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(response.status()).toBe(200);
  const text = await response.text();
  const series = text
    .split("\n")
    .find((l) =>
      l.startsWith('billing_http_request_duration_seconds_count{method="GET",route="/drafts",status="200"}'),
    );
  expect(Number(series?.split(" ")[1])).toBeGreaterThanOrEqual(1);
  expect(text).toMatch(/^billing_delivery_backlog\{state="SENT",service="CRM"\} \d+$/m);
  expect(text).toMatch(/^billing_audit_chain_length \d+$/m);
});
