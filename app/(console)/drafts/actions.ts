"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { generateDrafts } from "@/lib/invoices/generate-drafts";

const schema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month-format") });

export const generateDraftsAction = action({ schema, permission: "drafts.generate" }, async ({ month }, { actor }) => {
  const summary = await generateDrafts({ actor, month });
  revalidatePath("/drafts");
  return summary;
});
