import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec } from "@/lib/money/money";
import { formatDecimal } from "./format";

describe("formatDecimal: amounts in their currency", () => {
  it.each([
    ["84327604.471241", "JPY", "en", "84,327,604 JPY"],
    ["84327604.5", "JPY", "ja", "84,327,605 JPY"],
    ["-1234.5", "JPY", "en", "-1,235 JPY"],
    ["-0.4", "JPY", "en", "0 JPY"],
    ["12", "JPY", "en", "12 JPY"],
    ["28.383532", "USD", "en", "28.383532 USD"],
    ["1234.5600", "USD", "ja", "1,234.56 USD"],
    ["-0.000001", "USD", "en", "-0.000001 USD"],
  ] as const)("%s %s (%s) reads %s", (value, currency, locale, expected) => {
    expect(formatDecimal(value, locale, currency)).toBe(expected);
  });

  it("keeps every digit of a number without a currency (quantities, rates)", () => {
    expect(formatDecimal("1234.567891", "en")).toBe("1,234.567891");
    expect(formatDecimal("150.12", "ja")).toBe("150.12");
  });

  it("never shows a decimal in yen, and stays within half a yen of the amount", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.constantFrom("en" as const, "ja" as const),
        (whole, micro, locale) => {
          const magnitude = `${whole < 0n ? -whole : whole}.${String(micro).padStart(6, "0")}`;
          const value = `${whole < 0n ? "-" : ""}${magnitude}`;
          const shown = formatDecimal(value, locale, "JPY");
          expect(shown).toMatch(/^-?\d{1,3}(,\d{3})* JPY$/);
          const back = shown.replace(/[, ]|JPY/g, "");
          expect(dec(back).minus(dec(value)).abs().lte("0.5")).toBe(true);
        },
      ),
    );
  });
});
