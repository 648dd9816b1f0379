// What makes two usage rows "the same row", and a digest of a month's rows that ignores their
// order. A row's canonical text is built from its parsed, normalized values (numbers as canonical
// decimals, times as UTC instants, JSON re-serialized with sorted keys), so a BOM, line endings,
// row or column order and the spelling of numbers (1.50, 1.5, 1.5e0) change nothing. Each row's
// SHA-256 is added, as a 256-bit integer modulo 2^256, into its scope's digest: a multiset hash,
// so the digest of a month delivered in parts is the sum of the parts' digests, and memory stays
// one accumulator per scope however many rows stream through.
import { hash } from "node:crypto";
import { stringify } from "safe-stable-stringify";
import type { UsageRow } from "./usage-row";

const MODULUS = 1n << 256n;
// Lanes of 32 bits summed as JavaScript integers: exact while below 2^53, so folded into a
// bigint every 2^20 rows (2^20 x 2^32 = 2^52).
const FOLD_EVERY = 1 << 20;

/** JSON text as a value: the same object written with other spacing or key order reads the same. */
function canonicalJson(text: string | null): string | null {
  if (text === null || text === "[]" || text === "{}") return text;
  try {
    return stringify(JSON.parse(text)) ?? text;
  } catch {
    return text;
  }
}

const field = (value: string | null) => (value === null ? "~" : `${value.length}:${value}`);

/** The canonical text of a row's content (its line number is not content). */
export function canonicalRowText(r: UsageRow): string {
  return (
    field(r.invoiceMonth) +
    field(r.billingAccountId) +
    field(r.projectId) +
    field(r.projectName) +
    field(r.serviceId) +
    field(r.serviceDescription) +
    field(r.skuId) +
    field(r.skuDescription) +
    field(r.usageStart) +
    field(r.usageEnd) +
    field(r.region) +
    field(canonicalJson(r.labels)) +
    field(r.cost) +
    field(r.credits) +
    field(canonicalJson(r.creditDetail)) +
    field(r.currency) +
    field(r.conversionRate) +
    field(r.usageAmount) +
    field(r.usageUnit) +
    field(r.costType)
  );
}

/** An order-independent digest of a multiset of rows. */
export class RowMultisetDigest {
  rows = 0;
  private readonly lanes = new Array<number>(8).fill(0);
  private folded = 0n;

  add(row: UsageRow): void {
    const digest = hash("sha256", canonicalRowText(row), "buffer");
    for (let i = 0; i < 8; i++) this.lanes[i] = (this.lanes[i] as number) + digest.readUInt32BE(i * 4);
    if (++this.rows % FOLD_EVERY === 0) this.fold();
  }

  /** The digest as 64 hex digits. */
  toHex(): string {
    this.fold();
    return this.folded.toString(16).padStart(64, "0");
  }

  private fold() {
    let sum = this.folded;
    for (let i = 0; i < 8; i++) {
      sum += BigInt(this.lanes[i] as number) << BigInt(32 * (7 - i));
      this.lanes[i] = 0;
    }
    this.folded = sum % MODULUS;
  }
}

/** The digest of the union of two multisets of rows. */
export function addDigests(a: string, b: string): string {
  return ((BigInt(`0x${a}`) + BigInt(`0x${b}`)) % MODULUS).toString(16).padStart(64, "0");
}

/** The digest of no rows. */
export const EMPTY_DIGEST = "0".repeat(64);
