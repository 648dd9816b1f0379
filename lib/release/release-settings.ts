// The settings a release reads inside its transaction: the number prefix, the fiscal year's
// first month, and the issuer printed on the invoice (frozen onto it at release).
import { SETTING_KEYS } from "@/lib/settings/keys";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { isValidRegistrationNumber } from "@/lib/customers/registration-number";
import { DEFAULT_FISCAL_YEAR_START_MONTH, DEFAULT_NUMBER_PREFIX, isValidNumberPrefix } from "./invoice-number";

export const issuerSchema = z.object({
  name: z.string().trim().min(1),
  nameLatin: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  registrationNumber: z.string().refine(isValidRegistrationNumber, "registration-number-format"),
  postalCode: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  address: z.string().trim().min(1),
  phone: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  bank: z.string().trim().min(1),
});

export type Issuer = z.infer<typeof issuerSchema>;

export type ReleaseSettings =
  | { ok: true; prefix: string; fiscalYearStartMonth: number; issuer: Issuer }
  | { ok: false; problem: string };

export async function readReleaseSettings(tx: Tx): Promise<ReleaseSettings> {
  const rows = await tx.setting.findMany({
    where: { key: { in: [SETTING_KEYS.issuer, SETTING_KEYS.prefix, SETTING_KEYS.fiscalYearStartMonth] } },
  });
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const issuer = issuerSchema.safeParse(value(SETTING_KEYS.issuer));
  if (!issuer.success) {
    const missing = issuer.error.issues.map((i) => i.path.join(".") || "issuer").join(", ");
    return {
      ok: false,
      problem:
        `The issuer setting is incomplete (${missing}); ` +
        "an admin must complete it before invoices can be released.",
    };
  }
  const prefix = String(value(SETTING_KEYS.prefix) ?? DEFAULT_NUMBER_PREFIX);
  if (!isValidNumberPrefix(prefix))
    return { ok: false, problem: `The invoice number prefix "${prefix}" is not valid; an admin must correct it.` };
  const startMonth = Number(value(SETTING_KEYS.fiscalYearStartMonth) ?? DEFAULT_FISCAL_YEAR_START_MONTH);
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12)
    return { ok: false, problem: `The fiscal year start month "${startMonth}" is not valid.` };
  return { ok: true, prefix, fiscalYearStartMonth: startMonth, issuer: issuer.data };
}
