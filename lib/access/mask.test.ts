import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskBankDetails, maskContact, maskEmail, maskPhone } from "./mask";

describe("masking", () => {
  it("e-mail keeps first letters and the top-level domain", () => {
    expect(maskEmail("taro.yamada@aoba-system.example.jp")).toBe("t•••@a•••.jp");
    expect(maskEmail("not-an-address")).toBe("•••");
  });

  it("phone keeps only the last four digits", () => {
    expect(maskPhone("03-1234-5678")).toBe("••-••••-5678");
    expect(maskPhone("+81 90 1234 5678")).toBe("+•• •• •••• 5678");
    expect(maskPhone("110")).toBe("•••");
  });

  it("bank details show only the account's last two digits", () => {
    expect(maskBankDetails("みずほ銀行 大手町支店 普通 1234567")).toBe("••••• 67");
    expect(maskBankDetails("みずほ銀行 大手町支店")).toBe("•••••");
  });

  it("keeps nulls as nulls", () => {
    expect(maskContact({ contactEmail: null, contactPhone: "03-1234-5678", bankDetails: null })).toEqual({
      contactEmail: null,
      contactPhone: "••-••••-5678",
      bankDetails: null,
    });
  });

  it("never shows more than four digits of a phone number or two of an account", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 +()-]{0,24}$/), (phone) => {
        expect(maskPhone(phone).replace(/\D/g, "").length).toBeLessThanOrEqual(4);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[0-9]{0,12}$/), (bank, account) => {
        expect(maskBankDetails(`${bank} 普通 ${account}`).replace(/\D/g, "").length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it("an e-mail's local part and domain never show beyond their first letter", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const masked = maskEmail(email);
        const [local] = email.split("@");
        const maskedLocal = masked.slice(0, masked.indexOf("@"));
        expect(maskedLocal).toBe(`${local![0]}•••`);
        expect(masked.length).toBeLessThanOrEqual(3 + 1 + 1 + 3 + 1 + email.length - email.lastIndexOf("."));
      }),
    );
  });
});
