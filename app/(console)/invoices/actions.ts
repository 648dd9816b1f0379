"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { rejectInvoice } from "@/lib/gate/reject-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";

const target = z.object({ invoiceId: z.uuid(), expectedVersion: z.number().int().positive() });

export const submitInvoiceAction = action(
  { schema: target, permission: "invoice.submit" },
  async (input, { actor }) => {
    const result = await submitInvoice({ actor, ...input });
    revalidatePath(`/invoices/${input.invoiceId}`);
    return result;
  },
);

// The policy's role check runs in the wrapper; the person-level rules run in the command.
export const approveInvoiceAction = action(
  { schema: target, permission: "approvals.view" },
  async (input, { actor }) => {
    const result = await approveInvoice({ actor, ...input });
    revalidatePath(`/invoices/${input.invoiceId}`);
    return result;
  },
);

export const rejectInvoiceAction = action(
  {
    schema: target.extend({ reason: z.string().trim().min(1, "reason-required").max(1000, "too-long") }),
    permission: "approvals.view",
  },
  async (input, { actor }) => {
    const result = await rejectInvoice({ actor, ...input });
    revalidatePath(`/invoices/${input.invoiceId}`);
    return result;
  },
);
