"use server";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { requestJobRun } from "@/lib/jobs/request-run";

export const runJobNowAction = action(
  { schema: z.object({ job: z.string().min(1).max(64) }), permission: "admin.jobs" },
  ({ job }, { actor }) => requestJobRun(actor, job),
);
