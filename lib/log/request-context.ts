// The request in hand, for any server code below the console's HTTP server: its id (sent on to
// the CRM and the document service and written into delivery audit events) and, once the
// session is checked, the actor. One AsyncLocalStorage on globalThis, shared by the custom
// server (scripts/serve.ts) and the code Next bundles.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { BlockList } from "node:net";
import { inRanges, normalizeAddress } from "../net/ip-ranges.js";

export type RequestContext = { requestId: string; actorId?: string };

const KEY = Symbol.for("billing-console.request-context");
const store = globalThis as unknown as { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = store[KEY] ?? new AsyncLocalStorage<RequestContext>();
store[KEY] = storage;

export function runWithRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Records who the request acts for (called once the session is checked). */
export function noteActor(actorId: string) {
  const context = storage.getStore();
  if (context) context.actorId = actorId;
}

const VALID_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function newRequestId(): string {
  return randomUUID();
}

/**
 * The request id to use: the incoming X-Request-Id when the peer is a trusted proxy and the id
 * is well formed (letters, digits and `._:-`, 8 to 128 characters), else a new one.
 */
export function chooseRequestId(incoming: string | string[] | undefined, peerTrusted: boolean): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return peerTrusted && value !== undefined && VALID_ID.test(value) ? value : newRequestId();
}

/**
 * Whether the peer may name the request id: its address is in TRUSTED_PROXIES (the same
 * ranges whose X-Forwarded-For is believed, lib/net; unset: nobody).
 */
export function peerMayNameRequestId(peer: string | undefined, trusted: BlockList): boolean {
  const address = normalizeAddress(peer ?? null);
  return address !== null && inRanges(trusted, address);
}
