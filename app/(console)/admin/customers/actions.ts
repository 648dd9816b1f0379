"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { setPeppolParticipant, setPeppolParticipantSchema } from "@/lib/customers/set-peppol-participant";
import { setContractFeeGroup, setContractFeeGroupSchema } from "@/lib/pricing/set-contract-fee-group";

export const setPeppolParticipantAction = action(
  { schema: setPeppolParticipantSchema, permission: "admin.customers" },
  async (input, { actor }) => {
    const result = await setPeppolParticipant({ actor, ...input });
    revalidatePath("/admin/customers");
    return result;
  },
);

export const setContractFeeGroupAction = action(
  { schema: setContractFeeGroupSchema, permission: "admin.contracts" },
  async (input, { actor }) => {
    const result = await setContractFeeGroup({ actor, ...input });
    revalidatePath("/admin/customers");
    return result;
  },
);
