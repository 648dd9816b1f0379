// Addresses and CIDR ranges (IPv4 and IPv6), as TRUSTED_PROXIES lists them. JavaScript (with
// JSDoc types) because the environment's schema (lib/env-schema.js, loaded by next.config.mjs
// before TypeScript is set up) validates the variable with it.
import net from "node:net";

/**
 * One address as a proxy or a socket reports it, in its plain form: "::ffff:10.0.0.1" (an IPv4
 * client on a dual-stack socket) becomes "10.0.0.1"; brackets, a port ("1.2.3.4:5678",
 * "[2001:db8::1]:443") and an IPv6 zone ("fe80::1%eth0") are dropped; IPv6 is lower-cased.
 * Null when it is not an address at all (a hostname, "unknown", garbage).
 * @param {string | null | undefined} raw
 * @returns {string | null}
 */
export function normalizeAddress(raw) {
  if (typeof raw !== "string") return null;
  let text = raw.trim();
  if (text.length === 0 || text.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const zone = text.indexOf("%");
  if (zone > 0 && text.includes(":")) text = text.slice(0, zone);
  const family = net.isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  const lower = text.toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}(?::|0{0,4}:)ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (mapped?.[1] && net.isIPv4(mapped[1])) return mapped[1];
  return lower;
}

/**
 * Parses "10.0.0.0/8, 192.168.1.7, 2001:db8::/32" into a BlockList. Entries are addresses or
 * ranges; every malformed entry is named in `errors`, so a typo never silently trusts nothing
 * (or everything).
 * @param {string | undefined} text
 * @returns {{ list: net.BlockList; entries: string[]; errors: string[] }}
 */
export function parseAddressRanges(text) {
  const list = new net.BlockList();
  /** @type {string[]} */
  const entries = [];
  /** @type {string[]} */
  const errors = [];
  for (const part of (text ?? "").split(",")) {
    const entry = part.trim();
    if (!entry) continue;
    const [address, prefixText, extra] = entry.split("/");
    const plain = normalizeAddress(address);
    // An IPv4-mapped range is taken as the IPv4 range it names.
    const family = plain === null ? 0 : net.isIP(plain);
    if (!plain || extra !== undefined || (address?.includes("[") ?? false)) {
      errors.push(entry);
      continue;
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixText === undefined) {
      list.addAddress(plain, type);
    } else {
      const max = family === 4 ? 32 : 128;
      const mappedShift = family === 4 && net.isIPv6(address ?? "") ? 96 : 0;
      const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) - mappedShift : Number.NaN;
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
        errors.push(entry);
        continue;
      }
      list.addSubnet(plain, prefix, type);
    }
    entries.push(entry);
  }
  return { list, entries, errors };
}

/**
 * Whether an address (already normalized) falls in the list.
 * @param {net.BlockList} list
 * @param {string} address
 */
export function inRanges(list, address) {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}
