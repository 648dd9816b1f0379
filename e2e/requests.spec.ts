// Requests the console must refuse: sign-in destinations off the site, mutations from another
// origin (or none), bad query strings, unknown records; and the client address recorded in the
// audit log, which no client can choose.
import { baseURL } from "../playwright.config";
import { captureServerAction, DEMO, expect, test } from "./fixtures";

const EVIL = "evil.example";

// As typed in the address bar (the server decodes the query string once).
const REDIRECT_BYPASSES = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/%5Cevil.example",
  "%5C%5Cevil.example",
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%0D%0A/evil.example",
  "%2F%2Fevil.example",
  "/%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/%255Cevil.example",
  "/.//evil.example",
  "javascript:alert(document.domain)",
  "https://evil.example/",
  "http:evil.example",
  "//console@evil.example",
  "https://localhost@evil.example",
  "/%E3%80%80/evil.example",
];

test.describe("sign-in destinations", () => {
  for (const param of ["next", "callbackUrl"]) {
    test(`a signed-in user is never sent off-site through ?${param}=`, async ({ page, signInAs }) => {
      await signInAs("finance");
      for (const bypass of REDIRECT_BYPASSES) {
        const response = await page.request.get(`/signin?${param}=${bypass}`, { maxRedirects: 0 });
        expect(response.status(), bypass).toBe(307);
        const location = response.headers().location ?? "";
        // The browser's reading of the Location header: same origin, on the home page.
        expect(new URL(location, baseURL).origin, `${bypass} -> ${location}`).toBe(new URL(baseURL).origin);
        expect(location, bypass).toBe("/");
      }
      // A real destination still works.
      const ok = await page.request.get("/signin?next=%2Fdrafts%3Fmonth%3D2026-10", { maxRedirects: 0 });
      expect(ok.headers().location).toBe("/drafts?month=2026-10");
    });
  }

  test("the browser lands on the console, not on the other host", async ({ page, signInAs }) => {
    await signInAs("finance");
    for (const bypass of ["/\\evil.example", "/%09/evil.example", "/%2F%2Fevil.example"]) {
      await page.goto(`/signin?next=${bypass}`);
      expect(new URL(page.url()).host).toBe(new URL(baseURL).host);
    }
  });

  test("next-auth's own redirect after sign-in stays on the console", async ({ page, sql }) => {
    const [finance] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [DEMO.finance]);
    for (const callbackUrl of [`https://${EVIL}/`, `//${EVIL}`, `/\\${EVIL}`, "/%09/evil.example", "/drafts"]) {
      await page.context().clearCookies();
      const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await page.request.post("/api/auth/callback/demo", {
        headers: { Origin: new URL(baseURL).origin },
        form: { csrfToken, userId: finance!.id, callbackUrl, json: "true" },
      });
      const { url } = (await response.json()) as { url: string };
      expect(new URL(url).origin, callbackUrl).toBe(new URL(baseURL).origin);
      expect(new URL(url).pathname, callbackUrl).toBe(callbackUrl === "/drafts" ? "/drafts" : "/");
    }
  });
});

