// A small server kit shared by the local CRM and document services: bearer auth, idempotency
// keys, fault injection, a JSON-lines journal and admin endpoints. node:http only, so the
// services behave like plain HTTP peers of the console (no framework magic in between).
import { createHash, timingSafeEqual } from "node:crypto";
import { errorFields, logFor } from "../../lib/log/logger";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH";

export type Faults = {
  /** Delay before handling every non-admin request. */
  latencyMs: number;
  /** Share of writes answered 503. */
  errorRate: number;
  /** Share of writes that never answer (socket destroyed after HANG_MS). */
  timeoutRate: number;
  /** Share of non-admin requests answered 429 with Retry-After: 1. */
  rateLimitRate: number;
  /** Of injected 503s/timeouts, the share that happen after the write was applied. */
  afterWriteShare: number;
  /** false simulates a service that ignores Idempotency-Key entirely. */
  honourIdempotencyKeys: boolean;
};

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  rateLimitRate: 0,
  afterWriteShare: 0,
  honourIdempotencyKeys: true,
};

/** How long an injected timeout holds the socket before destroying it. */
export const HANG_MS = 30_000;
const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Routes every service has besides its own (health and local-only admin endpoints). */
export const KIT_ROUTES: readonly { method: HttpMethod; path: string; admin: boolean }[] = [
  { method: "GET", path: "/health", admin: false },
  { method: "GET", path: "/_admin/stats", admin: true },
  { method: "GET", path: "/_admin/faults", admin: true },
  { method: "POST", path: "/_admin/faults", admin: true },
  { method: "POST", path: "/_admin/reset", admin: true },
];

export type RouteContext<S> = {
  state: S;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when the request had none). */
  body: unknown;
  /** Base URL under which the service is reachable (for links in answers). */
  publicUrl: string;
};

/** A path parameter of the matched route; a name missing from the route's template is a bug (500). */
export function pathParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined) throw new Error(`route has no {${name}} parameter`);
  return value;
}

export type RouteResult<E> = {
  status: number;
  json?: unknown;
  /** Non-JSON answers (downloads); never used for writes, so never stored as a replay. */
  raw?: { contentType: string; data: Buffer };
  headers?: Record<string, string>;
  /** Journal events to persist and apply (only when the request succeeds). */
  events?: E[];
};

export type Route<S, E> = {
  method: HttpMethod;
  /** OpenAPI-style template, e.g. /invoices/{id}. */
  path: string;
  handler: (ctx: RouteContext<S>) => RouteResult<E> | Promise<RouteResult<E>>;
};

export type ServiceDefinition<S, E> = {
  /** Short name: journal file name and stats label. */
  name: string;
  /** The bearer token accepted; a function is asked on every request (a token read from a file). */
  token: string | (() => string);
  dataDir: string;
  port: number;
  host?: string;
  /** Defaults to the listening URL. */
  publicUrl?: string;
  initialState: () => S;
  apply: (state: S, event: E) => void;
  routes: Route<S, E>[];
  stats: (state: S) => Record<string, unknown>;
  faults?: Partial<Faults>;
  /** Extra cleanup on POST /_admin/reset (e.g. stored files). */
  onReset?: () => void;
};

export type RunningService<S> = {
  server: Server;
  url: string;
  port: number;
  state: () => S;
  faults: () => Faults;
  close: () => Promise<void>;
};

export const json = <E = never>(status: number, body: unknown, headers?: Record<string, string>): RouteResult<E> => ({
  status,
  json: body,
  headers,
});
export const jsonError = <E = never>(status: number, error: string, extra?: Record<string, unknown>): RouteResult<E> =>
  json(status, { error, ...extra });

type StoredResponse = { hash: string; status: number; body: unknown; headers?: Record<string, string> };
type JournalLine<E> = { type: "event"; event: E } | ({ type: "idempotency"; key: string } & StoredResponse);

type Counters = {
  total: number;
  writes: number;
  replayed: number;
  byStatus: Record<string, number>;
  injected: { errors: number; timeouts: number; rateLimited: number; afterWrite: number };
};

