// Shared Playwright fixtures: sign in as a demo user by role, and a direct database handle
// for checking what the server recorded (audit events) or moving time (session expiry).
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";

export const DEMO = {
  finance: "finance@demo.local",
  finance2: "finance2@demo.local",
  manager: "manager@demo.local",
  manager2: "manager2@demo.local",
  support: "support@demo.local",
  admin: "admin@demo.local",
  dual: "dual@demo.local",
} as const;
export type DemoRole = keyof typeof DEMO;

export async function signInAs(page: Page, role: DemoRole, next = "/") {
  await page.context().clearCookies();
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByTestId(`demo-user-${DEMO[role]}`).getByRole("button").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await expect(page.getByTestId("user-menu")).toBeVisible();
}

interface Fixtures {
  signInAs: (role: DemoRole, next?: string) => Promise<void>;
  sql: <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]) => Promise<T[]>;
}

export const test = base.extend<Fixtures>({
  signInAs: async ({ page }, use) => {
    await use((role, next) => signInAs(page, role, next));
  },
  // Playwright reads which fixtures a fixture depends on from this object pattern and refuses any
  // other first parameter at run time (a named `_fixtures` fails), so `sql`, needing none, keeps `{}`.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here (see above)
  sql: async ({}, use) => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await use(async (text, params) => (await client.query(text, params as unknown[])).rows);
    await client.end();
  },
});

export { expect };

/** Finds the id of a server action by watching the browser post it once. */
export async function captureServerAction(page: Page, trigger: () => Promise<void>) {
  const request = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await trigger();
  const r = await request;
  return {
    id: r.headers()["next-action"]!,
    url: r.url(),
    body: r.postData() ?? "[]",
    routerState: r.headers()["next-router-state-tree"],
  };
}
