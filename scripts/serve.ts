// The console's HTTP server: Next.js's request handler behind a plain node:http server, so the
// socket's address reaches the application. Next.js 16 exposes no request.ip, and it fills
// X-Forwarded-For with the socket's address only when the client sent none, so a client could
// otherwise choose the address the audit log records. Here every request gets the socket's
// address in a header whose name is drawn at random at start (CONSOLE_PEER_HEADER, read by
// lib/http/request-facts.ts), overwriting whatever the client sent; X-Forwarded-For is then
// believed only from TRUSTED_PROXIES. Used by `npm start` and the end-to-end tests.
// Every request also gets an id (an incoming X-Request-Id only from TRUSTED_PROXIES) and one
// JSON log line when its response is done (request id, method, route pattern, status,
// duration, actor id), and its duration goes into the metrics (lib/metrics/registry.ts).
//   tsx scripts/serve.ts [--dev] [-p PORT]
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import next from "next";
import { PEER_HEADER_PATTERN, PEER_HEADER_VARIABLE } from "../lib/http/request-facts";
import { errorFields, logFor } from "../lib/log/logger";
import { chooseRequestId, peerMayNameRequestId, type RequestContext, runWithRequest } from "../lib/log/request-context";
import { routeMatcherFor } from "../lib/log/route-label";
import { metrics } from "../lib/metrics/registry";
import { parseAddressRanges } from "../lib/net/ip-ranges.js";

const log = logFor("http");
const trusted = parseAddressRanges(process.env.TRUSTED_PROXIES).list;

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const portFlag = args.indexOf("-p");
const port = Number(portFlag >= 0 ? args[portFlag + 1] : (process.env.PORT ?? 3000));

const peerHeader = `x-peer-${randomBytes(16).toString("hex")}`;
if (!PEER_HEADER_PATTERN.test(peerHeader)) throw new Error("serve: the peer header's name is malformed");
process.env[PEER_HEADER_VARIABLE] = peerHeader;
process.env.PORT = String(port);

const app = next({ dev, dir: process.cwd(), port, hostname: "localhost" });
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();
const routeOf = routeMatcherFor(process.env.NEXT_DIST_DIR || ".next");

const server = createServer((req, res) => {
  const started = process.hrtime.bigint();
  const peer = req.socket.remoteAddress ?? "";
  req.headers[peerHeader] = peer;
  const context: RequestContext = {
    requestId: chooseRequestId(req.headers["x-request-id"], peerMayNameRequestId(peer, trusted)),
  };
  // Server code reads it from the headers too (next/headers), and the caller gets it back.
  req.headers["x-request-id"] = context.requestId;
  res.setHeader("x-request-id", context.requestId);
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeOf(pathname);
    // 499: the client went away before the response was complete.
    const status = res.writableFinished ? res.statusCode : 499;
    metrics.httpDuration.observe({ method: req.method ?? "GET", route, status: String(status) }, seconds);
    log.info(
      {
        requestId: context.requestId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        actorId: context.actorId ?? null,
      },
      "request",
    );
  };
  res.on("finish", done);
  res.on("close", done);
  runWithRequest(context, () => {
    handle(req, res).catch((error: unknown) => {
      log.error({ requestId: context.requestId, ...errorFields(error) }, "request failed");
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
});
server.on("upgrade", (req, socket, head) => {
  req.headers[peerHeader] = req.socket.remoteAddress ?? "";
  void upgrade(req, socket, head);
});
// Node closes an idle kept-alive connection after 5 s; a client (a load balancer, a browser, the
// e2e runner) that sends on it at that moment gets ECONNRESET. Keep idle connections longer than
// the usual load balancer's 60 s, so the client is the side that closes them; headersTimeout must
// exceed keepAliveTimeout.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => log.info({ port, mode: dev ? "development" : "production" }, "console listening"));

function stop() {
  server.close(() => process.exit(0));
  // Keep-alive connections must not hold the process open.
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
