// What the console knows about who sent a request: the client's address (lib/net), its user
// agent, and the source it names for a mutation (lib/http/origin-check). One reader for
// proxy.ts, the data access layer, sign-in and the action wrapper, so they all agree.
//
// The socket's address: Next.js 16 hands neither proxy.ts nor route handlers the socket (no
// request.ip), and it fills X-Forwarded-For with the socket's address only when the client sent
// none, so a client's own X-Forwarded-For hides the socket entirely. The console's HTTP server
// (scripts/serve.ts) therefore writes the socket's address into a header whose name is drawn at
// random when it starts and passed here in CONSOLE_PEER_HEADER; the server overwrites it on
// every request, and no client can guess it. Served any other way (`next start` directly),
// the socket is unknown and no address is recorded rather than a forged one.
import type { BlockList } from "node:net";
import { env } from "@/lib/env";
import { clientAddress, parseAddressRanges } from "@/lib/net/client-address";
import { allowedOriginsFrom, checkOrigin, type AllowedOrigins, type OriginVerdict } from "./origin-check";

export const PEER_HEADER_VARIABLE = "CONSOLE_PEER_HEADER";
export const PEER_HEADER_PATTERN = /^x-peer-[0-9a-f]{32}$/;

interface HeaderSource {
  get(name: string): string | null;
}

let trusted: BlockList | null = null;
let allowed: AllowedOrigins | null = null;

function trustedProxies(): BlockList {
  trusted ??= parseAddressRanges(env.TRUSTED_PROXIES).list;
  return trusted;
}

export function consoleAllowedOrigins(): AllowedOrigins {
  allowed ??= allowedOriginsFrom({
    consoleUrl: env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    extra: env.ALLOWED_ORIGINS,
  });
  return allowed;
}

/** The header the console's server writes the socket's address into (null: not served by it). */
export function peerHeaderName(): string | null {
  // Read at run time: the name is drawn when the server starts, never at build.
  const name = process.env[PEER_HEADER_VARIABLE];
  return name && PEER_HEADER_PATTERN.test(name) ? name : null;
}

export interface RequestClient {
  ip: string | null;
  userAgent: string | null;
}

/** The client's address (TRUSTED_PROXIES applied) and user agent, for audit events and sessions. */
export function requestClient(headers: HeaderSource): RequestClient {
  const peerHeader = peerHeaderName();
  const ip = peerHeader
    ? clientAddress({ peer: headers.get(peerHeader), forwardedFor: headers.get("x-forwarded-for") }, trustedProxies())
    : null;
  return { ip, userAgent: headers.get("user-agent")?.slice(0, 400) ?? null };
}

/** Whether a request with this method and these headers may change anything. */
export function requestOriginVerdict(method: string, headers: HeaderSource): OriginVerdict {
  return checkOrigin(
    { method, origin: headers.get("origin"), secFetchSite: headers.get("sec-fetch-site") },
    consoleAllowedOrigins(),
  );
}
