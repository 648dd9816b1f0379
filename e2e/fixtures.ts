// Shared Playwright fixtures: sign in as a demo user by role, and a direct database handle
// for checking what the server recorded (audit events) or moving time (session expiry).
import { appendFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { claimDrafts, type DraftNeeds } from "./support/claims";

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

/** Signs in as the demo user through the sign-in page's button, as a person does. */
export async function signInThroughPage(page: Page, role: DemoRole, next = "/") {
  await page.context().clearCookies();
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByTestId(`demo-user-${DEMO[role]}`).getByRole("button").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await signedIn(page);
}

/**
 * Signs in as the demo user and opens `next`, without drawing the sign-in page: the two requests
 * its button makes (next-auth's CSRF token, then the demo provider's callback) go from the page's
 * own cookie jar. The journeys sign in over a hundred times, and each sign-in page the browser
 * drew cost a second of CPU; the page itself is walked by the sign-in journeys
 * (signInThroughPage in e2e/foundation.spec.ts).
 */
export async function signInAs(page: Page, role: DemoRole, next = "/") {
  await page.context().clearCookies();
  const request = page.context().request;
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await request.post("/api/auth/callback/demo", {
    // As the browser sends it: the console refuses a POST from another origin, or from none.
    headers: { origin: new URL(csrf.url()).origin },
    form: { userId: await demoUserId(role), csrfToken, callbackUrl: next, json: "true" },
  });
  const { url } = (await callback.json()) as { url?: string };
  // next-auth answers 200 with the page to go to, the sign-in page with ?error= when refused.
  if (!callback.ok() || !url || new URL(url, "http://console").searchParams.has("error"))
    throw new Error(`demo sign-in as ${role} refused: ${callback.status()} ${url ?? ""}`);
  await page.goto(next);
  await signedIn(page);
}

/** Checks the console shows the session, and notes its cookie for the log scan. */
async function signedIn(page: Page) {
  await expect(page.getByTestId("user-menu")).toBeVisible();
  // The session cookie's value, for the log scan after the run (scripts/e2e.ts): it must appear in no log.
  const cookies = await page.context().cookies();
  const values = cookies.filter((c) => c.name.includes("session-token")).map((c) => `${c.value}\n`);
  appendFileSync(path.join(process.env.E2E_LOG_DIR ?? ".data/e2e-logs", "cookies.txt"), values.join(""));
}

const demoUserIds = new Map<DemoRole, string>();
/** The demo user's id, which the sign-in page's button posts (read once per worker). */
async function demoUserId(role: DemoRole): Promise<string> {
  const known = demoUserIds.get(role);
  if (known) return known;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id::text FROM "User" WHERE email = $1`, [DEMO[role]]);
    const id = rows[0]?.id;
    if (!id) throw new Error(`no demo user ${DEMO[role]} in the database`);
    demoUserIds.set(role, id);
    return id;
  } finally {
    await client.end();
  }
}

interface Fixtures {
  signInAs: (role: DemoRole, next?: string) => Promise<void>;
  sql: <T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]) => Promise<T[]>;
  /** Claims seed drafts for this journey alone (e2e/support/claims.ts): ids no other journey gets. */
  claimDrafts: (needs: DraftNeeds) => Promise<string[]>;
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
  claimDrafts: async ({ sql }, use, testInfo) => {
    const owner = `${path.basename(testInfo.file)}: ${testInfo.title}`;
    await use((needs) => claimDrafts(sql, owner, needs));
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

/** Today in Japan moved by `days`, as YYYY-MM-DD (release compares due dates with it). */
export function japanDatePlus(days: number): string {
  const japan = new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000);
  return japan.toISOString().slice(0, 10);
}

/**
 * Finance sets the open invoice's due date through its editor. The demo's October invoices fall
 * due from late November, and release refuses a due date before the issue date (today), so the
 * journeys that release one give it a due date after today first.
 */
export async function setDueDate(page: Page, date: string) {
  await page.getByRole("button", { name: "Edit invoice" }).click();
  const editor = page.getByTestId("invoice-editor");
  const field = editor.getByLabel("Due date", { exact: true });
  if ((await field.inputValue()) === date) {
    await editor.getByRole("button", { name: "Cancel" }).click();
    return;
  }
  await field.fill(date);
  await editor.getByRole("button", { name: "Save" }).click();
  const notice = page.getByTestId("edit-notice");
  await expect(notice).toContainText("Saved as version");
  // The save refreshes the page; until it lands, the gate panel still acts on the old version and
  // a submission right away is refused as stale ("The invoice changed since you opened it").
  const version = (await notice.textContent())?.match(/Saved as version (\d+)/)?.[1];
  await expect(page.getByTestId("gate-panel")).toHaveAttribute("data-version", version ?? "?");
}
