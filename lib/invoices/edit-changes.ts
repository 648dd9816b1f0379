// What finance may change on an invoice in one save, as one zod schema shared by the server
// action and the command. Pure: the checks that need the invoice's rows (does the line exist,
// is it manual, what kind is it) run in the command, under the row lock.
//
// Amount rule (one rule everywhere): when a line has both a quantity and a unit price, its
// amount is quantity x unit price rounded half away from zero to whole yen (四捨五入, the rule
// of every computed line amount). An amount left out is derived that way; an amount given
// that differs is refused with the amount it must be. A line without a unit price takes the
// amount as given.
import { z } from "zod";
import { translator, type Locale } from "@/lib/i18n/define";
import { invoiceEditMessages, type InvoiceEditKey } from "@/lib/i18n/messages/invoice-edit";
import { dec, roundToYen } from "@/lib/money/money";

export const TAX_RATES = ["STANDARD_10", "REDUCED_8", "EXEMPT"] as const;
export const ADDED_KINDS = ["MANUAL", "ADJUSTMENT", "DISCOUNT", "CREDIT"] as const;
export type AddedKind = (typeof ADDED_KINDS)[number];
export type TaxRateCode = (typeof TAX_RATES)[number];

/** Longest text accepted, in UTF-16 units as both zod and an input's maxLength count them. */
export const TEXT_LIMITS = { description: 500, reason: 500, unit: 20, note: 2000 } as const;

/** Kinds that take money off: always a negative amount. */
export const NEGATIVE_KINDS: ReadonlySet<string> = new Set(["DISCOUNT", "CREDIT"]);

/** Full-width digits and signs, grouping commas and spaces, as people type them. */
export function normalizeNumber(value: string): string {
  return value
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－−ー]/g, "-")
    .replace(/[．]/g, ".")
    .replace(/[,，_\s¥￥]/g, "");
}

// No unions below: zod reports a failed union as "invalid input", losing the field's message.
// A value that fails the pattern stops there: "-1" is one error, not the pattern's and the
// "above 0" check's same message twice.
const numeric = (pattern: RegExp, message: InvoiceEditKey) =>
  z
    .string(message)
    .transform(normalizeNumber)
    .pipe(z.string().regex(pattern, { message, abort: true }));
/** "" (an emptied field) is absent. */
const blankIsAbsent = (message: InvoiceEditKey) =>
  z.string(message).transform((v) => (v.trim() === "" ? undefined : normalizeNumber(v)));

export const yenAmount = numeric(/^-?\d{1,13}$/, "err_yen");
export const quantityValue = numeric(/^\d{1,21}(\.\d{1,9})?$/, "err_quantity").refine(
  (v) => dec(v).gt(0),
  "err_quantity",
);
const UNIT_PRICE = /^-?\d{1,18}(\.\d{1,6})?$/;
/** null or "" means no unit price. */
const unitPriceOrNull = z
  .string("err_unit_price")
  .nullable()
  .transform((v) => (v === null || v.trim() === "" ? null : normalizeNumber(v)))
  .pipe(z.string().regex(UNIT_PRICE, "err_unit_price").nullable());
const optionalYen = blankIsAbsent("err_yen").pipe(
  z
    .string()
    .regex(/^-?\d{1,13}$/, "err_yen")
    .optional(),
);
const optionalQuantity = blankIsAbsent("err_quantity").pipe(
  z
    .string()
    .regex(/^\d{1,21}(\.\d{1,9})?$/, { message: "err_quantity", abort: true })
    .refine((v) => dec(v).gt(0), "err_quantity")
    .optional(),
);

const text = (max: number, required: InvoiceEditKey = "err_required") =>
  z.string(required).trim().min(1, required).max(max, "err_too_long");
/** Notes: an empty note is no note. */
const note = z
  .string("err_required")
  .max(TEXT_LIMITS.note, "err_too_long")
  .nullable()
  .transform((v) => (v === null || v.trim() === "" ? null : v.trim()));
const dueDate = z
  .string("err_date")
  .nullable()
  .transform((v) => (v === null || v.trim() === "" ? null : v.trim()))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "err_date")
      .refine((v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
      }, "err_not_a_date")
      .nullable(),
  );

/** quantity x unit price, rounded half away from zero to whole yen. */
export function lineAmount(quantity: string, unitPriceJpy: string): bigint {
  return roundToYen(dec(quantity).times(dec(unitPriceJpy)), "HALF_UP");
}

/**
 * An object-level check that runs even when some of the object's fields failed, so a form
 * shows every error at once (a missing reason and a positive discount together). It reads
 * the value defensively: a field that failed holds what was sent.
 */
function checkEvenWithFieldErrors(
  fn: (value: Record<string, unknown>, ctx: z.RefinementCtx<Record<string, unknown>>) => void,
) {
  const check = z.superRefine(fn);
  check._zod.def.when = () => true;
  return check;
}

const YEN = /^-?\d{1,13}$/;
const QUANTITY = /^\d{1,21}(\.\d{1,9})?$/;
/** A field's value when it parsed, "absent", or "invalid" (it has its own error). */
function parsedField(value: unknown, pattern: RegExp): string | "absent" | "invalid" {
  if (value === undefined || value === null || value === "") return "absent";
  return typeof value === "string" && pattern.test(value) ? value : "invalid";
}

