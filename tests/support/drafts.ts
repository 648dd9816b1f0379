// Customers with billing groups, projects, a pricing contract and usage, for tests of draft
// generation. Each call makes its own customer; usage goes in as its own batch, under its own
// billing account, so every call adds to what is billed whatever else the month holds.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { lockInvoiceForGate } from "@/lib/gate/load-for-gate";
import type { Prisma } from "@/lib/generated/prisma/client";
import { rollupUsageLines } from "@/lib/usage/usage-rollup";
import { uniqueSuffix } from "./db";

export interface UsageRow {
  projectId: string;
  service: string;
  currency: string;
  cost: string;
  credits?: string;
  month: string;
  /** The SKU (id and description); "sku" when the test does not care. */
  sku?: string;
}

export async function addUsage(rows: UsageRow[]) {
  const batch = await db.usageBatch.create({
    data: { fileName: "t.csv", format: "GCP_CSV", sha256: randomUUID(), rowCount: rows.length, months: [], totals: {} },
  });
  const account = `BA-${uniqueSuffix()}`;
  const records = JSON.stringify(rows.map((r, i) => ({ credits: "0", sku: "sku", ...r, lineNo: i + 2 })));
  await db.$executeRaw`
    INSERT INTO "UsageLine" ("batchId", "lineNo", "invoiceMonth", "billingAccountId", "projectId", "serviceId",
                             "serviceDescription", "skuId", "skuDescription", cost, credits, currency, "usageAmount",
                             "usageUnit")
    SELECT ${batch.id}::uuid, r."lineNo", r.month, ${account}, r."projectId",
           upper(regexp_replace(r.service, '[^A-Za-z0-9_]', '', 'g')), r.service, r.sku, r.sku,
           r.cost::numeric, r.credits::numeric, r.currency, 1, 'h'
    FROM jsonb_to_recordset(${records}::jsonb)
      AS r("lineNo" int, month text, "projectId" text, service text, sku text, cost text, credits text, currency text)`;
  await rollupUsageLines([batch.id]);
}

/**
 * A customer with the named billing groups (the first is its default group unless
 * `noDefaultGroup`), one project in each, and a contract from 2031-01 with the given terms.
 */
export async function customerWithGroups(options: {
  groups: string[];
  noDefaultGroup?: boolean;
  contract: Omit<Prisma.PricingContractUncheckedCreateInput, "customerId" | "name" | "fromMonth">;
  fixedFees?: Array<{ description: string; amountJpy: bigint }>;
}) {
  const s = uniqueSuffix();
  const customer = await db.customer.create({
    data: { code: `F${s}`, name: `株式会社料金${s}`, nameKana: "リョウキン" },
  });
  const groups = [];
  for (const [i, name] of options.groups.entries()) {
    const group = await db.billingGroup.create({
      data: {
        customerId: customer.id,
        name,
        isDefault: i === 0 && !options.noDefaultGroup,
        recipientName: customer.name,
        recipientDept: name,
      },
    });
    const projectId = `p-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${s}`;
    await db.project.create({ data: { id: projectId, name: projectId, firstSeenMonth: "2031-01" } });
    await db.projectAssignment.create({
      data: { projectId, customerId: customer.id, billingGroupId: group.id, fromMonth: "2031-01" },
    });
    groups.push({ ...group, projectId });
  }
  const contract = await db.pricingContract.create({
    data: {
      ...options.contract,
      customerId: customer.id,
      name: "test contract",
      fromMonth: "2031-01",
      fixedFees: { create: options.fixedFees ?? [] },
    },
  });
  return { customer, groups, contract };
}

/** The customer's invoices of the month by billing group name, with their lines in order. */
export async function invoicesByGroup(customerId: string, month: string) {
  const invoices = await db.invoice.findMany({
    where: { customerId, month, kind: "INVOICE" },
    include: { lines: { orderBy: { position: "asc" } }, billingGroup: { select: { name: true } } },
  });
  return new Map(invoices.map((i) => [i.billingGroup.name, i]));
}

/** What was written is what was hashed: the gate, recomputing the hash from the rows, agrees. */
export async function expectHashHolds(invoice: { id: string; contentHash: string }) {
  const locked = await db.$transaction((tx) => lockInvoiceForGate(tx, invoice.id));
  expect(locked.currentHash).toBe(invoice.contentHash);
}
