// Finance sends a failed delivery again: it becomes pending with a fresh attempt budget (the
// same idempotency key, so a service that did act answers with its first response).
import { Refusal } from "@/lib/errors";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

export async function retryDelivery({ actor, deliveryId }: { actor: Actor; deliveryId: string }) {
  const delivery = await db.delivery.findUnique({ where: { id: deliveryId }, select: { invoiceId: true } });
  if (!delivery) throw new Refusal("NOT_FOUND", "not-found", "No such delivery.");
  return withRefusalAudit(actor, "delivery.retry", { type: "invoice", id: delivery.invoiceId }, () =>
    db.$transaction(async (tx) => {
      assertAllowed(actor, "delivery.retry");
      const [row] = await tx.$queryRaw<
        Array<{ status: string; attempts: number; lastError: string | null; service: string; held: boolean }>
      >`
        SELECT status::text, attempts, "lastError", service::text,
               ("claimedUntil" IS NOT NULL AND "claimedUntil" > now()) AS held
        FROM "Delivery" WHERE id = ${deliveryId}::uuid FOR UPDATE`;
      if (!row) throw new Refusal("NOT_FOUND", "not-found", "No such delivery.");
      if (row.status === "SENT") throw new Refusal("ALREADY_DONE", "already-sent", "This delivery was already sent.");
      if (row.held)
        throw new Refusal(
          "CONFLICT",
          "in-flight",
          "This delivery is being sent right now. Wait a moment and look again.",
        );
      await tx.delivery.update({
        where: { id: deliveryId },
        data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), claimedBy: null, claimedUntil: null },
      });
      await recordAuditEvent(tx, {
        actor,
        action: "delivery.retry",
        target: { type: "invoice", id: delivery.invoiceId },
        before: { service: row.service, status: row.status, attempts: row.attempts, lastError: row.lastError },
        after: { service: row.service, status: "PENDING", attempts: 0 },
      });
      return { deliveryId, invoiceId: delivery.invoiceId };
    }),
  );
}
