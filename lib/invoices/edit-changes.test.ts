import { describe, expect, it } from "vitest";
import { editChangesSchema, fieldErrorsOf, lineAmount, normalizeNumber } from "./edit-changes";

const id = "6f1c1d5e-2d7e-4c55-9a43-2f1a7e2c9b10";
const errorsOf = (input: unknown, locale: "en" | "ja" = "en") => {
  const parsed = editChangesSchema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return fieldErrorsOf(parsed.error, locale);
};

describe("the edit schema", () => {
  it("says a wrong quantity once, whichever of its checks failed", () => {
    for (const quantity of ["-1", "0", "abc", "1.1234567891"]) {
      const { fieldErrors } = errorsOf({ lines: { [id]: { quantity } } });
      expect(fieldErrors[`lines.${id}.quantity`], quantity).toEqual(["A number above 0 with up to 9 decimals."]);
    }
    const { fieldErrors } = errorsOf({
      added: [
        { kind: "MANUAL", description: "x", amountJpy: "100", taxRate: "STANDARD_10", reason: "r", quantity: "-2" },
      ],
    });
    expect(fieldErrors["added.0.quantity"]).toHaveLength(1);
  });

  it("refuses a description over 500 characters, as the field's maxLength does", () => {
    expect(editChangesSchema.safeParse({ lines: { [id]: { description: "あ".repeat(500) } } }).success).toBe(true);
    const { fieldErrors } = errorsOf({ lines: { [id]: { description: "あ".repeat(501) } } }, "ja");
    expect(fieldErrors[`lines.${id}.description`]).toHaveLength(1);
  });

  it("takes line updates, added lines, removals, notes and the due date", () => {
    const parsed = editChangesSchema.parse({
      lines: { [id]: { amountJpy: "１２,０００", description: "  運用保守  ", unitPriceJpy: "" } },
      added: [
        {
          kind: "DISCOUNT",
          description: "年間契約割引",
          amountJpy: "-5,000",
          taxRate: "STANDARD_10",
          reason: "契約どおり",
        },
      ],
      removed: [],
      notesInternal: "  ",
      notesPrinted: "いつもありがとうございます",
      dueDate: "2026-11-30",
    });
    expect(parsed.lines?.[id]).toEqual({ amountJpy: "12000", description: "運用保守", unitPriceJpy: null });
    expect(parsed.added?.[0]).toMatchObject({ kind: "DISCOUNT", amountJpy: -5000n, quantity: "1", unitPriceJpy: null });
    expect(parsed).toMatchObject({
      notesInternal: null,
      notesPrinted: "いつもありがとうございます",
      dueDate: "2026-11-30",
    });
  });

  it("derives an added line's amount from quantity x unit price, rounded half up", () => {
    const parsed = editChangesSchema.parse({
      added: [
        {
          kind: "MANUAL",
          description: "作業",
          quantity: "2.5",
          unitPriceJpy: "333",
          taxRate: "REDUCED_8",
          reason: "追加作業",
        },
      ],
    });
    expect(parsed.added?.[0]?.amountJpy).toBe(833n); // 832.5 -> 833
    expect(lineAmount("3", "-0.5")).toBe(-2n); // -1.5 -> -2: half away from zero
  });

  it("keys field errors by path: lines.<id>.<field>, added.<n>.<field>, dueDate", () => {
    const { fieldErrors } = errorsOf({
      lines: { [id]: { amountJpy: "12.5", quantity: "0" } },
      added: [
        { kind: "DISCOUNT", description: "値引き", amountJpy: "5000", taxRate: "STANDARD_10", reason: "" },
        {
          kind: "MANUAL",
          description: "",
          quantity: "2",
          unitPriceJpy: "100",
          amountJpy: "201",
          taxRate: "TEN",
          reason: "x",
        },
      ],
      dueDate: "2026-02-30",
    });
    expect(fieldErrors).toEqual({
      [`lines.${id}.amountJpy`]: ["Whole yen, e.g. 12000 or -5000."],
      [`lines.${id}.quantity`]: ["A number above 0 with up to 9 decimals."],
      "added.0.reason": ["Say why this line is added."],
      "added.0.amountJpy": ["A discount takes money off: enter a negative amount, e.g. -5000."],
      "added.1.description": ["Required."],
      "added.1.taxRate": ["Choose 10%, 8% or exempt."],
      "added.1.amountJpy": [
        "Quantity × unit price makes 200 yen (rounded half up): enter that amount, or change or clear the unit price.",
      ],
      dueDate: ["Not a calendar date."],
    });
  });

  it("refuses a positive discount or credit, a zero line, a wrong derived amount, and says so in Japanese too", () => {
    const input = {
      added: [
        { kind: "DISCOUNT", description: "値引き", amountJpy: "5000", taxRate: "STANDARD_10", reason: "r" },
        { kind: "CREDIT", description: "返金", amountJpy: "0", taxRate: "STANDARD_10", reason: "r" },
        { kind: "MANUAL", description: "作業", amountJpy: "0", taxRate: "EXEMPT", reason: "r" },
        {
          kind: "MANUAL",
          description: "作業",
          quantity: "2",
          unitPriceJpy: "100",
          amountJpy: "201",
          taxRate: "EXEMPT",
          reason: "r",
        },
      ],
    };
    expect(errorsOf(input).fieldErrors).toEqual({
      "added.0.amountJpy": ["A discount takes money off: enter a negative amount, e.g. -5000."],
      "added.1.amountJpy": ["A credit takes money off: enter a negative amount, e.g. -5000."],
      "added.2.amountJpy": ["A line of 0 yen changes nothing."],
      "added.3.amountJpy": [
        "Quantity × unit price makes 200 yen (rounded half up): enter that amount, or change or clear the unit price.",
      ],
    });
    expect(errorsOf(input, "ja").fieldErrors["added.0.amountJpy"]).toEqual([
      "値引きはマイナスの金額で入力してください(例: -5000)。",
    ]);
  });

  it("shows every error of a line at once: a missing reason and a positive discount together", () => {
    const { fieldErrors } = errorsOf({
      added: [{ kind: "DISCOUNT", description: "", amountJpy: "3000", taxRate: "STANDARD_10", reason: "" }],
      lines: { [id]: { quantity: "2", unitPriceJpy: "10", amountJpy: "21", taxRate: "X" } },
    });
    expect(fieldErrors).toEqual({
      "added.0.description": ["Required."],
      "added.0.reason": ["Say why this line is added."],
      "added.0.amountJpy": ["A discount takes money off: enter a negative amount, e.g. -5000."],
      [`lines.${id}.taxRate`]: ["Choose 10%, 8% or exempt."],
      [`lines.${id}.amountJpy`]: [
        "Quantity × unit price makes 20 yen (rounded half up): enter that amount, or change or clear the unit price.",
      ],
    });
  });

  it("refuses an empty save, and changing a line that is being removed", () => {
    expect(errorsOf({}).formErrors).toEqual([
      "Nothing to save: change a line, add one, or change the notes or the due date.",
    ]);
    expect(errorsOf({ lines: { [id]: {} } }).formErrors).toHaveLength(1);
    expect(errorsOf({ lines: { [id]: { description: "x" } }, removed: [id] }).fieldErrors).toEqual({
      [`lines.${id}`]: ["This line is being removed; it cannot also be changed in the same save."],
    });
  });

  it("refuses unknown fields and wrong types (a forged payload)", () => {
    const { fieldErrors, formErrors } = errorsOf({
      lines: { [id]: { amountJpy: 5000, manual: true } },
      status: "RELEASED",
    });
    expect(formErrors).toEqual(['Unrecognized key: "status"']);
    expect(fieldErrors).toEqual({
      [`lines.${id}`]: ['Unrecognized key: "manual"'],
      [`lines.${id}.amountJpy`]: ["Whole yen, e.g. 12000 or -5000."],
    });
  });

  it("refuses a forged status or manual flag even next to an otherwise valid change", () => {
    // The invoice's status is the state machine's: a form cannot set it.
    expect(errorsOf({ notesInternal: "checked", status: "APPROVED" })).toEqual({
      formErrors: ['Unrecognized key: "status"'],
      fieldErrors: {},
    });
    // A computed line claimed to be manual (which would make it removable), or an added line
    // claimed not to be (which would make it look computed): refused, by the field's name.
    expect(errorsOf({ lines: { [id]: { description: "x", manual: true } } })).toEqual({
      formErrors: [],
      fieldErrors: { [`lines.${id}`]: ['Unrecognized key: "manual"'] },
    });
    expect(
      errorsOf({
        added: [{ kind: "MANUAL", description: "x", amountJpy: "100", taxRate: "EXEMPT", reason: "r", manual: false }],
      }).fieldErrors,
    ).toEqual({ "added.0": ['Unrecognized key: "manual"'] });
    // The same payloads without the forged field are accepted: the field alone is what is refused.
    expect(editChangesSchema.safeParse({ notesInternal: "checked" }).success).toBe(true);
    expect(editChangesSchema.safeParse({ lines: { [id]: { description: "x" } } }).success).toBe(true);
  });

  it("reads numbers as people type them", () => {
    expect(normalizeNumber("￥１２，３４５")).toBe("12345");
    expect(normalizeNumber("－５００")).toBe("-500");
    expect(normalizeNumber(" 1 000.50 ")).toBe("1000.50");
  });
});
