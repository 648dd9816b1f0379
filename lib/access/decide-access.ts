// A manager approves a support person's access request for a chosen duration (at most 60
// minutes) or rejects it. Never their own request, whatever roles they hold.
import { Refusal } from "@/lib/errors";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { UUID } from "@/lib/uuid";
import type { AccessGrantDto } from "./request-access";

export const MAX_GRANT_MINUTES = 60;
export const GRANT_DURATIONS = [15, 30, 60] as const;

export type AccessDecision = { decision: "approve"; durationMinutes: number } | { decision: "reject"; note?: string };

export function decideAccess({
  actor,
  grantId,
  now = new Date(),
  ...choice
}: { actor: Actor; grantId: string; now?: Date } & AccessDecision): Promise<AccessGrantDto> {
  const action = choice.decision === "approve" ? "accessGrant.approve" : "accessGrant.reject";
  return withRefusalAudit(actor, action, { type: "accessGrant", id: grantId }, () =>
    db.$transaction(async (tx) => {
      if (!UUID.test(grantId)) throw new Refusal("NOT_FOUND", "not-found", "No such access request.");
      const [locked] = await tx.$queryRaw<
        Array<{ id: string }>
      >`SELECT id::text FROM "AccessGrant" WHERE id = ${grantId}::uuid FOR UPDATE`;
      if (!locked) throw new Refusal("NOT_FOUND", "not-found", "No such access request.");
      const grant = await tx.accessGrant.findUniqueOrThrow({ where: { id: grantId } });
      assertAllowed(actor, "accessGrant.decide", {
        kind: "accessGrant",
        grant: { requesterId: grant.requesterId },
      });
      if (grant.status !== "REQUESTED")
        throw new Refusal(
          "INVALID_STATE",
          "already-decided",
          `This request was already decided (${grant.status.toLowerCase()}).`,
        );
      const metadata = { customerId: grant.customerId, requesterId: grant.requesterId };

      if (choice.decision === "reject") {
        const updated = await tx.accessGrant.update({
          where: { id: grantId },
          data: { status: "REJECTED", approverId: actor.id, decidedAt: now },
        });
        await recordAuditEvent(tx, {
          actor,
          action,
          target: { type: "accessGrant", id: grantId },
          reason: choice.note?.trim() || null,
          before: { status: grant.status },
          after: { status: updated.status },
          metadata,
        });
        return dto(updated);
      }
      const minutes = choice.durationMinutes;
      if (!Number.isInteger(minutes) || minutes < 1)
        throw new Refusal("INVALID_INPUT", "duration", "Choose how long the access lasts.");
      if (minutes > MAX_GRANT_MINUTES)
        throw new Refusal("INVALID_INPUT", "duration-cap", `Access lasts at most ${MAX_GRANT_MINUTES} minutes.`, {
          max: MAX_GRANT_MINUTES,
        });
      const expiresAt = new Date(now.getTime() + minutes * 60_000);
      const updated = await tx.accessGrant.update({
        where: { id: grantId },
        data: { status: "APPROVED", approverId: actor.id, decidedAt: now, durationMinutes: minutes, expiresAt },
      });
      await recordAuditEvent(tx, {
        actor,
        action,
        target: { type: "accessGrant", id: grantId },
        before: { status: grant.status },
        after: { status: updated.status, durationMinutes: minutes, expiresAt: expiresAt.toISOString() },
        metadata,
      });
      return dto(updated);
    }),
  );
}

function dto(g: {
  id: string;
  customerId: string;
  status: AccessGrantDto["status"];
  reason: string;
  createdAt: Date;
  expiresAt: Date | null;
}): AccessGrantDto {
  return {
    id: g.id,
    customerId: g.customerId,
    status: g.status,
    reason: g.reason,
    createdAt: g.createdAt.toISOString(),
    expiresAt: g.expiresAt?.toISOString() ?? null,
  };
}
