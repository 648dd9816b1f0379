import { RunNowButton } from "@/components/jobs/run-now-button";
import { panel } from "@/components/ui/styles";
import { requirePermission } from "@/lib/dal/actor";
import { formatDateTime } from "@/lib/i18n/format";
import { jobsMessages } from "@/lib/i18n/messages/jobs";
import { getLocale, getT } from "@/lib/i18n/server";
import { listJobs } from "@/lib/jobs/list-jobs";

export const dynamic = "force-dynamic";

export default async function JobsPage() {
  await requirePermission("admin.jobs");
  const t = await getT(jobsMessages);
  const locale = await getLocale();
  const jobs = await listJobs();
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("intro")}</p>
      <div className={`mt-6 overflow-x-auto ${panel}`}>
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="p-2">{t("job")}</th>
              <th className="p-2">{t("schedule")}</th>
              <th className="p-2">{t("lastRun")}</th>
              <th className="p-2">{t("outcome")}</th>
              <th className="p-2">{t("nextRun")}</th>
              <th className="p-2">
                <span className="sr-only">{t("runNow")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.name} data-testid={`job-${job.name}`} className="border-t border-slate-200 align-top">
                <td className="p-2">
                  <div className="font-medium">{t(job.name)}</div>
                  <div className="font-mono text-xs text-slate-500">{job.name}</div>
                </td>
                <td className="p-2 font-mono">{job.cron}</td>
                <td className="p-2">
                  {job.lastRun ? formatDateTime(job.lastRun.startedAt, locale) : t("never")}
                  {job.lastRun?.trigger === "manual" && <span className="ml-1 text-slate-500">({t("byHand")})</span>}
                  {job.running && <div className="text-amber-700">{t("running")}</div>}
                </td>
                <td className="p-2" data-testid="job-outcome">
                  {job.lastRun?.outcome === "SUCCESS" || job.lastRun?.outcome === "FAILURE" ? (
                    <span className={job.lastRun.outcome === "SUCCESS" ? "text-green-700" : "text-red-700"}>
                      {t(job.lastRun.outcome)}
                    </span>
                  ) : (
                    "—"
                  )}
                  {job.lastRun?.summary && <div className="text-xs text-slate-600">{job.lastRun.summary}</div>}
                </td>
                <td className="p-2">{job.nextRunAt ? formatDateTime(job.nextRunAt, locale) : "—"}</td>
                <td className="p-2">
                  <RunNowButton job={job.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