test.describe("mutations from another origin", () => {
  test("a server action with no, a null or a foreign Origin is a clean 403, recorded; the console's own runs", async ({
    page,
    signInAs,
    sql,
  }) => {
    await signInAs("admin", "/admin/users");
    const row = page.getByTestId(`user-row-${DEMO.finance2}`);
    const action = await captureServerAction(page, () => row.getByRole("button", { name: "Save" }).click());
    await expect(row.getByRole("status")).toBeVisible();
    const forgedBody = action.body.replace(/"roles":\[[^\]]*\]/, '"roles":["FINANCE","ADMIN"]');
    const base = { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" };
    const [{ seq: before }] = (await sql<{ seq: string }>(
      `SELECT coalesce(max(seq), 0)::text AS seq FROM "AuditEvent"`,
    )) as [{ seq: string }];

    const attempts: Array<{ headers: Record<string, string>; reason: string }> = [
      { headers: {}, reason: "missing-origin" },
      { headers: { "Sec-Fetch-Site": "cross-site" }, reason: "missing-origin" },
      { headers: { Origin: "null" }, reason: "null-origin" },
      { headers: { Origin: `https://${EVIL}` }, reason: "foreign-origin" },
      { headers: { Origin: `http://localhost.${EVIL}:${new URL(baseURL).port}` }, reason: "foreign-origin" },
      { headers: { Origin: `https://${EVIL}`, "Sec-Fetch-Site": "same-origin" }, reason: "foreign-origin" },
    ];
    for (const attempt of attempts) {
      const response = await page.request.post(action.url, {
        headers: { ...base, ...attempt.headers, "X-Forwarded-For": "203.0.113.66" },
        data: forgedBody,
      });
      expect(response.status(), JSON.stringify(attempt.headers)).toBe(403);
      expect(await response.json()).toMatchObject({ code: "FORBIDDEN", reason: attempt.reason });
    }
    const [user] = await sql<{ roles: string }>(`SELECT roles FROM "User" WHERE email = $1`, [DEMO.finance2]);
    expect(user?.roles).toBe("{FINANCE}");

    const events = await sql<{ reason: string; ip: string | null; origin: string | null; path: string }>(
      `SELECT reason, ip, metadata->>'origin' AS origin, metadata->>'path' AS path
       FROM "AuditEvent" WHERE action = 'request.refused' AND seq > $1 ORDER BY seq`,
      [before],
    );
    expect(events.map((e) => e.reason)).toEqual(attempts.map((a) => a.reason));
    expect(events[3]).toMatchObject({ origin: `https://${EVIL}`, path: "/admin/users" });
    // The socket's address, not what the client wrote into X-Forwarded-For.
    for (const event of events) expect(["127.0.0.1", "::1"]).toContain(event.ip);

    // The same call from the console's own origin runs (and is refused only by the policy, here not at all).
    const same = await page.request.post(action.url, {
      headers: { ...base, Origin: new URL(baseURL).origin },
      data: action.body,
    });
    expect(same.status()).toBe(200);
    expect(await same.text()).toContain('"ok":true');
  });

  test("a route handler mutation from another origin is refused and recorded", async ({ page, signInAs, sql }) => {
    await signInAs("finance");
    const response = await page.request.post("/api/usage/import", {
      headers: { "x-file-name": "x.csv", Origin: `https://${EVIL}` },
      data: "billing_account_id,cost\n",
    });
    expect(response.status()).toBe(403);
    const [event] = await sql<{ reason: string; path: string }>(
      `SELECT reason, metadata->>'path' AS path FROM "AuditEvent"
       WHERE action = 'request.refused' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toEqual({ reason: "foreign-origin", path: "/api/usage/import" });
    const signOut = await page.request.post("/api/auth/signout", { headers: { Origin: "null" }, form: {} });
    expect(signOut.status()).toBe(403);
  });
});

test("the audit log records the socket's address, whatever X-Forwarded-For a client sends", async ({
  browser,
  sql,
}) => {
  const context = await browser.newContext({
    locale: "en-US",
    extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.66" },
  });
  const page = await context.newPage();
  const { signInAs } = await import("./fixtures");
  await signInAs(page, "support");
  await context.close();
  const [event] = await sql<{ ip: string | null }>(
    `SELECT ip FROM "AuditEvent" WHERE action = 'auth.sign-in' AND "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [DEMO.support],
  );
  expect(["127.0.0.1", "::1"]).toContain(event?.ip);
  const [session] = await sql<{ ip: string | null }>(
    `SELECT s.ip FROM "AuthSession" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1
     ORDER BY s."createdAt" DESC LIMIT 1`,
    [DEMO.support],
  );
  expect(["127.0.0.1", "::1"]).toContain(session?.ip);
});

test.describe("bad input never answers 500", () => {
  const long = "a".repeat(101);

  test("a bad search or month shows an empty result with a message; the exports answer 400", async ({
    page,
    signInAs,
  }) => {
    await signInAs("admin");
    const pages = [
      "/drafts?q=%00",
      `/drafts?q=${long}`,
      "/drafts?month=abc",
      "/drafts?month=2026-13",
      "/drafts?month=2026-00&q=x",
      "/releases?q=a%00b",
      `/releases?q=${long}`,
      "/lookup?q=%00",
      `/lookup?q=${long}`,
      "/usage/unassigned?month=2026-13",
      "/?month=abc",
      "/releases?month=2026-13",
      "/audit?actor=%00",
      "/admin/customers?q=%00",
      "/admin/assignments?q=%00",
    ];
    for (const path of pages) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      expect(await response.text(), path).toContain('data-testid="invalid-search"');
    }
    await page.goto("/drafts?month=2026-13");
    await expect(page.getByTestId("invalid-search")).toContainText("This search could not be used");
    await expect(page.getByTestId("invalid-search")).toContainText("“month”");

    for (const path of [
      "/api/drafts/export?q=%00",
      `/api/drafts/export?q=${long}`,
      "/api/drafts/export?month=abc",
      "/api/drafts/export?month=2026-13",
      "/api/audit/export?actor=%00",
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(400);
    }
    // A search of exactly 100 characters is fine.
    expect((await page.request.get(`/api/drafts/export?q=${"a".repeat(100)}`)).status()).toBe(200);
  });

  test("unknown customers, projects and invoices answer 404", async ({ page, signInAs, sql }) => {
    await signInAs("admin");
    const missing = "00000000-0000-4000-8000-000000000000";
    const [project] = await sql<{ id: string }>(`SELECT id FROM "Project" ORDER BY id LIMIT 1`);
    const [customer] = await sql<{ id: string }>(`SELECT id FROM "Customer" ORDER BY code LIMIT 1`);
    const [invoice] = await sql<{ id: string }>(`SELECT id FROM "Invoice" ORDER BY id LIMIT 1`);
    for (const path of [
      `/invoices/${missing}`,
      "/invoices/not-an-id",
      `/invoices/${missing}/history`,
      `/audit/invoices/${missing}`,
      `/lookup/customers/${missing}`,
      "/lookup/customers/not-an-id",
      "/lookup/projects/no-such-project-000",
      "/usage/projects/no-such-project-000",
      `/api/invoices/${missing}/preview`,
      `/api/invoices/${missing}/pdf`,
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
    }
    // An address that cannot even be decoded is a bad request (Next.js's router would fail with 500).
    for (const path of ["/lookup/projects/%E0%A4%A", "/invoices/%E0%A4%A/history"]) {
      expect((await page.request.get(path)).status(), path).toBe(400);
    }
    for (const path of [
      `/invoices/${invoice!.id}`,
      `/lookup/customers/${customer!.id}`,
      `/lookup/projects/${project!.id}`,
    ]) {
      expect((await page.request.get(path)).status(), path).toBe(200);
    }
  });
});
