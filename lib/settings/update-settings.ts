// The settings an admin changes in the console: the two-approver threshold of the gate, the
// invoice number prefix, the fiscal year's first month, and the issuer printed on invoices.
// One save is one transaction: the changed keys and one "settings.update" audit event with
// before and after. Release reads the same keys (release-settings.ts, load-for-gate.ts).
import { z } from "zod";
import { recordAuditEvent, recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide, forbiddenError } from "@/lib/authz/policy";
import { isValidRegistrationNumber } from "@/lib/customers/registration-number";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DEFAULT_TWO_APPROVER_THRESHOLD_JPY } from "@/lib/gate/approval-rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  DEFAULT_FISCAL_YEAR_START_MONTH,
  DEFAULT_NUMBER_PREFIX,
  isValidNumberPrefix,
} from "@/lib/release/invoice-number";
import { issuerSchema, type Issuer } from "@/lib/release/release-settings";
import { SETTING_KEYS } from "./keys";

export { SETTING_KEYS };

/** What the gate and release use while a key has never been stored. */
const DEFAULTS: Record<string, unknown> = {
  [SETTING_KEYS.threshold]: DEFAULT_TWO_APPROVER_THRESHOLD_JPY.toString(),
  [SETTING_KEYS.prefix]: DEFAULT_NUMBER_PREFIX,
  [SETTING_KEYS.fiscalYearStartMonth]: DEFAULT_FISCAL_YEAR_START_MONTH,
};

/** The settings lock: two admins saving at once are applied one after the other. */
const SETTINGS_LOCK_SQL = "SELECT pg_advisory_xact_lock(7314002::bigint)";

// Error messages are keys of lib/i18n/messages/settings.ts, translated by the form.
const required = (key: string) => z.string().trim().min(1, key);
const optional = z
  .string()
  .trim()
  .max(200, "errTooLong")
  .nullish()
  .transform((v) => (v ? v : null));

export const updateSettingsSchema = z.object({
  // Whole yen; grouping commas and spaces are accepted and dropped. Kept a string: never a float.
  twoApproverThresholdJpy: z
    .string()
    .transform((v) => v.replace(/[\s,_]/g, ""))
    .pipe(
      z
        .string()
        .regex(/^\d{1,15}$/, { message: "errThresholdFormat", abort: true })
        .refine((v) => BigInt(v) >= 1n, "errThresholdMin"),
    )
    .transform((v) => BigInt(v).toString()),
  invoiceNumberPrefix: z.string().trim().refine(isValidNumberPrefix, "errPrefix"),
  fiscalYearStartMonth: z.coerce.number<unknown>().int("errMonth").min(1, "errMonth").max(12, "errMonth"),
  issuerName: required("errRequired").max(200, "errTooLong"),
  issuerNameLatin: optional,
  issuerRegistrationNumber: z.string().trim().toUpperCase().refine(isValidRegistrationNumber, "errRegistrationNumber"),
  issuerPostalCode: optional,
  issuerAddress: required("errRequired").max(300, "errTooLong"),
  issuerPhone: optional,
  issuerBank: required("errRequired").max(300, "errTooLong"),
});

export type UpdateSettingsInput = z.input<typeof updateSettingsSchema>;
type ParsedSettings = z.output<typeof updateSettingsSchema>;

export interface ConsoleSettings {
  twoApproverThresholdJpy: string;
  invoiceNumberPrefix: string;
  fiscalYearStartMonth: number;
  issuer: Issuer | null;
  /** The stored issuer when it does not pass the schema (to edit it into shape). */
  issuerDraft: Record<string, string | null>;
  updatedAt: string | null;
}

type Client = Pick<typeof db, "setting">;