const newCounters = (): Counters => ({
  total: 0,
  writes: 0,
  replayed: 0,
  byStatus: {},
  injected: { errors: 0, timeouts: 0, rateLimited: 0, afterWrite: 0 },
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads `<PREFIX>_LATENCY_MS` etc.; unset variables keep the defaults. */
export function faultsFromEnv(prefix: string, env: Record<string, string | undefined> = process.env): Faults {
  const num = (name: string, max: number) => {
    const raw = env[`${prefix}_${name}`];
    if (raw === undefined || raw.trim() === "") return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > max) {
      throw new Error(`${prefix}_${name} must be a number between 0 and ${max}, got "${raw}"`);
    }
    return value;
  };
  const honourRaw = env[`${prefix}_HONOUR_IDEMPOTENCY_KEYS`]?.trim().toLowerCase();
  if (honourRaw && !["true", "false", "1", "0"].includes(honourRaw)) {
    throw new Error(`${prefix}_HONOUR_IDEMPOTENCY_KEYS must be true or false, got "${honourRaw}"`);
  }
  return {
    latencyMs: num("LATENCY_MS", Number.MAX_SAFE_INTEGER) ?? NO_FAULTS.latencyMs,
    errorRate: num("ERROR_RATE", 1) ?? NO_FAULTS.errorRate,
    timeoutRate: num("TIMEOUT_RATE", 1) ?? NO_FAULTS.timeoutRate,
    rateLimitRate: num("RATE_LIMIT_RATE", 1) ?? NO_FAULTS.rateLimitRate,
    afterWriteShare: num("AFTER_WRITE_SHARE", 1) ?? NO_FAULTS.afterWriteShare,
    honourIdempotencyKeys: honourRaw ? honourRaw === "true" || honourRaw === "1" : NO_FAULTS.honourIdempotencyKeys,
  };
}

/** Validates a (partial) faults object from POST /_admin/faults. */
function parseFaultsPatch(body: unknown): Partial<Faults> {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(400, "expected a JSON object");
  const patch: Partial<Faults> = {};
  const input = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    if (key === "honourIdempotencyKeys") {
      if (typeof value !== "boolean") throw new HttpError(400, `${key} must be a boolean`);
      patch.honourIdempotencyKeys = value;
    } else if (key === "latencyMs") {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
        throw new HttpError(400, `${key} must be >= 0`);
      patch.latencyMs = value;
    } else if (key === "errorRate" || key === "timeoutRate" || key === "rateLimitRate" || key === "afterWriteShare") {
      if (typeof value !== "number" || !(value >= 0 && value <= 1))
        throw new HttpError(400, `${key} must be between 0 and 1`);
      patch[key] = value;
    } else {
      throw new HttpError(400, `unknown fault setting ${key}`);
    }
  }
  return patch;
}

