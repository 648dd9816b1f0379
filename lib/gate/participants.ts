// Who took part in an invoice, over its whole history: the facts the separation rule reads.
// Every command that makes someone ineligible to decide on an invoice (submit, edit, request a
// correction) records it here in its own transaction; the gate reads them under the row lock.
// Rows are never updated or deleted (a trigger refuses it), so no later round, resubmission
// or regeneration can hide an earlier act, unlike `Invoice.submittedById`, which only names
// the latest submitter.
import type { Tx } from "@/lib/db";
import type { Disqualification, Disqualified } from "@/lib/authz/policy";
import type { InvoiceAct } from "@/lib/generated/prisma/enums";

/** The refusal rule each act leads to. */
export const RULE_OF_ACT: Record<InvoiceAct, Disqualification> = {
  SUBMITTED: "own-submission",
  EDITED: "own-edit",
  CORRECTION_REQUESTED: "own-correction",
};

export async function recordParticipant(
  tx: Tx,
  fact: { invoiceId: string; userId: string | null; act: InvoiceAct; version: number },
) {
  // The system (CLI, worker) acts under no person's name, and no person is made ineligible.
  if (fact.userId === null) return;
  await tx.invoiceParticipant.create({
    data: { invoiceId: fact.invoiceId, userId: fact.userId, act: fact.act, version: fact.version },
  });
}

/** The people disqualified from deciding, each with the rule, from an invoice's participant rows. */
export function disqualifiedFrom(rows: ReadonlyArray<{ userId: string; act: InvoiceAct }>): Disqualified {
  const map = new Map<string, Set<Disqualification>>();
  for (const r of rows) {
    const rules = map.get(r.userId) ?? new Set<Disqualification>();
    rules.add(RULE_OF_ACT[r.act]);
    map.set(r.userId, rules);
  }
  return new Map([...map].map(([id, rules]) => [id, [...rules]]));
}
