// The audit trail against the people who could bend it: a server action called without a
// session, or with a forged or stale session cookie, is refused and recorded with its reason and
// Origin; the audit chain's head is checkpointed outside the database (npm run audit:checkpoint,
// as the scheduled job does every hour) and the admin page shows the last checkpoint and whether
// the database still matches it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { baseURL, services } from "../playwright.config";
import { captureServerAction, DEMO, expect, test } from "./fixtures";

const run = promisify(execFile);

test("a server action without a valid session is refused, and recorded with reason and origin", async ({
  page,
  playwright,
  signInAs,
  sql,
}) => {
  // The admin's real call gives us the action id and a well-formed body.
  await signInAs("admin", "/admin/users");
  const row = page.getByTestId(`user-row-${DEMO.finance2}`);
  const action = await captureServerAction(page, () => row.getByRole("button", { name: "Save" }).click());
  await expect(row.getByRole("status")).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  if (!cookie) throw new Error("no session cookie after signing in");

  // A client of its own (no cookie jar), marked so that its events are found.
  const agent = `audit-trail-e2e/${Date.now()}`;
  const client = await playwright.request.newContext({ baseURL });
  const call = (token: string | null) =>
    client.post(action.url, {
      headers: {
        "Next-Action": action.id,
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
        Origin: baseURL,
        ...(token === null ? {} : { Cookie: `next-auth.session-token=${token}` }),
        "User-Agent": agent,
      },
      data: action.body,
      maxRedirects: 0,
    });
  const noSession = await call(null);
  expect(await noSession.text()).toContain('"code":"UNAUTHENTICATED"');
  // The real token with its last characters changed: it no longer decrypts.
  const forged = `${cookie.value.slice(0, -6)}${cookie.value.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
  const forgedAnswer = await call(forged);
  expect(await forgedAnswer.text()).toContain('"code":"UNAUTHENTICATED"');

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const staleAnswer = await call(cookie.value);
  expect(await staleAnswer.text()).toContain('"code":"UNAUTHENTICATED"');
  await client.dispose();

  const events = await sql<{ reason: string; outcome: string; target: string; origin: string; by: string }>(
    `SELECT reason, outcome::text, "targetId" AS target, metadata ->> 'origin' AS origin, metadata ->> 'refusedBy' AS by
     FROM "AuditEvent" WHERE action = 'request.refused' AND "userAgent" = $1 ORDER BY seq`,
    [agent],
  );
  const refused = (reason: string) => ({
    reason,
    outcome: "REFUSED",
    target: "admin.users",
    origin: baseURL,
    by: "action",
  });
  expect(events).toEqual([refused("no-session"), refused("invalid-session-token"), refused("session-ended")]);
});

test("the admin page shows the last audit checkpoint, posted outside the database", async ({ page, signInAs }) => {
  const { stdout } = await run("npx", ["tsx", "scripts/audit-checkpoint.ts"], {
    env: { ...process.env, DOCUMENTS_BASE_URL: services.documents.url, DOCUMENTS_TOKEN: services.documents.token },
  });
  const seq = /event #(\d+)/.exec(stdout)?.[1];
  expect(stdout, stdout).toMatch(/audit checkpoint: (posted|event #\d+ is already checkpointed)/);

  await signInAs("admin", "/admin");
  const status = page.getByTestId("checkpoint-status");
  await expect(status).toHaveAttribute("data-state", "matches");
  await expect(status).toContainText("Matches the database");
  // The page shows the latest checkpoint: this one, or a later one a release posted meanwhile.
  const shown = Number((await status.getByTestId("checkpoint-seq").textContent())?.match(/#(\d+)/)?.[1]);
  expect(shown).toBeGreaterThanOrEqual(Number(seq));
});