export async function readSettings(client: Client = db): Promise<ConsoleSettings> {
  const rows = await client.setting.findMany({ where: { key: { in: Object.values(SETTING_KEYS) } } });
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const threshold = value(SETTING_KEYS.threshold);
  const issuer = issuerSchema.safeParse(value(SETTING_KEYS.issuer));
  const rawIssuer = value(SETTING_KEYS.issuer);
  const issuerDraft = Object.fromEntries(
    Object.entries(rawIssuer && typeof rawIssuer === "object" && !Array.isArray(rawIssuer) ? rawIssuer : {}).map(
      ([k, v]) => [k, typeof v === "string" ? v : null],
    ),
  );
  const month = Number(value(SETTING_KEYS.fiscalYearStartMonth) ?? DEFAULT_FISCAL_YEAR_START_MONTH);
  const updated = rows.map((r) => r.updatedAt.getTime()).sort((a, b) => b - a)[0];
  return {
    twoApproverThresholdJpy:
      typeof threshold === "string" || typeof threshold === "number"
        ? String(threshold)
        : DEFAULT_TWO_APPROVER_THRESHOLD_JPY.toString(),
    invoiceNumberPrefix: String(value(SETTING_KEYS.prefix) ?? DEFAULT_NUMBER_PREFIX),
    fiscalYearStartMonth: Number.isInteger(month) ? month : DEFAULT_FISCAL_YEAR_START_MONTH,
    issuer: issuer.success ? issuer.data : null,
    issuerDraft,
    updatedAt: updated ? new Date(updated).toISOString() : null,
  };
}

function storedValues(input: ParsedSettings): Record<string, Prisma.InputJsonValue> {
  const issuer: Issuer = issuerSchema.parse({
    name: input.issuerName,
    nameLatin: input.issuerNameLatin,
    registrationNumber: input.issuerRegistrationNumber,
    postalCode: input.issuerPostalCode,
    address: input.issuerAddress,
    phone: input.issuerPhone,
    bank: input.issuerBank,
  });
  return {
    [SETTING_KEYS.threshold]: input.twoApproverThresholdJpy,
    [SETTING_KEYS.prefix]: input.invoiceNumberPrefix,
    [SETTING_KEYS.fiscalYearStartMonth]: input.fiscalYearStartMonth,
    [SETTING_KEYS.issuer]: issuer as unknown as Prisma.InputJsonValue,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

/**
 * Saves every setting of the form. Only keys whose value differs are written; the audit event
 * names them with their values before and after. Nothing changed: nothing written, no event.
 */
export async function updateSettings({ actor, input }: { actor: Actor; input: UpdateSettingsInput }) {
  const decision = decide(actor, "admin.settings");
  if (!decision.allowed) {
    await recordAuditEventNow({
      actor,
      action: "settings.update",
      target: { type: "settings", id: "console" },
      outcome: "REFUSED",
      reason: `${decision.rule}: ${decision.message}`,
      metadata: { rule: decision.rule, params: decision.params },
    });
    throw forbiddenError(decision);
  }
  const parsed = updateSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    // The field errors are keys of lib/i18n/messages/settings.ts, translated by the form.
    throw new AppError("INVALID_INPUT", "Some fields are not valid.", {
      fieldErrors: flat.fieldErrors as Record<string, string[]>,
      details: { rule: "invalid" },
    });
  }
  const next = storedValues(parsed.data);
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(SETTINGS_LOCK_SQL);
    const rows = await tx.setting.findMany({ where: { key: { in: Object.keys(next) } } });
    // A key never stored holds its default: saving the default again is no change.
    const current = new Map<string, unknown>([
      ...Object.entries(DEFAULTS),
      ...rows.map((r) => [r.key, r.value] as const),
    ]);
    const changes = Object.entries(next).filter(([key, value]) => !current.has(key) || !same(current.get(key), value));
    if (changes.length === 0) return { changed: [] as string[] };
    for (const [key, value] of changes) {
      await tx.setting.upsert({
        where: { key },
        create: { key, value, updatedById: actor.id },
        update: { value, updatedById: actor.id },
      });
    }
    const changed = changes.map(([key]) => key);
    await recordAuditEvent(tx, {
      actor,
      action: "settings.update",
      target: { type: "settings", id: "console" },
      before: Object.fromEntries(changed.map((key) => [key, current.get(key) ?? null])),
      after: Object.fromEntries(changes),
      metadata: { keys: changed },
    });
    return { changed };
  });
}
