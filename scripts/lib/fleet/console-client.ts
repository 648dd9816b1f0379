// A browser's worth of HTTP for the fleet check: a cookie jar, next-auth's demo sign-in and
// sign-out as the sign-in page and the user menu post them, page loads, and server actions posted
// the way React's client posts them (`Next-Action` header, the arguments as a JSON array, an RSC
// stream back). Every request names the console's public origin, as a browser behind the load
// balancer would, whichever instance receives it.

export interface ActionOutcome {
  /** HTTP status of the POST (200 when the action ran, whatever its result). */
  status: number;
  /** The action's typed result ({ ok, data } or { ok: false, code, message }); null when there was none. */
  result: { ok: boolean; code?: string; data?: unknown; message?: string } | null;
  /** The build id the answering instance put in its RSC stream. */
  buildId: string | null;
  text: string;
}

export class ConsoleClient {
  private readonly jar = new Map<string, string>();

  constructor(
    /** The public origin (NEXTAUTH_URL): every request's Origin, as a browser on the console sends it. */
    readonly origin: string,
  ) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  hasSessionCookie(): boolean {
    return [...this.jar.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async get(instance: string, path: string): Promise<Response> {
    const response = await fetch(`${instance}${path}`, {
      redirect: "manual",
      headers: { Cookie: this.cookieHeader() },
    });
    this.keep(response);
    return response;
  }

  private async csrfToken(instance: string): Promise<string> {
    const response = await this.get(instance, "/api/auth/csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  private async postForm(instance: string, path: string, form: Record<string, string>): Promise<Response> {
    const response = await fetch(`${instance}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: this.cookieHeader(),
        Origin: this.origin,
      },
      body: new URLSearchParams(form),
    });
    this.keep(response);
    return response;
  }

  /** The demo sign-in's button: next-auth's credentials callback on `instance`. */
  async signIn(instance: string, userId: string) {
    const csrfToken = await this.csrfToken(instance);
    const response = await this.postForm(instance, "/api/auth/callback/demo", {
      csrfToken,
      userId,
      callbackUrl: `${this.origin}/`,
      json: "true",
    });
    if (!this.hasSessionCookie()) throw new Error(`demo sign-in on ${instance} failed (${response.status})`);
  }

  /** The user menu's "Sign out": next-auth's sign-out endpoint on `instance`. */
  async signOut(instance: string): Promise<number> {
    const csrfToken = await this.csrfToken(instance);
    const response = await this.postForm(instance, "/api/auth/signout", {
      csrfToken,
      callbackUrl: `${this.origin}/signin`,
      json: "true",
    });
    return response.status;
  }

  /** Forgets the cookies (a browser whose cookies were cleared). */
  clear() {
    this.jar.clear();
  }

  /** Sets a cookie as another browser holding the same session would send it. */
  copyCookiesFrom(other: ConsoleClient) {
    for (const [k, v] of other.jar) this.jar.set(k, v);
  }

  /** Posts a server action from the page at `path` as the browser does; `args` are the action's arguments. */
  async action(instance: string, path: string, actionId: string, args: unknown[]): Promise<ActionOutcome> {
    const response = await fetch(`${instance}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Next-Action": actionId,
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
        Cookie: this.cookieHeader(),
        Origin: this.origin,
      },
      body: JSON.stringify(args),
    });
    this.keep(response);
    const text = await response.text();
    return { status: response.status, text, ...parseActionStream(text) };
  }
}

/**
 * The action's result and the build id from an RSC stream: rows `<hex id>:<json>`; row 0 names the
 * build (`b`) and points at the row holding the result (`a`: "$@<hex id>").
 */
export function parseActionStream(text: string): Pick<ActionOutcome, "result" | "buildId"> {
  const rows = new Map<string, unknown>();
  for (const line of text.split("\n")) {
    const [, id, json] = /^([0-9a-f]+):(.*)$/.exec(line) ?? [];
    if (id === undefined || json === undefined) continue;
    try {
      rows.set(id, JSON.parse(json));
    } catch {
      // Rows of other types (text chunks, hints) are not JSON; the result row always is.
    }
  }
  const head = rows.get("0") as { a?: unknown; b?: unknown } | undefined;
  const buildId = typeof head?.b === "string" ? head.b : null;
  const ref = typeof head?.a === "string" && head.a.startsWith("$@") ? head.a.slice(2) : null;
  const value = ref ? rows.get(ref) : head?.a;
  const result = value as ActionOutcome["result"] | undefined;
  return { result: result && typeof result === "object" && "ok" in result ? result : null, buildId };
}
