"use server";
// Editing an invoice from its page. The wrapper checks the permission; the command checks it
// again with the invoice under its lock, validates the changes (field errors keyed by path)
// and refuses a stale save with who changed what, in the person's language.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { getLocale } from "@/lib/i18n/server";
import { editInvoice } from "@/lib/invoices/edit-invoice";

const schema = z.object({
  invoiceId: z.uuid(),
  expectedVersion: z.number().int().positive(),
  // Validated by the command's own schema (editChangesSchema), whatever the caller sends.
  changes: z.record(z.string(), z.unknown()),
});

export const editInvoiceAction = action({ schema, permission: "invoice.edit" }, async (input, { actor }) => {
  const result = await editInvoice({
    actor,
    invoiceId: input.invoiceId,
    expectedVersion: input.expectedVersion,
    changes: input.changes,
    locale: await getLocale(),
  });
  if (result.changed) revalidatePath(`/invoices/${input.invoiceId}`);
  return result;
});
