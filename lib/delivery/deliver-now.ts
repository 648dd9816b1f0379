// Right after the release (or a retry) commits, the server action delivers this invoice
// itself within a bounded wait, so the person sees the outcome at once. What does not finish
// in time stays pending for the worker; a delivery a worker holds is left to it.
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { DELIVERY_SERVICES } from "@/lib/release/release-invoice";
import { deliveryViews } from "@/lib/release/release-status";
import { claimForInvoice, releaseClaim } from "./claim";
import { deliverClaimed, type DeliveryDeps } from "./deliver";

export const DELIVER_NOW_BUDGET_MS = 5_000;

export async function deliveryStates(invoiceId: string) {
  const rows = await db.delivery.findMany({
    where: { invoiceId },
    select: {
      id: true,
      service: true,
      status: true,
      attempts: true,
      lastError: true,
      externalId: true,
      externalUrl: true,
      sentAt: true,
      nextAttemptAt: true,
    },
  });
  return deliveryViews(rows);
}

export async function deliverInvoiceNow(
  invoiceId: string,
  deps: DeliveryDeps,
  actor: AuditActor,
  budgetMs = DELIVER_NOW_BUDGET_MS,
) {
  const deadline = Date.now() + budgetMs;
  for (const service of DELIVERY_SERVICES) {
    const remaining = deadline - Date.now();
    if (remaining < 250) break;
    if (service === "CRM") {
      const document = await db.delivery.findUnique({
        where: { invoiceId_service: { invoiceId, service: "DOCUMENTS" } },
        select: { status: true },
      });
      if (document?.status !== "SENT") break;
    }
    const claim = await claimForInvoice("console", invoiceId, service, deps.policy.leaseMs);
    if (!claim) continue;
    if (deadline - Date.now() < 250) {
      await releaseClaim(claim);
      break;
    }
    const timeoutMs = Math.min(deps.policy.timeoutMs, deadline - Date.now());
    await deliverClaimed(claim, deps, actor, { timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
  }
  return deliveryStates(invoiceId);
}
