"use server";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { confirmUsageBatch } from "@/lib/usage/confirm-usage-batch";

export const confirmUsageBatchAction = action(
  { schema: z.object({ batchId: z.uuid(), mode: z.enum(["replace", "append"]) }), permission: "usage.import" },
  (input, { actor }) => confirmUsageBatch({ actor, ...input }),
);
