// An admin names the billing group whose invoice carries a contract's contract-level fees (the
// monthly minimum's top-up and the fixed fees), or clears it (the customer's default group).
// Loads the contract under a row lock, checks the permission and that the group is the
// customer's, then writes the change and its audit event in one transaction. Drafts follow at
// their next generation; invoices already submitted or released keep what they charged. A refusal
// is audited with its rule and values (the transaction rolls back).
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const setContractFeeGroupSchema = z.object({
  contractId: z.uuid(),
  // Empty: the customer's default group.
  feeGroupId: z.union([z.uuid(), z.literal("")]),
});

export async function setContractFeeGroup({
  actor,
  contractId,
  feeGroupId: requested,
}: z.infer<typeof setContractFeeGroupSchema> & { actor: Actor }) {
  const feeGroupId = requested === "" ? null : requested;
  return withRefusalAudit(actor, "contract.feeGroup", { type: "contract", id: contractId }, () =>
    db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<
        Array<{ id: string }>
      >`SELECT id FROM "PricingContract" WHERE id = ${contractId}::uuid FOR UPDATE`;
      if (!locked) throw new AppError("NOT_FOUND", "No such contract.", { details: { rule: "not-found" } });
      const contract = await tx.pricingContract.findUniqueOrThrow({
        where: { id: contractId },
        select: {
          id: true,
          customerId: true,
          feeGroupId: true,
          customer: { select: { code: true, billingGroups: { select: { id: true, name: true, isDefault: true } } } },
        },
      });
      assertAllowed(actor, "admin.contracts");
      const groups = contract.customer.billingGroups;
      if (feeGroupId !== null && !groups.some((g) => g.id === feeGroupId))
        throw new AppError("INVALID_INPUT", "The fee group must be one of the customer's billing groups.", {
          details: { rule: "fee-group-other-customer" },
          fieldErrors: { feeGroupId: ["fee-group-other-customer"] },
        });
      if (feeGroupId === null && !groups.some((g) => g.isDefault))
        throw new AppError("INVALID_INPUT", "The customer has no default billing group: name the fee group.", {
          details: { rule: "fee-group-required" },
          fieldErrors: { feeGroupId: ["fee-group-required"] },
        });
      const name = (id: string | null) => (id === null ? null : (groups.find((g) => g.id === id)?.name ?? id));
      if (contract.feeGroupId === feeGroupId) return { contractId, feeGroupId, changed: false };
      await tx.pricingContract.update({ where: { id: contractId }, data: { feeGroupId } });
      await recordAuditEvent(tx, {
        actor,
        action: "contract.feeGroup",
        target: { type: "contract", id: contractId },
        before: { feeGroupId: contract.feeGroupId, feeGroupName: name(contract.feeGroupId) },
        after: { feeGroupId, feeGroupName: name(feeGroupId) },
        metadata: { customerCode: contract.customer.code },
      });
      return { contractId, feeGroupId, changed: true };
    }),
  );
}

export interface ContractFeeGroupChoice {
  contractId: string;
  contractName: string;
  fromMonth: string;
  feeGroupId: string | null;
  groups: Array<{ id: string; name: string; isDefault: boolean }>;
}

/** Each customer's latest contract with the billing groups it may charge its fees on. */
export async function listContractFeeGroups(customerIds: string[]): Promise<Map<string, ContractFeeGroupChoice>> {
  const contracts = await db.pricingContract.findMany({
    where: { customerId: { in: customerIds } },
    orderBy: [{ customerId: "asc" }, { fromMonth: "desc" }],
    distinct: ["customerId"],
    select: {
      id: true,
      customerId: true,
      name: true,
      fromMonth: true,
      feeGroupId: true,
      customer: {
        select: { billingGroups: { select: { id: true, name: true, isDefault: true }, orderBy: { name: "asc" } } },
      },
    },
  });
  return new Map(
    contracts.map((c) => [
      c.customerId,
      {
        contractId: c.id,
        contractName: c.name,
        fromMonth: c.fromMonth,
        feeGroupId: c.feeGroupId,
        groups: c.customer.billingGroups,
      },
    ]),
  );
}
