// The audit log in the browser: a manager filters and pages it, exports it as CSV, and opens
// an invoice's story; support is refused page and export; every read is itself recorded; the
// admin page shows the chain intact.
import { readFileSync } from "node:fs";
import { DEMO, expect, test } from "./fixtures";

test("a manager filters by action and actor and sees only matching events; the read is recorded", async ({
  page,
  signInAs,
  sql,
}) => {
  await signInAs("finance");
  await signInAs("manager", "/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  await page.getByLabel("Action", { exact: true }).fill("auth.sign-in");
  await page.getByLabel("Actor", { exact: true }).fill(DEMO.finance);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/action=auth.sign-in/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  const actions = await rows.getByTestId("audit-action").allTextContents();
  const actors = await rows.getByTestId("audit-actor").allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  expect(new Set(actions)).toEqual(new Set(["auth.sign-in"]));
  expect(new Set(actors)).toEqual(new Set([DEMO.finance]));
  const [count] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'auth.sign-in' AND "actorEmail" = $1`,
    [DEMO.finance],
  );
  expect(actions.length).toBe(Math.min(count!.n, 50));

  // Reading the log is itself an audit event, naming the filter that was read.
  const [read] = await sql<{ action: string; metadata: { filter: Record<string, string>; events: number } }>(
    `SELECT action, metadata FROM "AuditEvent" WHERE "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [DEMO.manager],
  );
  expect(read!.action).toBe("audit.read");
  expect(read!.metadata.filter).toMatchObject({ action: "auth.sign-in", actor: DEMO.finance });
  expect(read!.metadata.events).toBe(actions.length);

  // A filter nothing matches says so and offers a way back.
  await page.goto("/audit?action=no.such-action");
  await expect(page.getByTestId("audit-empty")).toContainText("No event matches these filters");
  await page.getByTestId("audit-empty").getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
});

test("the CSV export downloads the filtered events with a header, UTF-8 with a BOM, and is recorded", async ({
  page,
  signInAs,
  sql,
}) => {
  await signInAs("manager", `/audit?action=auth.sign-in&actor=${encodeURIComponent(DEMO.manager)}`);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "seq,occurredAt,actorId,actorEmail,action,targetType,targetId,outcome,reason,ip,userAgent,before,after,metadata",
  );
  const rows = lines.slice(1);
  const [count] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'auth.sign-in' AND "actorEmail" = $1`,
    [DEMO.manager],
  );
  expect(rows).toHaveLength(count!.n);
  for (const row of rows) {
    expect(row).toContain(`"${DEMO.manager}","auth.sign-in"`);
  }
  const [exported] = await sql<{ action: string }>(
    `SELECT action FROM "AuditEvent" WHERE "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [DEMO.manager],
  );
  expect(exported!.action).toBe("audit.export");
});

test("an invoice's story shows its usage batch, its generation, then finance's submission from the browser", async ({
  page,
  signInAs,
  sql,
  claimDrafts,
}) => {
  const [id] = (await claimDrafts({ month: "2026-08" })) as [string];
  await signInAs("finance", `/invoices/${id}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("gate-panel")).toContainText("Submitted by");

  // From the audit table, filtered to the invoice, to its story.
  await signInAs("manager", `/audit?targetType=invoice&targetId=${id}`);
  const row = page.locator('[data-testid="audit-row"][data-action="invoice.submit"]');
  await expect(row.first()).toBeVisible();
  // The target is named (customer and month) and links to the invoice; its id stays beside it.
  await expect(row.first().locator(`a[href="/invoices/${id}"]`)).toContainText(" · 2026-");
  await expect(row.first()).toContainText(id);
  await row.first().getByTestId("story-link").click();
  await page.waitForURL(`**/audit/invoices/${id}`);

  const steps = page.getByTestId("story-step");
  const actions = await steps.evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
  expect(actions).toContain("usage.import");
  expect(actions.indexOf("invoice.generate")).toBeGreaterThan(actions.indexOf("usage.import"));
  expect(actions.indexOf("invoice.submit")).toBeGreaterThan(actions.indexOf("invoice.generate"));
  const submit = page.locator('[data-testid="story-step"][data-action="invoice.submit"]');
  await expect(submit).toContainText("Submitted for approval");
  await expect(submit.getByTestId("story-actor")).toHaveText(DEMO.finance);
  await expect(submit).toContainText("DRAFT");
  await expect(submit).toContainText("SUBMITTED");
  await expect(page.locator('[data-testid="story-step"][data-action="invoice.generate"]')).toContainText(
    "Draft generated",
  );

  const [read] = await sql(
    `SELECT action, "targetType", "targetId" FROM "AuditEvent" WHERE "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [DEMO.manager],
  );
  expect(read).toEqual({ action: "audit.read", targetType: "invoice", targetId: id });
});

test("support is refused the audit page, an invoice story and the export, each refusal recorded", async ({
  page,
  signInAs,
  sql,
}) => {
  await signInAs("support");
  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  const [invoice] = await sql<{ id: string }>(`SELECT id FROM "Invoice" LIMIT 1`);
  expect((await page.goto(`/audit/invoices/${invoice!.id}`))?.status()).toBe(403);
  const exported = await page.request.get("/api/audit/export?action=auth.sign-in");
  expect(exported.status()).toBe(403);
  expect(exported.headers()["content-type"]).not.toContain("text/csv");
  const refusals = await sql<{ reason: string }>(
    `SELECT reason FROM "AuditEvent" WHERE action = 'access.denied' AND "actorEmail" = $1 ORDER BY seq DESC LIMIT 3`,
    [DEMO.support],
  );
  expect(refusals.map((r) => r.reason)).toEqual(["audit.view: role", "audit.view: role", "audit.view: role"]);
  const [reads] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action IN ('audit.read', 'audit.export') AND "actorEmail" = $1`,
    [DEMO.support],
  );
  expect(reads!.n).toBe(0);
});

test("the admin page shows the audit chain intact, and verifies again on request", async ({ page, signInAs, sql }) => {
  await signInAs("admin", "/admin");
  const status = page.getByTestId("chain-status");
  await expect(status).toHaveAttribute("data-ok", "true");
  await expect(status).toContainText("Intact");
  const [last] = await sql<{ seq: string }>(`SELECT max(seq)::text AS seq FROM "AuditEvent"`);
  const verified = Number((await page.getByTestId("chain-verified").textContent())!.replace(/\D/g, ""));
  expect(verified).toBeGreaterThan(0);
  expect(verified).toBeLessThanOrEqual(Number(last!.seq));

  await page.getByTestId("chain-verify-again").click();
  await page.waitForURL(/verifyChain=/);
  await expect(page.getByTestId("chain-status")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("chain-checked")).toContainText("Verified just now");
});
