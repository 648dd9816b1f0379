// Which bucket a refused request's client address counts against (record-refused-request.ts).
// An IPv4 address is its own bucket; an IPv6 address counts by its /64 network, because one
// subscriber is usually given a whole /64 and could otherwise step through it address by address.
// Anything that is not an address shares one bucket, so junk cannot make a new bucket per request.
import { isIPv4 } from "node:net";
import { normalizeAddress } from "../net/ip-ranges.js";

export const UNKNOWN_CLIENT = "unknown";
export const NOT_AN_ADDRESS = "not-an-address";

/** The eight groups of a (normalized) IPv6 address, as numbers; null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  const tail: number[] = [];
  // A trailing dotted IPv4 part (::ffff:192.0.2.1) is two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] && dotted[2]) {
    const bytes = dotted[2].split(".").map(Number);
    tail.push(((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0), ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0));
    text = `${dotted[1]}0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) => (part ? part.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  if (tail.length) (halves.length === 2 ? rest : head).pop();
  const missing = 8 - head.length - rest.length - tail.length;
  if (halves.length === 2 ? missing < 0 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest, ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** The bucket of a client address: "192.0.2.1", "2001:db8:0:1::/64", "unknown" or "not-an-address". */
export function clientKey(ip: string | null | undefined): string {
  if (!ip?.trim()) return UNKNOWN_CLIENT;
  // Brackets, a port, an IPv6 zone, case and a dotted IPv4-mapped form, as everywhere else.
  const address = normalizeAddress(ip);
  if (address === null) return NOT_AN_ADDRESS;
  if (isIPv4(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return NOT_AN_ADDRESS;
  // An IPv4 address written as IPv6 in hex groups (::ffff:c000:20a) is that IPv4 address.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}
