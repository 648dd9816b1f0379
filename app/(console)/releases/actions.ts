"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { deliverInvoiceNow } from "@/lib/delivery/deliver-now";
import { deliveryDeps } from "@/lib/delivery/deps";
import { retryDelivery } from "@/lib/delivery/retry-delivery";
import { createCorrection } from "@/lib/release/create-correction";
import { releaseInvoice } from "@/lib/release/release-invoice";

// Release commits first; only then are the services called, within a bounded wait.
export const releaseInvoiceAction = action(
  { schema: z.object({ invoiceId: z.uuid() }), permission: "invoice.release" },
  async ({ invoiceId }, { actor }) => {
    const released = await releaseInvoice({ actor, invoiceId });
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
      reason: z.string().trim().min(5, "At least 5 characters.").max(1000),
    }),
    permission: "invoice.correct",
  },
  async (input, { actor }) => {
    const correction = await createCorrection({ actor, ...input });
    revalidatePath(`/invoices/${input.invoiceId}`);
    return correction;
  },
);
