// The scheduler in the worker process: every job of lib/jobs/definitions.ts is a pg-boss queue
// with a cron schedule (Japan time). pg-boss files each occurrence under a singleton key per
// time slot, so however many workers run, one job is created per occurrence and one worker
// fetches it (SKIP LOCKED); runJob's unique pg-boss id guards the run itself.
import type { PgBoss } from "pg-boss";
import { logFor } from "@/lib/log/logger";
import { createBoss } from "./boss";
import { JOB_TIME_ZONE, type JobDefinition, jobDefinitions } from "./definitions";
import { type JobTrigger, runJob } from "./run-job";

const log = logFor("scheduler");

type JobData = { trigger?: JobTrigger; requestedById?: string | null };

export async function ensureQueue(boss: PgBoss, name: string) {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name);
  } catch (error) {
    // Another worker created it first.
    if (!(error instanceof Error && error.message.includes("already exists"))) throw error;
  }
}

export async function startScheduler({
  worker,
  definitions = jobDefinitions(),
  cronMonitorSeconds,
  pollSeconds = 2,
}: {
  worker: string;
  definitions?: JobDefinition[];
  cronMonitorSeconds?: number;
  pollSeconds?: number;
}): Promise<{ stop: () => Promise<void> }> {
  const boss = createBoss({ role: "scheduler", cronMonitorSeconds });
  await boss.start();
  for (const definition of definitions) {
    await ensureQueue(boss, definition.name);
    await boss.schedule(definition.name, definition.cron, { trigger: "schedule" }, { tz: JOB_TIME_ZONE });
    await boss.work<JobData>(definition.name, { pollingIntervalSeconds: pollSeconds }, async (jobs) => {
      for (const job of jobs)
        await runJob(definition, {
          trigger: job.data?.trigger === "manual" ? "manual" : "schedule",
          bossJobId: job.id,
          requestedById: job.data?.requestedById ?? null,
          worker,
        });
    });
  }
  log.info({ worker, jobs: definitions.map((d) => `${d.name} (${d.cron})`) }, "scheduler started");
  return { stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
