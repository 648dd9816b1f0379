import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corporateCheckDigit, isValidRegistrationNumber, registrationNumberFrom } from "./registration-number";

describe("registration numbers", () => {
  it("computes the check digit of a worked example", () => {
    // The National Tax Agency's corporate number 7000012050002: check digit 7 over 000012050002.
    // Sum over n of P(n)*Q(n), from the right:
    // 2*1 + 0*2 + 0*1 + 0*2 + 5*1 + 0*2 + 2*1 + 1*2 + 0*1 + 0*2 + 0*1 + 0*2 = 11; 9 - 11 mod 9 = 7.
    expect(corporateCheckDigit("000012050002")).toBe(7);
    expect(isValidRegistrationNumber("T7000012050002")).toBe(true);
  });

  it("refuses a wrong check digit, a missing T and wrong lengths", () => {
    expect(isValidRegistrationNumber("T8000012050002")).toBe(false);
    expect(isValidRegistrationNumber("7000012050002")).toBe(false);
    expect(isValidRegistrationNumber("T700001205000")).toBe(false);
    expect(isValidRegistrationNumber("T70000120500021")).toBe(false);
  });

  it("every number it builds validates, and a changed check digit does not", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (digits) => {
        const number = registrationNumberFrom(digits);
        expect(number).toMatch(/^T\d{13}$/);
        expect(isValidRegistrationNumber(number)).toBe(true);
        const wrong = (Number(number[1]) % 9) + 1;
        expect(isValidRegistrationNumber(`T${wrong}${digits}`)).toBe(false);
      }),
    );
  });
});
