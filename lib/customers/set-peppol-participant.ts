// An admin sets or removes a customer's Peppol participant ID (where it receives e-invoices).
// Loads the customer, checks the permission, validates scheme and value (lib/einvoice/participant.ts),
// then writes the change and its audit event in one transaction. Released e-invoices keep the
// address they were issued with: the XML is stored once.
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { participantProblem } from "@/lib/einvoice/participant";
import { AppError } from "@/lib/errors";
import { searchText } from "@/lib/http/search-params";

export const setPeppolParticipantSchema = z.object({
  customerId: z.uuid(),
  // Both empty: remove the participant ID.
  scheme: z.string().trim().max(4),
  id: z
    .string()
    .trim()
    .max(20)
    .transform((v) => v.toUpperCase()),
});

export async function setPeppolParticipant({
  actor,
  customerId,
  scheme,
  id,
}: z.infer<typeof setPeppolParticipantSchema> & { actor: Actor }) {
  assertAllowed(actor, "admin.customers");
  const clear = scheme === "" && id === "";
  const problem = clear ? null : participantProblem(scheme, id);
  if (problem) {
    throw new AppError("INVALID_INPUT", `The Peppol participant ID ${scheme}:${id} is not valid (${problem}).`, {
      details: { rule: "peppol-participant" },
      fieldErrors: problem === "scheme" ? { scheme: [problem] } : { id: [problem] },
    });
  }
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({
      where: { id: customerId },
      select: { id: true, code: true, peppolScheme: true, peppolId: true },
    });
    if (!customer) throw new AppError("NOT_FOUND", "No such customer.", { details: { rule: "not-found" } });
    const next = clear ? { peppolScheme: null, peppolId: null } : { peppolScheme: scheme, peppolId: id };
    if (customer.peppolScheme === next.peppolScheme && customer.peppolId === next.peppolId)
      return { code: customer.code, ...next, changed: false };
    await tx.customer.update({ where: { id: customerId }, data: next });
    await recordAuditEvent(tx, {
      actor,
      action: "customer.peppolParticipant",
      target: { type: "customer", id: customerId },
      before: { peppolScheme: customer.peppolScheme, peppolId: customer.peppolId },
      after: next,
    });
    return { code: customer.code, ...next, changed: true };
  });
}

/** The admin customers page's query string (lib/http/search-params.ts). */
export const adminCustomersSearchSchema = z.object({ q: searchText().optional() });

/** Customers for the admin page: by code or name (partial), at most 50. */
export async function findCustomersForAdmin(query: string) {
  const q = query.trim();
  return db.customer.findMany({
    where: q
      ? {
          OR: [
            { code: { contains: q, mode: "insensitive" } },
            { name: { contains: q, mode: "insensitive" } },
            { nameKana: { contains: q } },
          ],
        }
      : {},
    orderBy: { code: "asc" },
    take: 50,
    select: { id: true, code: true, name: true, registrationNumber: true, peppolScheme: true, peppolId: true },
  });
}
