// The scheduled jobs: what each does and when (cron, Japan time). The worker runs them through
// pg-boss (lib/jobs/scheduler.ts); lib/jobs/run-job.ts records each run and its audit event.
import { CronExpressionParser } from "cron-parser";
import { expireAccessGrants } from "@/lib/access/expire-access-grants";
import { describeCheckpointOutcome, postAuditCheckpoint } from "@/lib/audit/post-audit-checkpoint";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { summarizeSuppressedRefusals } from "@/lib/audit/record-refused-request";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { sweepPassedSignInLocks } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { generateDrafts } from "@/lib/invoices/generate-drafts";
import { processUsageInbox } from "./usage-inbox";

export const JOB_TIME_ZONE = "Asia/Tokyo";

export type JobName =
  | "expire-access-grants"
  | "audit-verify"
  | "audit-checkpoint"
  | "summarize-refused-requests"
  | "sweep-sign-in-locks"
  | "sweep-delivery-leases"
  | "usage-inbox"
  | "generate-drafts";

export type JobDefinition = {
  name: JobName;
  cron: string;
  /** One line for the run's record: what the run did. Throws when the run failed. */
  run: (context: { now: Date }) => Promise<string>;
};

/** The month before `now`'s month in Japan time, as YYYY-MM. */
export function previousMonthInJapan(now: Date): string {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: JOB_TIME_ZONE, year: "numeric", month: "2-digit" })
    .format(now)
    .split("-")
    .map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}

const SYSTEM = (name: string) => ({ id: null, email: `system:${name}`, name, roles: ["FINANCE"] as const });

/** Each job's schedule, overridable by JOB_CRON_<NAME> (e.g. JOB_CRON_AUDIT_VERIFY="0 2 * * *"). */
export function jobDefinitions(env: Record<string, string | undefined> = process.env): JobDefinition[] {
  const cron = (name: JobName, fallback: string) =>
    env[`JOB_CRON_${name.toUpperCase().replaceAll("-", "_")}`]?.trim() || fallback;
  const draftsDay = Math.min(28, Math.max(1, Number(env.DRAFTS_GENERATE_DAY ?? 1) || 1));
  return [
    {
      name: "expire-access-grants",
      cron: cron("expire-access-grants", "* * * * *"),
      run: async ({ now }) => `${await expireAccessGrants({ now })} grant(s) expired`,
    },
    {
      name: "audit-verify",
      cron: cron("audit-verify", "30 2 * * *"),
      run: async () => {
        const status = await verifyAuditChain();
        // The result is itself an audit event: the metrics and the admin page read the last one.
        await recordAuditEventNow({
          actor: { id: null, email: "system:audit-verify" },
          action: "audit.verify",
          outcome: status.ok ? "SUCCESS" : "FAILURE",
          reason: status.ok ? null : `the chain breaks at event ${status.broken?.seq}`,
          after: { verified: status.verified, lastSeq: status.last ? String(status.last.seq) : null },
        });
        if (!status.ok) throw new Error(`audit chain broken at event ${status.broken?.seq}`);
        return `${status.verified} event(s) verified`;
      },
    },
    {
      name: "audit-checkpoint",
      cron: cron("audit-checkpoint", "0 * * * *"),
      run: async () => {
        // Posts the verified head to the document service; a refused chain or an unreachable
        // service is a failed run (the next hour tries again; a release posts one too).
        const outcome = await postAuditCheckpoint({ trigger: "schedule" });
        const line = describeCheckpointOutcome(outcome);
        if (outcome.kind === "refused" || outcome.kind === "failed") throw new Error(line);
        return line;
      },
    },
    {
      name: "summarize-refused-requests",
      cron: cron("summarize-refused-requests", "* * * * *"),
      run: async ({ now }) => {
        // A client's refusals past the per-minute limit are counted, then summarised in one event.
        const { summarized } = await summarizeSuppressedRefusals({ now });
        return `${summarized} window(s) of suppressed refusals summarised`;
      },
    },
    {
      name: "sweep-sign-in-locks",
      cron: cron("sweep-sign-in-locks", "*/5 * * * *"),
      run: async ({ now }) => `${await sweepPassedSignInLocks(now)} passed sign-in lock(s) recorded`,
    },
    {
      name: "sweep-delivery-leases",
      cron: cron("sweep-delivery-leases", "*/5 * * * *"),
      run: async () => {
        // A lapsed lease (its worker died) is claimable anyway; the sweep makes it visible and tidy.
        const swept = await db.$executeRaw`
          UPDATE "Delivery" SET "claimedBy" = NULL, "claimedUntil" = NULL
          WHERE status = 'PENDING' AND "claimedUntil" < now()`;
        return `${swept} stale lease(s) released`;
      },
    },
    {
      name: "usage-inbox",
      cron: cron("usage-inbox", "*/5 * * * *"),
      run: async () => {
        const results = await processUsageInbox();
        const failed = results.filter((r) => r.movedTo === "failed").length;
        return `${results.length} file(s): ${results.length - failed} done, ${failed} failed`;
      },
    },
    {
      name: "generate-drafts",
      cron: cron("generate-drafts", `0 6 ${draftsDay} * *`),
      run: async ({ now }) => {
        const month = previousMonthInJapan(now);
        const summary = await generateDrafts({ actor: SYSTEM("generate-drafts"), month });
        return `${month}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`;
      },
    },
  ];
}

/** The next time a cron expression fires after `from`, in Japan time. */
export function nextRun(cron: string, from: Date): Date | null {
  try {
    return CronExpressionParser.parse(cron, { tz: JOB_TIME_ZONE, currentDate: from }).next().toDate();
  } catch {
    return null;
  }
}
