"use server";
// Managers decide support's access requests. The wrapper checks the role; the command checks
// the person (not their own request), the state and the 60-minute cap.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { decideAccess } from "@/lib/access/decide-access";

const grantId = z.uuid();

export const decideAccessAction = action(
  {
    schema: z.discriminatedUnion("decision", [
      z.object({
        grantId,
        decision: z.literal("approve"),
        durationMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]),
      }),
      z.object({ grantId, decision: z.literal("reject"), note: z.string().trim().max(500, "too-long").optional() }),
    ]),
    permission: "accessGrant.decide",
  },
  async (input, { actor }) => {
    const result = await decideAccess({ actor, ...input });
    revalidatePath("/access");
    return result;
  },
);
