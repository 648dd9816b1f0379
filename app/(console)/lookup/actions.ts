"use server";
// The lookup's only mutation: support asks for time-limited access to one customer's
// unmasked data. Everything else on the lookup pages is read-only.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { REASON_MAX, REASON_MIN, requestAccess } from "@/lib/access/request-access";

export const requestAccessAction = action(
  {
    schema: z.object({
      customerId: z.uuid(),
      reason: z.string().trim().min(REASON_MIN, "access-reason-short").max(REASON_MAX, "too-long"),
    }),
    permission: "accessGrant.request",
  },
  async (input, { actor }) => {
    const result = await requestAccess({ actor, ...input });
    revalidatePath(`/lookup/customers/${input.customerId}`);
    return result;
  },
);
