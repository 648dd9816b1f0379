// Sign-in, navigation by role, refusals (page and forged server action), session expiry,
// revocation, single sign-on, and the health check.
import { captureServerAction, DEMO, expect, signInThroughPage, test } from "./fixtures";

const NAV: Record<string, string[]> = {
  finance: ["Home", "Drafts", "Usage import", "Releases", "Lookup"],
  manager: ["Home", "Drafts", "Approvals", "Releases", "Lookup", "Access requests", "Audit log"],
  support: ["Home", "Lookup", "Access requests"],
  admin: ["Home", "Drafts", "Releases", "Lookup", "Audit log", "Administration"],
};

test("health check answers ok with the database up", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", db: "ok" });
});

test("security headers are set", async ({ request }) => {
  const res = await request.get("/signin");
  const headers = res.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=(), payment=()");
  // The journeys run the production build, which sends HSTS (browsers heed it over HTTPS only).
  expect(headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
});

test("a visitor without a session is sent to sign-in", async ({ page }) => {
  await page.goto("/drafts");
  await expect(page).toHaveURL(/\/signin\?next=%2Fdrafts/);
  await expect(page.getByRole("heading", { name: "Demo users" })).toBeVisible();
});

for (const [role, expected] of Object.entries(NAV)) {
  test(`${role} signs in and sees exactly their navigation`, async ({ page, sql }) => {
    await signInThroughPage(page, role as keyof typeof DEMO);
    const links = page.getByTestId("main-nav").getByRole("link");
    await expect(links).toHaveText(expected);
    const events = await sql(
      `SELECT outcome FROM "AuditEvent" WHERE action = 'auth.sign-in' AND "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
      [DEMO[role as keyof typeof DEMO]],
    );
    expect(events[0]?.outcome).toBe("SUCCESS");
  });
}

test("the console switches between Japanese and English", async ({ page, signInAs }) => {
  await signInAs("finance");
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.getByTestId("main-nav").getByRole("link", { name: "請求書ドラフト" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByTestId("main-nav").getByRole("link", { name: "Drafts" })).toBeVisible();
});

test("support is refused the admin page with a 403, and the refusal is audited", async ({ page, signInAs, sql }) => {
  await signInAs("support");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  const events = await sql(
    `SELECT reason FROM "AuditEvent" WHERE action = 'access.denied' AND "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [DEMO.support],
  );
  expect(events[0]?.reason).toBe("admin.users: role");
});

test("a forged server-action call from a role without the right is refused and audited", async ({
  page,
  signInAs,
  sql,
}) => {
  // The admin's real call gives us the action id and a well-formed body.
  await signInAs("admin", "/admin/users");
  const row = page.getByTestId(`user-row-${DEMO.finance2}`);
  const action = await captureServerAction(page, () => row.getByRole("button", { name: "Save" }).click());
  await expect(row.getByRole("status")).toBeVisible();

  await signInAs("finance");
  const forged = await page.request.post(action.url, {
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // As the browser sends it: the forgery under test is the role, not the origin.
      Origin: new URL(action.url).origin,
    },
    data: action.body.replace(/"roles":\[[^\]]*\]/, '"roles":["FINANCE","MANAGER","ADMIN"]'),
  });
  expect(forged.status()).toBe(200);
  expect(await forged.text()).toContain('"code":"FORBIDDEN"');
  const users = await sql(`SELECT roles FROM "User" WHERE email = $1`, [DEMO.finance2]);
  expect(users[0]?.roles).toEqual("{FINANCE}");
  const events = await sql(
    `SELECT reason FROM "AuditEvent" WHERE action = 'access.denied' AND "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [DEMO.finance],
  );
  expect(events[0]?.reason).toBe("admin.users: role");
});

test("a granted role takes effect on the next request; revoking one ends the user's sessions", async ({
  page,
  signInAs,
  browser,
}) => {
  // Three sign-ins (the user twice, an admin once) in two browsers: a long journey.
  test.slow();
  await signInAs("manager2");
  await expect(page.getByTestId("main-nav").getByRole("link", { name: "Administration" })).toHaveCount(0);

  const adminContext = await browser.newContext({ locale: "en-US" });
  const admin = await adminContext.newPage();
  const { signInAs: signInOther } = await import("./fixtures");
  await signInOther(admin, "admin", "/admin/users");
  const row = admin.getByTestId(`user-row-${DEMO.manager2}`);
  const setAdmin = async (on: boolean) => {
    const box = row.getByRole("checkbox", { name: "Admin" });
    await (on ? box.check() : box.uncheck());
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByRole("status")).toContainText("Saved");
  };

  await setAdmin(true);
  await page.reload();
  await expect(page.getByTestId("main-nav").getByRole("link", { name: "Administration" })).toBeVisible();
  expect((await page.goto("/admin"))?.status()).toBe(200);

  await setAdmin(false);
  await adminContext.close();
  // A removed role ends every session: the next request is sent to sign-in, and signed in
  // again the user has only the remaining rights.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?expired=1/);
  await signInAs("manager2");
  expect((await page.goto("/admin"))?.status()).toBe(403);
  await expect(page.getByTestId("main-nav").getByRole("link", { name: "Administration" })).toHaveCount(0);
});

test("an idle session expires and sends the user back to sign-in", async ({ page, signInAs, sql }) => {
  await signInAs("finance");
  const [session] = await sql<{ id: string }>(
    `SELECT s.id
     FROM "AuthSession" s
     JOIN "User" u ON u.id = s."userId"
     WHERE u.email = $1 AND s."endedAt" IS NULL
     ORDER BY s."createdAt" DESC LIMIT 1`,
    [DEMO.finance],
  );
  await sql(`UPDATE "AuthSession" SET "lastSeenAt" = now() - interval '16 minutes' WHERE id = $1`, [session!.id]);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?expired=1/);
  await expect(page.locator("main p[role=alert]")).toContainText("Your session has ended");
  const [ended] = await sql(`SELECT "endReason" FROM "AuthSession" WHERE id = $1`, [session!.id]);
  expect(ended?.endReason).toBe("expired:idle");
});

test("a session past 12 hours expires even when active", async ({ page, signInAs, sql }) => {
  await signInAs("manager");
  await sql(
    `UPDATE "AuthSession"
     SET "expiresAt" = now() - interval '1 second'
     WHERE "endedAt" IS NULL AND "userId" = (SELECT id FROM "User" WHERE email = $1)`,
    [DEMO.manager],
  );
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?expired=1/);
});

test("sign-out ends the session and is audited", async ({ page, signInAs, sql }) => {
  await signInAs("support");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/lookup");
  await expect(page).toHaveURL(/\/signin/);
  const events = await sql(`SELECT action FROM "AuditEvent" WHERE "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`, [
    DEMO.support,
  ]);
  expect(events[0]?.action).toBe("auth.sign-out");
});

