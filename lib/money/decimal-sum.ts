// Exact sums of decimal strings, cheap enough to run on every row of a million-row import: no
// Decimal or bigint per value in the common case. A value with at most 9 decimals is split into
// whole units and nano-units, each added as a JavaScript integer while both stay far below 2^53
// (checked on every add), and carried into a bigint before they could lose precision. Values
// with more decimals or an exponent take the slow path: an exact bigint at their own scale.
// Nothing is ever rounded: usage amounts are kept as exported.

const SCALE = 9;
const NANOS = 10n ** BigInt(SCALE);
const CARRY_AT = 1e15;
const FAST = /^-?\d{0,15}(\.\d{0,9})?$/;
const NUMBER = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

/** A decimal string as an exact integer and its scale (value = n x 10^-scale). */
export function toScaled(value: string): { n: bigint; scale: number } {
  const m = NUMBER.exec(value.trim());
  if (!m || (!m[2] && !m[3])) throw new Error(`not a decimal number: ${value.slice(0, 40)}`);
  const [, sign = "", int = "", frac = "", exp = "0"] = m;
  const digits = BigInt(`${int}${frac}` || "0");
  let scale = frac.length - Number(exp);
  let n = sign === "-" ? -digits : digits;
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { n, scale };
}

/** An exact integer at a scale as a trimmed decimal string: (12500n, 3) -> "12.5", 0 -> "0". */
export function formatScaledAt(n: bigint, scale: number): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, "") : digits;
  return neg && text !== "0" ? `-${text}` : text;
}

export class DecimalSum {
  private units = 0;
  private nanos = 0;
  private carried = 0n;
  /** Values with more than 9 decimals, exactly, at `fineScale`. */
  private fine = 0n;
  private fineScale = SCALE;

  /** Adds a decimal string ("-12.5", "3", ".25", "1e-3"). The caller has validated it as a number. */
  add(value: string): void {
    if (!FAST.test(value)) {
      const { n, scale } = toScaled(value);
      this.addScaled(n, scale);
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

  /** Adds another sum. */
  addSum(other: DecimalSum): void {
    const { n, scale } = other.exact();
    this.addScaled(n, scale);
  }

  /** The sum exactly: value = n x 10^-scale, with scale at least 9. */
  exact(): { n: bigint; scale: number } {
    const base = this.carried + BigInt(this.units) * NANOS + BigInt(this.nanos);
    if (this.fine === 0n) return { n: base, scale: SCALE };
    return { n: base * 10n ** BigInt(this.fineScale - SCALE) + this.fine, scale: this.fineScale };
  }

  toString(): string {
    const { n, scale } = this.exact();
    return formatScaledAt(n, scale);
  }

  private addScaled(n: bigint, scale: number) {
    if (scale <= SCALE) {
      this.carried += n * 10n ** BigInt(SCALE - scale);
      return;
    }
    if (scale > this.fineScale) {
      this.fine *= 10n ** BigInt(scale - this.fineScale);
      this.fineScale = scale;
    }
    this.fine += n * 10n ** BigInt(this.fineScale - scale);
  }

  private carry() {
    this.carried = this.carried + BigInt(this.units) * NANOS + BigInt(this.nanos);
    this.units = 0;
    this.nanos = 0;
  }
}
