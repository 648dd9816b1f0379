// Admin sets the month's FX rate (yen per unit of a foreign currency). Drafts generated
// afterwards use it and record it on the invoice; invoices already generated keep theirs.
import { Decimal } from "decimal.js";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";

export const setFxRateSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month-format"),
  fromCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "currency-code")
    .refine((c) => c !== "JPY", "currency-jpy"),
  // Up to 8 decimals, positive; kept as a string so it never passes through a float.
  rate: z
    .string()
    .trim()
    .regex(/^\d{1,10}(\.\d{1,8})?$/, "fx-rate-format")
    .refine((r) => new Decimal(r).gt(0), "fx-rate-positive"),
});

export async function setFxRate({ actor, ...input }: z.infer<typeof setFxRateSchema> & { actor: Actor }) {
  assertAllowed(actor, "admin.fxRates");
  return db.$transaction(async (tx) => {
    const key = { month: input.month, fromCurrency: input.fromCurrency, toCurrency: "JPY" };
    const existing = await tx.fxRate.findUnique({ where: { month_fromCurrency_toCurrency: key } });
    if (existing && new Decimal(existing.rate.toString()).eq(input.rate))
      return { ...key, rate: existing.rate.toString(), changed: false };
    const saved = await tx.fxRate.upsert({
      where: { month_fromCurrency_toCurrency: key },
      create: { ...key, rate: input.rate, setById: actor.id },
      update: { rate: input.rate, setById: actor.id },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "fxRate.set",
      target: { type: "fxRate", id: `${input.month}:${input.fromCurrency}/JPY` },
      before: existing ? { rate: existing.rate.toString() } : null,
      after: { rate: saved.rate.toString() },
    });
    return { ...key, rate: saved.rate.toString(), changed: true };
  });
}

export async function listFxRates() {
  const rows = await db.fxRate.findMany({ orderBy: [{ month: "desc" }, { fromCurrency: "asc" }], take: 120 });
  return rows.map((r) => ({
    month: r.month,
    fromCurrency: r.fromCurrency,
    toCurrency: r.toCurrency,
    rate: r.rate.toString(),
    updatedAt: r.createdAt,
  }));
}
