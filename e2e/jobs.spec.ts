// Administration > Scheduled jobs: each job with its schedule and next run; "Run now" queues a
// run for the workers and is recorded in the audit log. (The runs themselves, with three
// worker processes, are tested in tests/integration/scheduled-jobs.test.ts.)
import { expect, test } from "./fixtures";

test("an admin sees the scheduled jobs and asks for a run now", async ({ page, signInAs, sql }) => {
  await signInAs("admin", "/admin");
  await page.getByRole("link", { name: /Scheduled jobs/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Scheduled jobs" })).toBeVisible();
  const jobs = [
    "expire-access-grants",
    "audit-verify",
    "audit-checkpoint",
    "summarize-refused-requests",
    "sweep-sign-in-locks",
    "sweep-delivery-leases",
    "usage-inbox",
    "generate-drafts",
  ];
  for (const job of jobs) await expect(page.getByTestId(`job-${job}`)).toBeVisible();
  await expect(page.getByTestId("job-audit-checkpoint")).toContainText("0 * * * *");
  const sweep = page.getByTestId("job-sweep-delivery-leases");
  await expect(sweep).toContainText("*/5 * * * *");
  await sweep.getByRole("button", { name: "Run now" }).click();
  await expect(sweep.getByRole("status")).toHaveText("Requested. A worker runs it within a few seconds.");
  const events = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent"
     WHERE action = 'job.requested' AND "targetId" = 'sweep-delivery-leases'`,
  );
  expect(events[0]!.n).toBe(1);
});

test("the jobs page is for admins only", async ({ page, signInAs }) => {
  await signInAs("finance", "/admin/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
});
