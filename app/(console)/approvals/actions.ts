"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { BULK_APPROVE_LIMIT, bulkApprove } from "@/lib/gate/bulk-approve";
import { localizeRefusal } from "@/lib/i18n/refusals";
import { getLocale } from "@/lib/i18n/server";

const bulkApproveSchema = z.object({
  items: z
    .array(z.object({ invoiceId: z.uuid(), expectedVersion: z.number().int().positive() }))
    .min(1, "select-invoices")
    .max(BULK_APPROVE_LIMIT, "too-many-invoices"),
});

// The role check runs in the wrapper; "opened in this version" and every gate rule run per
// invoice in the command, which records each refusal.
export const bulkApproveAction = action(
  { schema: bulkApproveSchema, permission: "approvals.view" },
  async (input, { actor }) => {
    const results = await bulkApprove({ actor, items: input.items });
    revalidatePath("/approvals");
    for (const r of results) if (r.ok) revalidatePath(`/invoices/${r.invoiceId}`);
    const locale = await getLocale();
    return results.map((r) =>
      r.ok
        ? r
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
