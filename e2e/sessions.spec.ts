// Sessions end everywhere (sign-out, an admin's button, a removed role) and sign-in is
// throttled per account and per address, for the demo sign-in and single sign-on alike.
import type { APIRequestContext, Browser } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { DEMO, expect, signInAs, test } from "./fixtures";

const ORIGIN = new URL(baseURL).origin;

async function signedInPage(browser: Browser, role: keyof typeof DEMO) {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await signInAs(page, role);
  return { context, page };
}

/** One demo sign-in through next-auth's endpoint, as the sign-in page's button posts it: where it leads. */
async function demoSignIn(request: APIRequestContext, userId: string): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/demo", {
    headers: { Origin: ORIGIN },
    form: { csrfToken, userId, callbackUrl: "/", json: "true" },
  });
  return ((await response.json()) as { url: string }).url;
}

test("signing out in one browser ends the session in every other browser too", async ({ browser, sql }) => {
  const first = await signedInPage(browser, "finance2");
  const second = await signedInPage(browser, "finance2");
  await first.page.getByRole("button", { name: "Sign out" }).click();
  await expect(first.page).toHaveURL(/\/signin/);
  await second.page.goto("/drafts");
  await expect(second.page).toHaveURL(/\/signin\?expired=1/);
  const [event] = await sql<{ ended: number }>(
    `SELECT jsonb_array_length(metadata->'sessionsEnded') AS ended FROM "AuditEvent"
     WHERE action = 'auth.sign-out' AND "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [DEMO.finance2],
  );
  expect(event?.ended).toBeGreaterThanOrEqual(2);
  await first.context.close();
  await second.context.close();
});

test("an admin ends a user's sessions from the users page; it is audited", async ({ browser, page, sql }) => {
  const user = await signedInPage(browser, "support");
  await signInAs(page, "admin", "/admin/users");
  const row = page.getByTestId(`user-row-${DEMO.support}`);
  await expect(row.getByTestId("active-sessions")).not.toHaveText("0 active");
  await row.getByRole("button", { name: "End all sessions" }).click();
  await expect(row.getByRole("status")).toContainText("session(s) ended");
  await expect(row.getByTestId("active-sessions")).toHaveText("0 active");
  await user.page.goto("/lookup");
  await expect(user.page).toHaveURL(/\/signin\?expired=1/);
  const [event] = await sql<{ actor: string }>(
    `SELECT "actorEmail" AS actor FROM "AuditEvent" WHERE action = 'user.sessions-ended'
     AND "targetId" = (SELECT id::text FROM "User" WHERE email = $1) ORDER BY seq DESC LIMIT 1`,
    [DEMO.support],
  );
  expect(event?.actor).toBe(DEMO.admin);
  await user.context.close();
});

test("an account is locked after 10 failed sign-ins, even for the right user; an admin unlocks it", async ({
  page,
  sql,
}) => {
  // A user of our own, inactive while the attempts fail (the demo sign-in's only failure for a known account).
  const email = `locked-${Date.now()}@demo.local`;
  const [user] = await sql<{ id: string }>(
    `INSERT INTO "User" (id, email, name, roles, active, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'Locked Out', '{FINANCE}', false, now()) RETURNING id::text`,
    [email],
  );
  await page.context().clearCookies();
  for (let i = 0; i < 10; i++) expect(await demoSignIn(page.request, user!.id)).toContain("error=CredentialsSignin");
  const [lock] = await sql<{ outcome: string; reason: string }>(
    `SELECT outcome, reason FROM "AuditEvent" WHERE action = 'auth.sign-in-locked' AND "targetId" = $1`,
    [email],
  );
  expect(lock).toEqual({ outcome: "REFUSED", reason: "10 failed sign-ins" });

  // Now active, the right user still cannot sign in while the lock lasts.
  await sql(`UPDATE "User" SET active = true WHERE id = $1`, [user!.id]);
  expect(await demoSignIn(page.request, user!.id)).toContain("error=AccountLocked");
  await page.goto("/signin?error=AccountLocked");
  await expect(page.locator("main p[role=alert]")).toContainText("locked for 30 minutes");
  const [refusal] = await sql<{ reason: string }>(
    `SELECT reason FROM "AuditEvent" WHERE action = 'auth.sign-in' AND "actorEmail" = $1 ORDER BY seq DESC LIMIT 1`,
    [email],
  );
  expect(refusal?.reason).toBe("account locked after repeated failed sign-ins");

  await signInAs(page, "admin", "/admin/users");
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row.getByTestId("sign-in-locked")).toBeVisible();
  await row.getByRole("button", { name: "Unlock sign-in" }).click();
  await expect(row.getByRole("status")).toContainText("Unlocked");
  const [unlock] = await sql<{ actor: string; reason: string }>(
    `SELECT "actorEmail" AS actor, reason FROM "AuditEvent" WHERE action = 'auth.sign-in-unlocked' AND "targetId" = $1`,
    [email],
  );
  expect(unlock).toEqual({ actor: DEMO.admin, reason: "admin" });
  await page.context().clearCookies();
  expect(await demoSignIn(page.request, user!.id)).not.toContain("error=");
  // Its failures also counted against this address, which the rest of the suite signs in from.
  await sql(`DELETE FROM "SignInThrottle" WHERE key LIKE 'address:%'`);
});

test("an address with 30 failed sign-ins is throttled, whichever accounts it tried", async ({ page, sql }) => {
  await page.context().clearCookies();
  // Earlier journeys' failures from this address (the browser's) must not count here.
  await sql(`DELETE FROM "SignInThrottle" WHERE key LIKE 'address:%'`);
  try {
    for (let i = 0; i < 30; i++) {
      // Unknown users: nothing to lock but the address.
      expect(await demoSignIn(page.request, `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`)).toContain(
        "error=CredentialsSignin",
      );
    }
    const [finance] = await sql<{ id: string }>(`SELECT id::text FROM "User" WHERE email = $1`, [DEMO.finance]);
    expect(await demoSignIn(page.request, finance!.id)).toContain("error=TooManyAttempts");
    const [lock] = await sql<{ type: string; address: string }>(
      `SELECT "targetType" AS type, "targetId" AS address FROM "AuditEvent"
       WHERE action = 'auth.sign-in-locked' ORDER BY seq DESC LIMIT 1`,
    );
    expect(lock?.type).toBe("sign-in-address");
    expect(["127.0.0.1", "::1"]).toContain(lock?.address);
  } finally {
    // The rest of the suite signs in from this address.
    await sql(`DELETE FROM "SignInThrottle" WHERE key LIKE 'address:%'`);
  }
});

test("single sign-on is refused for a locked account too", async ({ page, sql }) => {
  await sql(
    `INSERT INTO "SignInThrottle" (key, failures, "lockedAt", "lockedUntil", "unlockRecorded")
     VALUES ('account:sso.manager@corp.example', 0, now(), now() + interval '30 minutes', false)
     ON CONFLICT (key) DO UPDATE SET "lockedUntil" = now() + interval '30 minutes', "unlockRecorded" = false`,
  );
  try {
    await page.context().clearCookies();
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
    await page.locator('input[name="login"]').fill("sso.manager");
    await page.locator('input[name="password"]').fill("any");
    await page.getByRole("button", { name: /sign-?in/i }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/signin\?error=AccountLocked/);
    await expect(page.locator("main p[role=alert]")).toContainText("locked");
  } finally {
    await sql(`DELETE FROM "SignInThrottle" WHERE key = 'account:sso.manager@corp.example'`);
  }
});
