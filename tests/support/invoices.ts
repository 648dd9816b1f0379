// Invoices in a given gate state, built through the gate's own commands (submit, approve),
// for release and delivery tests. Each call makes its own customer and people.
import { db } from "@/lib/db";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import type { Role } from "@/lib/generated/prisma/enums";
import { contentHash, snapshotOf } from "@/lib/invoices/snapshot";
import { registrationNumberFrom } from "@/lib/customers/registration-number";
import { actorOf, createUser, uniqueSuffix } from "./db";

export const ISSUER_FOR_TESTS = {
  name: "株式会社テスト発行",
  nameLatin: "Test Issuer K.K.",
  registrationNumber: registrationNumberFrom("010401123456"),
  postalCode: "100-0001",
  address: "東京都千代田区千代田1-1",
  phone: "03-0000-0000",
  bank: "テスト銀行 本店 普通 0000001 カ)テストハッコウ",
};

export async function person(...roles: Role[]) {
  return actorOf(await createUser(roles));
}

export async function applyReleaseSettings(
  settings: { prefix?: string; fiscalYearStartMonth?: number; issuer?: unknown } = {},
) {
  const values: Array<[string, unknown]> = [
    ["issuer", settings.issuer ?? ISSUER_FOR_TESTS],
    ["invoice.numberPrefix", settings.prefix ?? "INV"],
    ["invoice.fiscalYearStartMonth", settings.fiscalYearStartMonth ?? 4],
  ];
  for (const [key, value] of values)
    await db.setting.upsert({
      where: { key },
      create: { key, value: value as never },
      update: { value: value as never },
    });
}

/**
 * A draft with one 10% line of `amount` yen and its tax (floor), in its own customer, due on the
 * 28th of its month unless `dueDate` (YYYY-MM-DD, or null for none) says otherwise.
 */
export async function draftInvoice(amount = 100_000n, month = "2032-01", dueDate: string | null = `${month}-28`) {
  const s = uniqueSuffix();
  const customer = await db.customer.create({
    data: {
      code: `R${s}`,
      name: `リリース商事${s}`,
      nameKana: "リリースショウジ",
      billingGroups: { create: { name: "Default", isDefault: true, recipientName: `リリース商事${s}` } },
    },
    include: { billingGroups: true },
  });
  const tax = amount / 10n;
  const base = {
    kind: "INVOICE" as const,
    month,
    customerId: customer.id,
    billingGroupId: customer.billingGroups[0]!.id,
    correctsInvoiceId: null,
    recipientName: customer.name,
    recipientDept: "経理部",
    recipientAddress: null,
    dueDate: dueDate === null ? null : new Date(`${dueDate}T00:00:00Z`),
    notesPrinted: null,
    notesInternal: null,
    currency: "JPY",
    fxRates: [],
    taxRounding: "FLOOR",
    subtotalJpy: amount,
    taxJpy: tax,
    totalJpy: amount + tax,
    taxBreakdown: [{ taxRate: "STANDARD_10", baseJpy: amount.toString(), taxJpy: tax.toString() }],
  };
  const line = {
    position: 1,
    kind: "MANUAL",
    manual: true,
    edited: false,
    projectId: null,
    serviceId: null,
    serviceDescription: null,
    description: "クラウド運用サービス",
    quantity: "1",
    unit: "式",
    unitPriceJpy: amount.toString(),
    amountJpy: amount,
    taxRate: "STANDARD_10",
    reason: null,
    sourceCost: null,
    sourceCurrency: null,
    fxRate: null,
  };
  const hash = contentHash(snapshotOf({ ...base, lines: [line] }));
  return db.invoice.create({
    data: {
      ...base,
      taxRounding: "FLOOR",
      contentHash: hash,
      lines: { create: { ...line, kind: "MANUAL", taxRate: "STANDARD_10" } },
      versions: { create: { version: 1, cause: "generated", contentHash: hash, snapshot: {} } },
    },
  });
}

/** Submitted by one finance person and approved by one manager. */
export async function approvedInvoice(
  amount = 100_000n,
  people?: { finance: Awaited<ReturnType<typeof person>>; manager: Awaited<ReturnType<typeof person>> },
  dueDate?: string | null,
) {
  const finance = people?.finance ?? (await person("FINANCE"));
  const manager = people?.manager ?? (await person("MANAGER"));
  const invoice = await draftInvoice(amount, undefined, dueDate);
  await submitInvoice({ actor: finance, invoiceId: invoice.id, expectedVersion: 1 });
  await approveInvoice({ actor: manager, invoiceId: invoice.id, expectedVersion: 1 });
  return { invoice, finance, manager };
}
