// What the environment decides, checked on the same production build started with another
// environment (a second `next start` of the journeys' build, on its own port): the `__Secure-`
// session cookie behind an https NEXTAUTH_URL, demo sign-in refused against a real database
// unless DEMO_SIGN_IN=true, and the health check's 503 when the database does not answer.
import { type ChildProcess, spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

const basePort = Number(process.env.E2E_PORT ?? 3100);

type Server = { url: string; output: () => string; stop: () => Promise<void> };

/** Starts the journeys' build with `env` over the journeys' own environment; resolves once it answers. */
async function startConsole(port: number, env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${output}`);
    const answered = await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    );
    if (answered) return { url, output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** next-auth's CSRF handshake, then a demo sign-in as the seeded finance user, without a browser. */
async function demoSignIn(server: Server, userId: string, origin: string) {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${server.url}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    // As a browser sends it: the console's public origin (NEXTAUTH_URL), which mutations must carry.
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin },
    body: new URLSearchParams({ csrfToken, userId, json: "true" }),
  });
  return {
    status: response.status,
    cookies: response.headers.getSetCookie(),
    csrfCookies: csrf.headers.getSetCookie(),
  };
}

async function financeUserId() {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id FROM "User" WHERE email = 'finance@demo.local'`);
    return rows[0]!.id as string;
  } finally {
    await client.end();
  }
}

test.describe("behind an https NEXTAUTH_URL, against a real database with demo sign-in enabled", () => {
  let server: Server;
  test.beforeAll(async () => {
    const port = basePort + 4;
    server = await startConsole(port, {
      NEXTAUTH_URL: `https://localhost:${port}`,
      EMBEDDED_DATABASE: "false",
      DEMO_SIGN_IN: "true",
    });
  });
  test.afterAll(async () => server?.stop());

  test("the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax", async () => {
    const providers = await (await fetch(`${server.url}/api/auth/providers`)).json();
    expect(Object.keys(providers)).toContain("demo");
    const signIn = await demoSignIn(server, await financeUserId(), `https://localhost:${basePort + 4}`);
    expect(signIn.csrfCookies.join("\n")).toMatch(/^__Host-next-auth\.csrf-token=/m);
    const session = signIn.cookies.find((c) => c.startsWith("__Secure-next-auth.session-token="));
    expect(session, signIn.cookies.join("\n")).toBeDefined();
    const attributes = session!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax"]));
    expect(signIn.cookies.some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
  });
});

test.describe("against a real database that does not answer, DEMO_SIGN_IN unset", () => {
  let server: Server;
  test.beforeAll(async () => {
    const port = basePort + 5;
    // Nothing listens on port 1.
    server = await startConsole(port, {
      NEXTAUTH_URL: `http://localhost:${port}`,
      EMBEDDED_DATABASE: "false",
      DEMO_SIGN_IN: "",
      DATABASE_URL: "postgresql://billing:secret@127.0.0.1:1/billing",
    });
  });
  test.afterAll(async () => server?.stop());

  test("demo sign-in is refused: no demo provider, no session", async () => {
    const providers = await (await fetch(`${server.url}/api/auth/providers`)).json();
    expect(Object.keys(providers)).not.toContain("demo");
    const signIn = await demoSignIn(server, "00000000-0000-4000-8000-000000000000", server.url);
    expect(signIn.cookies.some((c) => /session-token=/.test(c))).toBe(false);
  });

  test("the health check answers 503 with the reason", async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { status: string; db: string; reason: string };
    expect(body).toMatchObject({ status: "error", db: "unavailable" });
    // The driver's words, naming the server it could not reach.
    expect(body.reason).toMatch(/^Can't reach database server at 127\.0\.0\.1:1$/);
  });
});