export const lineUpdateSchema = z
  .strictObject({
    description: text(TEXT_LIMITS.description).optional(),
    quantity: quantityValue.optional(),
    unitPriceJpy: unitPriceOrNull.optional(),
    amountJpy: yenAmount.optional(),
    taxRate: z.enum(TAX_RATES, "err_tax_rate").optional(),
    reason: text(TEXT_LIMITS.reason).optional(),
  })
  .check(
    checkEvenWithFieldErrors((u, ctx) => {
      // The rest of the rule needs the line as stored; the command checks it.
      const [quantity, price, amount] = [
        parsedField(u.quantity, QUANTITY),
        parsedField(u.unitPriceJpy, UNIT_PRICE),
        parsedField(u.amountJpy, YEN),
      ];
      if ([quantity, price, amount].some((v) => v === "absent" || v === "invalid")) return;
      const expected = lineAmount(quantity, price);
      if (BigInt(amount) !== expected)
        ctx.addIssue({
          code: "custom",
          path: ["amountJpy"],
          message: "err_amount_mismatch",
          params: { expected: expected.toString() },
          input: u.amountJpy,
        });
    }),
  );

export const addedLineSchema = z
  .strictObject({
    kind: z.enum(ADDED_KINDS, "err_kind"),
    description: text(TEXT_LIMITS.description),
    amountJpy: optionalYen.optional(),
    taxRate: z.enum(TAX_RATES, "err_tax_rate"),
    reason: text(TEXT_LIMITS.reason, "err_reason_required"),
    quantity: optionalQuantity.optional(),
    unit: z.string("err_required").trim().max(TEXT_LIMITS.unit, "err_too_long").optional(),
    unitPriceJpy: unitPriceOrNull.optional(),
  })
  .check(
    checkEvenWithFieldErrors((a, ctx) => {
      const issue = (message: InvoiceEditKey, params?: Record<string, string>) =>
        ctx.addIssue({ code: "custom", path: ["amountJpy"], message, params, input: a.amountJpy });
      const quantity = parsedField(a.quantity, QUANTITY);
      const price = parsedField(a.unitPriceJpy, UNIT_PRICE);
      const given = parsedField(a.amountJpy, YEN);
      if (quantity === "invalid" || price === "invalid" || given === "invalid") return;
      let amount: bigint;
      if (price !== "absent") {
        amount = lineAmount(quantity === "absent" ? "1" : quantity, price);
        if (given !== "absent" && BigInt(given) !== amount)
          return issue("err_amount_mismatch", { expected: amount.toString() });
      } else if (given === "absent") return issue("err_amount_missing");
      else amount = BigInt(given);
      if (NEGATIVE_KINDS.has(String(a.kind)) && amount >= 0n) issue(`err_negative_${a.kind as "DISCOUNT" | "CREDIT"}`);
      else if (amount === 0n) issue("err_zero");
    }),
  )
  .transform((a, ctx) => {
    const quantity = a.quantity ?? "1";
    const unitPriceJpy = a.unitPriceJpy ?? null;
    // The check above made sure there is an amount, and that it agrees with a unit price; the
    // last branch only restates the first for the type.
    let amountJpy: bigint;
    if (unitPriceJpy !== null) amountJpy = lineAmount(quantity, unitPriceJpy);
    else if (a.amountJpy !== undefined) amountJpy = BigInt(a.amountJpy);
    else {
      ctx.addIssue({ code: "custom", path: ["amountJpy"], message: "err_amount_missing", input: a.amountJpy });
      return z.NEVER;
    }
    return {
      kind: a.kind,
      description: a.description,
      amountJpy,
      taxRate: a.taxRate,
      reason: a.reason,
      quantity,
      unit: a.unit ? a.unit : null,
      unitPriceJpy,
    };
  });

export const editChangesSchema = z
  .strictObject({
    /** Updates of existing lines, by line id. */
    lines: z.record(z.string(), lineUpdateSchema).optional(),
    added: z.array(addedLineSchema).max(50, "err_too_many_lines").optional(),
    /** Ids of manual lines to remove. */
    removed: z.array(z.string()).max(200).optional(),
    notesInternal: note.optional(),
    notesPrinted: note.optional(),
    dueDate: dueDate.optional(),
  })
  .superRefine((c, ctx) => {
    const updates = Object.entries(c.lines ?? {}).filter(([, u]) => Object.keys(u).length > 0);
    const any =
      updates.length ||
      c.added?.length ||
      c.removed?.length ||
      c.notesInternal !== undefined ||
      c.notesPrinted !== undefined ||
      c.dueDate !== undefined;
    if (!any) ctx.addIssue({ code: "custom", path: [], message: "err_nothing" });
    for (const id of c.removed ?? []) {
      if (c.lines?.[id] && Object.keys(c.lines[id]).length)
        ctx.addIssue({ code: "custom", path: ["lines", id], message: "err_removed_and_changed" });
    }
  });

export type EditChangesInput = z.input<typeof editChangesSchema>;
export type EditChanges = z.output<typeof editChangesSchema>;
export type AddedLine = z.output<typeof addedLineSchema>;

/**
 * Field errors keyed by the path in `changes` (`lines.<id>.amountJpy`, `added.0.reason`,
 * `dueDate`), in the person's language. The schema's messages are message keys; anything
 * else (zod's own words for a forged payload) passes through as it is.
 */
export function fieldErrorsOf(
  error: z.ZodError,
  locale: Locale = "en",
): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
  const t = translator(invoiceEditMessages, locale);
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    const vars: Record<string, string> = { ...((issue as { params?: Record<string, string> }).params ?? {}) };
    if (issue.code === "too_big") vars.max = String(issue.maximum);
    const message = issue.message in invoiceEditMessages.en ? t(issue.message as InvoiceEditKey, vars) : issue.message;
    if (issue.path.length === 0) formErrors.push(message);
    else {
      // Each message once per field, however many checks said it.
      const field = issue.path.map(String).join(".");
      if (!fieldErrors[field]?.includes(message)) fieldErrors[field] = [...(fieldErrors[field] ?? []), message];
    }
  }
  return { formErrors, fieldErrors };
}
