// Who is on the other end of a request. The socket's address is the only fact; X-Forwarded-For
// is a claim, believed only hop by hop from proxies listed in TRUSTED_PROXIES. Walking the
// chain from the right (the hop nearest the console), each address added by a trusted proxy
// is taken, until the first one not trusted: that is the client. Everything left of it was
// written by the client itself and is ignored, so nobody can put an address of their choosing
// into the audit log.
import type { BlockList } from "node:net";
import { inRanges, normalizeAddress } from "./ip-ranges.js";

export { normalizeAddress, parseAddressRanges } from "./ip-ranges.js";

export interface AddressFacts {
  /** The TCP peer, as the console's HTTP server saw it; null when unknown. */
  peer: string | null | undefined;
  /** The X-Forwarded-For header(s) as received, comma-joined. */
  forwardedFor: string | null | undefined;
}

/** The client's address, or null when not even the peer is known. */
export function clientAddress({ peer, forwardedFor }: AddressFacts, trusted: BlockList): string | null {
  let current = normalizeAddress(peer);
  if (current === null) return null;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  while (inRanges(trusted, current)) {
    const next = hops.pop();
    if (next === undefined) return current;
    const address = normalizeAddress(next);
    // A trusted proxy passed on something that is not an address: it is the last hop we know.
    if (address === null) return current;
    current = address;
  }
  return current;
}
