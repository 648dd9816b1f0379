// The one module that owns amounts and rounding.
//
// - Yen amounts are integers, as bigint (database BigInt). Never a JavaScript float.
// - Foreign-currency amounts, quantities and rates are Decimal (this module's decimal.js clone).
// - Rounding modes are symmetric around zero, so a credit rounds like the charge it reverses:
//     FLOOR   = 切り捨て: toward zero          (tax default, common practice in Japan)
//     HALF_UP = 四捨五入: half away from zero  (every computed line amount)
//     CEIL    = 切り上げ: away from zero
// - Where rounding happens is decided by the callers in lib/pricing and stated there; this
//   module only offers the operations.
import { Decimal as BaseDecimal } from "decimal.js";

export const Decimal = BaseDecimal.clone({
  precision: 50,
  rounding: BaseDecimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalInput = Decimal | string | number | bigint;

export type Yen = bigint;
export type RoundingMode = "FLOOR" | "HALF_UP" | "CEIL";
export type TaxRateCode = "STANDARD_10" | "REDUCED_8" | "EXEMPT";

const MODE: Record<RoundingMode, BaseDecimal.Rounding> = {
  FLOOR: BaseDecimal.ROUND_DOWN,
  HALF_UP: BaseDecimal.ROUND_HALF_UP,
  CEIL: BaseDecimal.ROUND_UP,
};

/** Tax rate as a fraction. */
export const TAX_RATE: Record<TaxRateCode, Decimal> = {
  STANDARD_10: new Decimal("0.10"),
  REDUCED_8: new Decimal("0.08"),
  EXEMPT: new Decimal(0),
};

export function dec(value: DecimalInput): Decimal {
  return new Decimal(typeof value === "bigint" ? value.toString() : value);
}

/** Rounds a decimal amount of yen to whole yen with the given mode. */
export function roundToYen(amount: DecimalInput, mode: RoundingMode): Yen {
  // toExpPos is 40, so an integer Decimal prints without exponent notation.
  return BigInt(dec(amount).toDecimalPlaces(0, MODE[mode]).toString());
}

/** Converts an amount in `currency` to (unrounded) yen. JPY needs no rate. */
export function toJpy(amount: DecimalInput, currency: string, ratePerUnit: DecimalInput | null): Decimal {
  if (currency === "JPY") return dec(amount);
  if (ratePerUnit === null) throw new Error(`no FX rate for ${currency}`);
  return dec(amount).times(dec(ratePerUnit));
}

/** Consumption tax on one rate's base, rounded once. */
export function taxOn(base: Yen, rate: TaxRateCode, mode: RoundingMode): Yen {
  return roundToYen(dec(base).times(TAX_RATE[rate]), mode);
}

/**
 * An amount as the screens show it: yen in whole yen (half away from zero; a usage sum of
 * 84,327,604.471241 JPY reads 84,327,604 JPY), any other currency with every digit it has.
 */
export function displayAmount(amount: string, currency: string): string {
  return currency === "JPY" ? roundToYen(amount, "HALF_UP").toString() : amount;
}

export function sumYen(values: Iterable<Yen>): Yen {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

export function isDecimalString(value: string): boolean {
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim());
}
