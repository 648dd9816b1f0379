"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { describeCheckpointOutcome, postAuditCheckpoint } from "@/lib/audit/post-audit-checkpoint";
import { deliverInvoiceNow } from "@/lib/delivery/deliver-now";
import { deliveryDeps } from "@/lib/delivery/deps";
import { retryDelivery } from "@/lib/delivery/retry-delivery";
import { localizeRefusal } from "@/lib/i18n/refusals";
import { getLocale } from "@/lib/i18n/server";
import { BULK_RELEASE_LIMIT, bulkRelease } from "@/lib/release/bulk-release";
import { createCorrection } from "@/lib/release/create-correction";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { logFor } from "@/lib/log/logger";

/**
 * After a release has committed and the answer has gone: the audit chain's head (with the
 * release's event) is checkpointed outside the database. A failure is logged; the worker's
 * hourly checkpoint covers it.
 */
function checkpointAfterRelease() {
  after(async () => {
    const outcome = await postAuditCheckpoint({ trigger: "release" }).catch((error: unknown) => ({
      kind: "failed" as const,
      error: error instanceof Error ? error.message : String(error),
    }));
    if (outcome.kind === "refused" || outcome.kind === "failed")
      logFor("audit").error({ kind: outcome.kind }, describeCheckpointOutcome(outcome));
  });
}

// Release commits first; only then are the services called, within a bounded wait.
export const releaseInvoiceAction = action(
  { schema: z.object({ invoiceId: z.uuid() }), permission: "invoice.release" },
  async ({ invoiceId }, { actor }) => {
    const released = await releaseInvoice({ actor, invoiceId });
    checkpointAfterRelease();
    const deliveries = await deliverInvoiceNow(invoiceId, deliveryDeps(), actor);
    revalidatePath(`/invoices/${invoiceId}`);
    if (released.voidedInvoiceId) revalidatePath(`/invoices/${released.voidedInvoiceId}`);
    return {
      number: released.number,
      deliveries: deliveries.map((d) => ({ service: d.service, status: d.status, lastError: d.lastError })),
    };
  },
);

export const retryDeliveryAction = action(
  { schema: z.object({ deliveryId: z.uuid() }), permission: "delivery.retry" },
  async ({ deliveryId }, { actor }) => {
    const { invoiceId } = await retryDelivery({ actor, deliveryId });
    const deliveries = await deliverInvoiceNow(invoiceId, deliveryDeps(), actor);
    revalidatePath(`/invoices/${invoiceId}`);
    revalidatePath("/releases");
    return { deliveries: deliveries.map((d) => ({ service: d.service, status: d.status, lastError: d.lastError })) };
  },
);

export const createCorrectionAction = action(
  {
    schema: z.object({
      invoiceId: z.uuid(),
      kind: z.enum(["VOID", "CREDIT_NOTE"]),
      reason: z.string().trim().min(5, "correction-reason").max(1000, "too-long"),
    }),
    permission: "invoice.correct",
  },
  async (input, { actor }) => {
    const correction = await createCorrection({ actor, ...input });
    revalidatePath(`/invoices/${input.invoiceId}`);
    return correction;
  },
);

/** How long a bulk release waits for the services in all, and how many invoices it sends at once. */
const BULK_DELIVER_BUDGET_MS = 10_000;
const BULK_DELIVER_CONCURRENCY = 4;

// Each selected invoice is released on its own (the gate checked again, per invoice, in its own
// transaction); then the released ones are delivered within one bounded wait, a few at a time.
// What does not finish stays pending for the delivery worker, as after a single release.
export const bulkReleaseAction = action(
  {
    schema: z.object({
      invoiceIds: z.array(z.uuid()).min(1, "select-invoices").max(BULK_RELEASE_LIMIT, "too-many-invoices"),
    }),
    permission: "invoice.release",
  },
  async ({ invoiceIds }, { actor }) => {
    const results = await bulkRelease({ actor, invoiceIds });
    const released = results.filter((r) => r.ok);
    if (released.length) checkpointAfterRelease();
    const deadline = Date.now() + BULK_DELIVER_BUDGET_MS;
    const deliveries = new Map<string, Awaited<ReturnType<typeof deliverInvoiceNow>>>();
    const queue = [...released];
    await Promise.all(
      Array.from({ length: BULK_DELIVER_CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const budget = deadline - Date.now();
          deliveries.set(
            next.invoiceId,
            await deliverInvoiceNow(next.invoiceId, deliveryDeps(), actor, Math.max(0, budget)),
          );
        }
      }),
    );
    revalidatePath("/releases");
    for (const r of released) {
      revalidatePath(`/invoices/${r.invoiceId}`);
      if (r.voidedInvoiceId) revalidatePath(`/invoices/${r.voidedInvoiceId}`);
    }
    const locale = await getLocale();
    return results.map((r) =>
      r.ok
        ? {
            ...r,
            deliveries: (deliveries.get(r.invoiceId) ?? []).map((d) => ({ service: d.service, status: d.status })),
          }
        : {
            ...r,
            message: localizeRefusal(
              { code: r.code, message: r.message, details: { rule: r.rule, params: r.params } },
              locale,
            ),
          },
    );
  },
);
