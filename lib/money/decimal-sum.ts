// Exact sums of decimal strings at the usage columns' scale (9 decimals), cheap enough to run
// on every row of a million-row import: no Decimal or bigint per value. A value is split into
// whole units and nano-units, each added as a JavaScript integer while both stay far below
// 2^53 (checked on every add), and carried into a bigint before they could lose precision.
// Values with more than 9 decimals or an exponent take the slow path and are rounded half
// away from zero, as a numeric(…, 9) column stores them.
import { Decimal } from "./money";

const SCALE = 9;
const NANOS = 10n ** BigInt(SCALE);
const CARRY_AT = 1e15;
const FAST = /^-?\d{0,15}(\.\d{0,9})?$/;

export class DecimalSum {
  private units = 0;
  private nanos = 0;
  private carried = 0n;

  /** Adds a decimal string ("-12.5", "3", ".25", "1e-3"). The caller has validated it as a number. */
  add(value: string): void {
    if (!FAST.test(value)) {
      this.carried += BigInt(new Decimal(value).times(NANOS.toString()).toDecimalPlaces(0).toFixed(0));
      return;
    }
    const neg = value.charCodeAt(0) === 45;
    const dot = value.indexOf(".");
    const intText = dot < 0 ? value.slice(neg ? 1 : 0) : value.slice(neg ? 1 : 0, dot);
    const fracText = dot < 0 ? "" : value.slice(dot + 1);
    const units = intText ? Number(intText) : 0;
    // Powers of ten up to 10^9 are exact doubles, and so is the product (below 10^9).
    const nanos = fracText ? Number(fracText) * 10 ** (SCALE - fracText.length) : 0;
    if (neg) {
      this.units -= units;
      this.nanos -= nanos;
    } else {
      this.units += units;
      this.nanos += nanos;
    }
    if (this.units > CARRY_AT || this.units < -CARRY_AT || this.nanos > CARRY_AT || this.nanos < -CARRY_AT)
      this.carry();
  }

  /** The sum as an integer number of nano-units (10^-9). */
  scaled(): bigint {
    return this.carried + BigInt(this.units) * NANOS + BigInt(this.nanos);
  }

  toString(): string {
    return formatScaled(this.scaled());
  }

  private carry() {
    this.carried = this.scaled();
    this.units = 0;
    this.nanos = 0;
  }
}

/** A nano-unit integer as a trimmed decimal string: 12500000000n -> "12.5", 0n -> "0". */
export function formatScaled(n: bigint): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(SCALE + 1, "0");
  const text = `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`.replace(/\.?0+$/, "");
  return neg && text !== "0" ? `-${text}` : text;
}

/** A decimal string as nano-units, rounded half away from zero beyond 9 decimals. */
export function parseScaled(value: string): bigint {
  const sum = new DecimalSum();
  sum.add(value);
  return sum.scaled();
}
