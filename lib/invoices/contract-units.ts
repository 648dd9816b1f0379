// A month's drafts are generated per contract, not per billing group: the contract-level fees
// (the monthly minimum's top-up and the fixed fees) are charged once, on the contract's fee
// group, and the top-up follows every group's cost. So the billing groups of one customer's
// contract in force are priced and written together, as one unit, whichever of them asked.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Every billing group of the customers the given groups belong to: regenerating one group
 * regenerates its contract's unit, so the fee group's top-up stays right. Usage import calls
 * this too, to know which drafts a change of one group's usage affects.
 */
export async function contractUnitGroupIds(billingGroupIds: readonly string[]): Promise<string[]> {
  if (billingGroupIds.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT g.id::text AS id FROM "BillingGroup" g
    WHERE g."customerId" IN (
      SELECT x."customerId" FROM "BillingGroup" x WHERE x.id = ANY(${[...billingGroupIds]}::uuid[]))
    ORDER BY g.id`;
  return rows.map((r) => r.id);
}

export interface ContractUnit {
  customer: { id: string; code: string };
  contract: Prisma.PricingContractGetPayload<{ include: { fixedFees: true } }>;
  feeGroup: { id: string; name: string };
  /**
   * The groups with usage, those with a draft of the month (whose usage or fees may have gone
   * elsewhere since, so the draft must follow) and the fee group (which may have none), by name.
   */
  groups: Array<{
    id: string;
    customerId: string;
    name: string;
    isDefault: boolean;
    recipientName: string;
    recipientDept: string | null;
    recipientAddress: string | null;
  }>;
}

/** Why a billing group got no draft (screens translate it: lib/i18n/refusals.ts). */
export type SkipCode =
  | "no-contract"
  | "fee-group-missing"
  | "fee-group-none"
  | "not-regenerated"
  | "no-fx-rate"
  | "generated-meanwhile";

/** A group left out: its reason code with the values its text names, and English for logs. */
export interface UnitSkip {
  billingGroupId: string;
  customerCode: string;
  code: SkipCode;
  params?: Record<string, string>;
  reason: string;
}

/**
 * The contract units of a month for the billing groups that have usage in it, ordered by
 * customer code; and the groups that cannot be priced, with the reason. A group of the same
 * customer without usage but with a draft of the month is in its unit too: a fee group that
 * lost the fees to another group, or a group whose projects moved, must not keep charging them.
 */
export async function loadContractUnits(
  month: string,
  groupsWithUsage: readonly string[],
): Promise<{ units: ContractUnit[]; skipped: UnitSkip[] }> {
  const customers = await db.customer.findMany({
    where: { billingGroups: { some: { id: { in: [...groupsWithUsage] } } } },
    select: {
      id: true,
      code: true,
      billingGroups: {
        select: {
          id: true,
          customerId: true,
          name: true,
          isDefault: true,
          recipientName: true,
          recipientDept: true,
          recipientAddress: true,
          invoices: { where: { month, kind: "INVOICE", status: "DRAFT" }, select: { id: true }, take: 1 },
        },
      },
      contracts: {
        where: { fromMonth: { lte: month }, OR: [{ toMonth: null }, { toMonth: { gt: month } }] },
        orderBy: { fromMonth: "desc" },
        take: 1,
        include: { fixedFees: true },
      },
    },
  });
  const withUsage = new Set(groupsWithUsage);
  const units: ContractUnit[] = [];
  const skipped: UnitSkip[] = [];
  for (const customer of customers.sort((a, b) => a.code.localeCompare(b.code))) {
    const used = customer.billingGroups
      .filter((g) => withUsage.has(g.id) || g.invoices.length > 0)
      .map(withoutInvoices);
    const skipAll = (code: SkipCode, reason: string, params?: Record<string, string>) =>
      skipped.push(...used.map((g) => ({ billingGroupId: g.id, customerCode: customer.code, code, params, reason })));
    const contract = customer.contracts[0];
    if (!contract) {
      skipAll("no-contract", `no pricing contract in force for ${month}`, { month });
      continue;
    }
    const feeGroup = contract.feeGroupId
      ? customer.billingGroups.find((g) => g.id === contract.feeGroupId)
      : customer.billingGroups.find((g) => g.isDefault);
    if (!feeGroup) {
      if (contract.feeGroupId)
        skipAll(
          "fee-group-missing",
          "the contract's fee group is not one of the customer's billing groups: " +
            "choose it again under Administration > Customers",
        );
      else
        skipAll(
          "fee-group-none",
          "the contract names no fee group and the customer has no default billing group: " +
            "choose the fee group under Administration > Customers",
        );
      continue;
    }
    const groups = used.some((g) => g.id === feeGroup.id) ? used : [...used, withoutInvoices(feeGroup)];
    units.push({
      customer: { id: customer.id, code: customer.code },
      contract,
      feeGroup: { id: feeGroup.id, name: feeGroup.name },
      groups: groups.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    });
  }
  return { units, skipped };
}

function withoutInvoices<G extends { invoices: unknown }>({ invoices: _, ...group }: G): Omit<G, "invoices"> {
  return group;
}
