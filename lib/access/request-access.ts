// Support asks for time-limited access to one customer's unmasked contact and bank data,
// saying why. A manager decides (decide-access.ts).
import { Refusal } from "@/lib/errors";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { UUID } from "@/lib/uuid";

export const REASON_MIN = 5;
export const REASON_MAX = 500;

export interface AccessGrantDto {
  id: string;
  customerId: string;
  status: "REQUESTED" | "APPROVED" | "REJECTED" | "EXPIRED";
  reason: string;
  createdAt: string;
  expiresAt: string | null;
}

export function requestAccess({
  actor,
  customerId,
  reason,
  now = new Date(),
}: {
  actor: Actor;
  customerId: string;
  reason: string;
  now?: Date;
}): Promise<AccessGrantDto> {
  return withRefusalAudit(actor, "accessGrant.request", { type: "customer", id: customerId }, () =>
    db.$transaction(async (tx) => {
      const customer = UUID.test(customerId)
        ? await tx.customer.findUnique({ where: { id: customerId }, select: { id: true } })
        : null;
      if (!customer) throw new Refusal("NOT_FOUND", "not-found", "No such customer.");
      assertAllowed(actor, "accessGrant.request");
      const text = reason.trim();
      if (text.length < REASON_MIN || text.length > REASON_MAX)
        throw new Refusal(
          "INVALID_INPUT",
          "access-reason",
          `Say why you need the data (${REASON_MIN} to ${REASON_MAX} characters).`,
          { min: REASON_MIN, max: REASON_MAX },
        );
      // One open request or grant per person and customer, also under concurrent requests.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`access:${actor.id}:${customerId}`}, 0))`;
      const open = await tx.accessGrant.findFirst({
        where: {
          requesterId: actor.id,
          customerId,
          OR: [{ status: "REQUESTED" }, { status: "APPROVED", expiresAt: { gt: now } }],
        },
        select: { status: true },
      });
      if (open)
        throw open.status === "REQUESTED"
          ? new Refusal(
              "ALREADY_DONE",
              "open-request",
              "You already asked for access to this customer; a manager has not decided yet.",
            )
          : new Refusal("ALREADY_DONE", "access-active", "You already have access to this customer.");
      const grant = await tx.accessGrant.create({ data: { customerId, requesterId: actor.id, reason: text } });
      await recordAuditEvent(tx, {
        actor,
        action: "accessGrant.request",
        target: { type: "accessGrant", id: grant.id },
        reason: text,
        after: { status: grant.status },
        metadata: { customerId },
      });
      return {
        id: grant.id,
        customerId,
        status: grant.status,
        reason: grant.reason,
        createdAt: grant.createdAt.toISOString(),
        expiresAt: null,
      };
    }),
  );
}