test("single sign-on: groups map to roles, and a user with no mapped group is refused", async ({ page, sql }) => {
  // As after an earlier sign-in in the approvers' group, which the identity provider no longer lists.
  await sql(
    `INSERT INTO "User" (id, email, name, roles, "updatedAt")
     VALUES (gen_random_uuid(), 'sso.finance@corp.example', 'SSO Finance', '{FINANCE,MANAGER}', now())
     ON CONFLICT (email) DO UPDATE SET roles = '{FINANCE,MANAGER}'`,
  );
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.locator('input[name="login"]').fill("sso.finance");
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: /sign-?in/i }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("user-menu")).toContainText("SSO 経理");
  await expect(page.getByTestId("main-nav").getByRole("link")).toHaveText(NAV.finance!);
  const [user] = await sql(`SELECT roles, "oidcSubject" FROM "User" WHERE email = 'sso.finance@corp.example'`);
  // Roles follow the groups at each sign-in: the removed group took MANAGER away.
  expect(user).toEqual({ roles: "{FINANCE}", oidcSubject: "sso.finance" });

  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.locator('input[name="login"]').fill("sso.nobody");
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: /sign-?in/i }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/signin\?error=AccessDenied/);
  await expect(page.locator("main p[role=alert]")).toContainText("not allowed to sign in");
  const [refusal] = await sql(
    `SELECT outcome, reason
     FROM "AuditEvent"
     WHERE action = 'auth.sign-in' AND "actorEmail" = 'sso.nobody@corp.example'
     ORDER BY seq DESC LIMIT 1`,
  );
  expect(refusal).toEqual({ outcome: "REFUSED", reason: "no console role is mapped from the user's groups" });
});
