"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { setPeppolParticipant, setPeppolParticipantSchema } from "@/lib/customers/set-peppol-participant";

export const setPeppolParticipantAction = action(
  { schema: setPeppolParticipantSchema, permission: "admin.customers" },
  async (input, { actor }) => {
    const result = await setPeppolParticipant({ actor, ...input });
    revalidatePath("/admin/customers");
    return result;
  },
);