function compileTemplate(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split("/")
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name) {
        names.push(name);
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { regex: new RegExp(`^${source}$`), names };
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1];
  if (!presented) return false;
  // Compare digests so the comparison is constant-time regardless of length.
  return timingSafeEqual(
    createHash("sha256").update(presented.trim()).digest(),
    createHash("sha256").update(token).digest(),
  );
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export async function createService<S, E>(def: ServiceDefinition<S, E>): Promise<RunningService<S>> {
  const host = def.host ?? "127.0.0.1";
  let faults: Faults = { ...NO_FAULTS, ...def.faults };
  let counters = newCounters();
  let state = def.initialState();
  let idempotency = new Map<string, StoredResponse>();
  const keyLocks = new Map<string, Promise<void>>();
  const hangTimers = new Set<NodeJS.Timeout>();
  const closing = new AbortController();
  const routes = def.routes.map((route) => ({ ...route, ...compileTemplate(route.path) }));

  // Journal: replay on start so a restarted service keeps its records and keys.
  mkdirSync(def.dataDir, { recursive: true });
  const journalPath = path.join(def.dataDir, `${def.name}.journal.jsonl`);
  if (existsSync(journalPath)) {
    const lines = readFileSync(journalPath, "utf8").split("\n");
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      let entry: JournalLine<E>;
      try {
        entry = JSON.parse(line) as JournalLine<E>;
      } catch (error) {
        // A torn last line (crash mid-append) is skipped; corruption elsewhere is fatal.
        if (lines.slice(index + 1).every((rest) => !rest.trim())) return;
        throw new Error(`${journalPath}:${index + 1}: unreadable journal line`, { cause: error });
      }
      if (entry.type === "event") def.apply(state, entry.event);
      else
        idempotency.set(entry.key, {
          hash: entry.hash,
          status: entry.status,
          body: entry.body,
          headers: entry.headers,
        });
    });
  }

  /** Persist first, then apply: what the client saw as applied survives a restart. */
  function commit(events: E[], remember?: { key: string } & StoredResponse) {
    const lines: JournalLine<E>[] = events.map((event) => ({ type: "event", event }));
    if (remember) lines.push({ type: "idempotency", ...remember });
    if (lines.length === 0) return;
    appendFileSync(journalPath, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    for (const event of events) def.apply(state, event);
    if (remember)
      idempotency.set(remember.key, {
        hash: remember.hash,
        status: remember.status,
        body: remember.body,
        headers: remember.headers,
      });
  }

  /** Serialize work per idempotency key so concurrent duplicates never both execute. */
  async function withKeyLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = keyLocks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    keyLocks.set(key, current);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (keyLocks.get(key) === current) keyLocks.delete(key);
    }
  }

  let publicUrl = def.publicUrl ?? "";

  function send(response: ServerResponse, result: RouteResult<E>, counted = true) {
    if (counted) counters.byStatus[result.status] = (counters.byStatus[result.status] ?? 0) + 1;
    if (response.headersSent || response.destroyed) return;
    const headers: Record<string, string> = { ...result.headers };
    let payload: Buffer;
    if (result.raw) {
      headers["content-type"] = result.raw.contentType;
      payload = result.raw.data;
    } else {
      headers["content-type"] = "application/json; charset=utf-8";
      payload = Buffer.from(result.json === undefined ? "" : JSON.stringify(result.json));
    }
    headers["content-length"] = String(payload.length);
    response.writeHead(result.status, headers);
    response.end(payload);
  }

  function hang(request: IncomingMessage) {
    // Never answer; drop the socket eventually so nothing leaks.
    const timer = setTimeout(() => {
      hangTimers.delete(timer);
      request.socket.destroy();
    }, HANG_MS);
    hangTimers.add(timer);
    request.socket.once("close", () => {
      clearTimeout(timer);
      hangTimers.delete(timer);
    });
  }

  async function handleAdmin(method: string, pathname: string, body: unknown): Promise<RouteResult<E>> {
    if (pathname === "/_admin/stats" && method === "GET") {
      return json(200, { service: def.name, ...def.stats(state), requests: structuredClone(counters), faults });
    }
    if (pathname === "/_admin/faults" && method === "GET") return json(200, faults);
    if (pathname === "/_admin/faults" && method === "POST") {
      faults = { ...faults, ...parseFaultsPatch(body ?? {}) };
      return json(200, faults);
    }
    if (pathname === "/_admin/reset" && method === "POST") {
      state = def.initialState();
      idempotency = new Map();
      counters = newCounters();
      writeFileSync(journalPath, "");
      def.onReset?.();
      return json(200, { reset: true });
    }
    return jsonError(404, `no route ${method} ${pathname}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const method = (request.method ?? "GET").toUpperCase();
    const url = new URL(request.url ?? "/", "http://localhost");
    const pathname = url.pathname;
    const isAdmin = pathname.startsWith("/_admin/");
    const isWrite = method === "POST" || method === "PUT" || method === "PATCH";

    if (!isAdmin) {
      counters.total += 1;
      if (isWrite) counters.writes += 1;
      if (faults.latencyMs > 0) await sleep(faults.latencyMs, undefined, { signal: closing.signal });
    }

    if (pathname === "/health" && method === "GET")
      return send(response, json(200, { status: "ok", service: def.name }));

    if (!tokenMatches(request.headers.authorization, typeof def.token === "function" ? def.token() : def.token)) {
      const denied = {
        ...jsonError<E>(401, "missing or invalid bearer token"),
        headers: { "www-authenticate": "Bearer" },
      };
      return send(response, denied, !isAdmin);
    }

    const rawBody = await readBody(request);
    let body: unknown;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody.toString("utf8"));
      } catch {
        throw new HttpError(400, "invalid JSON body");
      }
    }

    if (isAdmin) return send(response, await handleAdmin(method, pathname, body), false);

    if (Math.random() < faults.rateLimitRate) {
      counters.injected.rateLimited += 1;
      return send(response, { ...jsonError(429, "Too many requests"), headers: { "retry-after": "1" } });
    }

    let matched: { route: (typeof routes)[number]; params: Record<string, string> } | undefined;
    let pathKnown = false;
    for (const route of routes) {
      const match = route.regex.exec(pathname);
      if (!match) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      for (const [i, name] of route.names.entries()) {
        const value = match[i + 1];
        if (value !== undefined) params[name] = decodeURIComponent(value);
      }
      matched = { route, params };
      break;
    }
    if (!matched) return send(response, jsonError(pathKnown ? 405 : 404, `no route ${method} ${pathname}`));

    const ctx: RouteContext<S> = { state, params: matched.params, query: url.searchParams, body, publicUrl };
    const route = matched.route;

    if (!isWrite) return send(response, await route.handler(ctx));

    const key = request.headers["idempotency-key"];
    const honour = faults.honourIdempotencyKeys;
    if (honour && (typeof key !== "string" || key.trim() === "")) {
      return send(response, jsonError(400, "Idempotency-Key header is required on writes"));
    }

    // Decide the injected failure up front; "after write" ones still execute the write.
    let injected: "error" | "timeout" | null = null;
    if (Math.random() < faults.errorRate) injected = "error";
    else if (Math.random() < faults.timeoutRate) injected = "timeout";
    const afterWrite = injected !== null && Math.random() < faults.afterWriteShare;

    const execute = async (): Promise<{ result: RouteResult<E>; replayed: boolean }> => {
      if (!honour) {
        const result = await route.handler(ctx);
        if (result.status < 400) commit(result.events ?? []);
        return { result, replayed: false };
      }
      const idempotencyKey = key as string;
      const hash = createHash("sha256")
        .update(`${method} ${url.pathname}${url.search}\n`)
        .update(rawBody)
        .digest("hex");
      return withKeyLock(idempotencyKey, async () => {
        const stored = idempotency.get(idempotencyKey);
        if (stored) {
          if (stored.hash !== hash)
            return { result: jsonError(422, "idempotency key reused with a different request"), replayed: false };
          return {
            result: {
              status: stored.status,
              json: stored.body,
              headers: { ...stored.headers, "idempotent-replayed": "true" },
            },
            replayed: true,
          };
        }
        // The handler reads the current state; the lock plus synchronous commit keep it consistent.
        const result = await route.handler({ ...ctx, state });
        // Only successes are remembered, so a failed attempt can be retried with the same key.
        if (result.status < 400) {
          commit(result.events ?? [], {
            key: idempotencyKey,
            hash,
            status: result.status,
            body: result.json,
            headers: result.headers,
          });
        }
        return { result, replayed: false };
      });
    };

    if (injected && !afterWrite) {
      if (injected === "error") {
        counters.injected.errors += 1;
        return send(response, jsonError(503, "Injected failure"));
      }
      counters.injected.timeouts += 1;
      return hang(request);
    }

    const { result, replayed } = await execute();
    if (replayed) counters.replayed += 1;
    if (injected) {
      counters.injected.afterWrite += 1;
      if (injected === "error") {
        counters.injected.errors += 1;
        return send(response, jsonError(503, "Injected failure"));
      }
      counters.injected.timeouts += 1;
      return hang(request);
    }
    return send(response, result);
  }

  const log = logFor(def.name);
  const server = createServer((request, response) => {
    const started = performance.now();
    // One line per request, joined to the console's by the X-Request-Id it sent.
    response.on("finish", () => {
      const requestId = request.headers["x-request-id"];
      log.info(
        {
          requestId: typeof requestId === "string" ? requestId.slice(0, 128) : null,
          method: request.method,
          path: (request.url ?? "/").split("?")[0],
          status: response.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        },
        "request",
      );
    });
    handle(request, response).catch((error: unknown) => {
      if (closing.signal.aborted) return void request.socket.destroy();
      const counted = !(request.url ?? "").startsWith("/_admin/");
      if (error instanceof HttpError) return send(response, jsonError(error.status, error.message), counted);
      log.error(errorFields(error), "internal error");
      send(response, jsonError(500, "internal error"), counted);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(def.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  const shutDown = async () => {
    closing.abort();
    for (const timer of hangTimers) clearTimeout(timer);
    hangTimers.clear();
    const done = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    server.closeAllConnections();
    await done;
  };
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  if (!publicUrl) publicUrl = url;
  publicUrl = publicUrl.replace(/\/+$/, "");

  return {
    server,
    url,
    port,
    state: () => state,
    faults: () => faults,
    // Idempotent: a second close waits for the first.
    close: () => (closed ??= shutDown()),
  };
}
