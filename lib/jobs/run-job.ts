// One run of a scheduled job: claimed once by its pg-boss job id (a job handed out again after
// a lapsed lease does not run twice), run, then its outcome and the audit event written in one
// transaction. A failing job is recorded as a failure, not retried: the next schedule runs it.
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { errorFields, logFor } from "@/lib/log/logger";
import type { JobDefinition } from "./definitions";

const log = logFor("jobs");

export type JobTrigger = "schedule" | "manual";

export type JobRunResult = { runId: string; outcome: "SUCCESS" | "FAILURE"; summary: string };

export async function runJob(
  definition: JobDefinition,
  options: { trigger: JobTrigger; bossJobId: string | null; requestedById?: string | null; worker: string; now?: Date },
): Promise<JobRunResult | null> {
  const claimed = await db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "JobRun" (id, job, trigger, "bossJobId", "requestedById", worker)
    VALUES (gen_random_uuid(), ${definition.name}, ${options.trigger}, ${options.bossJobId},
            ${options.requestedById ?? null}::uuid, ${options.worker})
    ON CONFLICT ("bossJobId") DO NOTHING
    RETURNING id::text`;
  const runId = claimed[0]?.id;
  if (!runId) return null;
  const started = performance.now();
  let outcome: JobRunResult["outcome"] = "SUCCESS";
  let summary: string;
  try {
    summary = await definition.run({ now: options.now ?? new Date() });
  } catch (error) {
    outcome = "FAILURE";
    summary = error instanceof Error ? error.message : String(error);
    log.error({ job: definition.name, runId, ...errorFields(error) }, "job failed");
  }
  summary = summary.slice(0, 1000);
  const durationMs = Math.round(performance.now() - started);
  await db.$transaction(async (tx) => {
    await tx.jobRun.update({ where: { id: runId }, data: { finishedAt: new Date(), outcome, summary } });
    await recordAuditEvent(tx, {
      actor: { id: null, email: `system:scheduler:${options.worker}` },
      action: "job.run",
      target: { type: "job", id: definition.name },
      outcome,
      reason: outcome === "FAILURE" ? summary : null,
      after: { runId, trigger: options.trigger, requestedById: options.requestedById ?? null, summary, durationMs },
    });
  });
  log.info({ job: definition.name, runId, trigger: options.trigger, outcome, durationMs }, "job run");
  return { runId, outcome, summary };
}
