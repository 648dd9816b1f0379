// Sessions across the fleet: a session made by signing in on A is honoured by B; signing out on A
// ends it on B, and ends the person's other session, made on B, too (sign-out is everywhere).
import { ConsoleClient } from "./console-client";

export interface SessionFindings {
  checks: Array<{ check: string; ok: boolean; detail: string }>;
  ok: boolean;
}

// A page that reads nothing but the session (the lookup before a search).
const PAGE = "/lookup";

/** Where a page load led: "page" (200), or the redirect's path and query. */
async function landing(client: ConsoleClient, instance: string, path: string): Promise<string> {
  const response = await client.get(instance, path);
  await response.arrayBuffer();
  if (response.status === 200) return "page";
  const location = response.headers.get("location");
  if (!location) return `status ${response.status}`;
  const url = new URL(location, instance);
  return `${url.pathname}${url.search}`;
}

export async function checkSessions(
  origin: string,
  instances: { a: string; b: string },
  userId: string,
): Promise<SessionFindings> {
  const checks: SessionFindings["checks"] = [];
  const expect = (check: string, actual: string, wanted: (v: string) => boolean) =>
    checks.push({ check, ok: wanted(actual), detail: actual });

  const first = new ConsoleClient(origin);
  await first.signIn(instances.a, userId);
  expect("signed in on A: a page on B", await landing(first, instances.b, PAGE), (v) => v === "page");
  expect("signed in on A: a page on A", await landing(first, instances.a, PAGE), (v) => v === "page");
  const second = new ConsoleClient(origin);
  await second.signIn(instances.b, userId);
  expect("second session, made on B: a page on A", await landing(second, instances.a, PAGE), (v) => v === "page");

  // The same cookie as before sign-out, as another tab or a copied cookie would still send it.
  const stale = new ConsoleClient(origin);
  stale.copyCookiesFrom(first);
  const status = await first.signOut(instances.a);
  expect("sign-out on A answered", `status ${status}`, (v) => v === "status 200");
  const expired = (v: string) => v.startsWith("/signin?expired=1");
  expect("after sign-out on A: its session on B", await landing(stale, instances.b, PAGE), expired);
  expect("after sign-out on A: the session made on B, on B", await landing(second, instances.b, PAGE), expired);
  return { checks, ok: checks.every((c) => c.ok) };
}
