// The console's HTTP server: Next.js's request handler behind a plain node:http server, so the
// socket's address reaches the application. Next.js 16 exposes no request.ip, and it fills
// X-Forwarded-For with the socket's address only when the client sent none, so a client could
// otherwise choose the address the audit log records. Here every request gets the socket's
// address in a header whose name is drawn at random at start (CONSOLE_PEER_HEADER, read by
// lib/http/request-facts.ts), overwriting whatever the client sent; X-Forwarded-For is then
// believed only from TRUSTED_PROXIES. Used by `npm start` and the end-to-end tests.
//   tsx scripts/serve.ts [--dev] [-p PORT]
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import next from "next";
import { PEER_HEADER_PATTERN, PEER_HEADER_VARIABLE } from "../lib/http/request-facts";

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

const server = createServer((req, res) => {
  req.headers[peerHeader] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.on("upgrade", (req, socket, head) => {
  req.headers[peerHeader] = req.socket.remoteAddress ?? "";
  void upgrade(req, socket, head);
});
server.listen(port, () => console.log(`[serve] ${dev ? "development" : "production"} server on port ${port}`));

function stop() {
  server.close(() => process.exit(0));
  // Keep-alive connections must not hold the process open.
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
