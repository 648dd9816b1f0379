// The admin page's jobs: each with its schedule, last run (when, trigger, outcome, summary),
// whether one is running, and the next scheduled run.
import { db } from "@/lib/db";
import { jobDefinitions, type JobName, nextRun } from "./definitions";

export type JobView = {
  name: JobName;
  cron: string;
  nextRunAt: Date | null;
  running: boolean;
  lastRun: {
    startedAt: Date;
    finishedAt: Date | null;
    trigger: string;
    outcome: string | null;
    summary: string | null;
  } | null;
};

export async function listJobs(now = new Date()): Promise<JobView[]> {
  const definitions = jobDefinitions();
  const runs = await db.$queryRaw<
    Array<{
      job: string;
      startedAt: Date;
      finishedAt: Date | null;
      trigger: string;
      outcome: string | null;
      summary: string | null;
      running: boolean;
    }>
  >`
    SELECT DISTINCT ON (job) job, "startedAt", "finishedAt", trigger, outcome, summary,
      EXISTS (SELECT 1 FROM "JobRun" r WHERE r.job = j.job AND r."finishedAt" IS NULL) AS running
    FROM "JobRun" j
    WHERE "finishedAt" IS NOT NULL
    ORDER BY job, "startedAt" DESC`;
  const byJob = new Map(runs.map((r) => [r.job, r]));
  return definitions.map((d) => {
    const last = byJob.get(d.name);
    return {
      name: d.name,
      cron: d.cron,
      nextRunAt: nextRun(d.cron, now),
      running: last?.running ?? false,
      lastRun: last
        ? {
            startedAt: last.startedAt,
            finishedAt: last.finishedAt,
            trigger: last.trigger,
            outcome: last.outcome,
            summary: last.summary,
          }
        : null,
    };
  });
}
