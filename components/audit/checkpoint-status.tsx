// The last audit checkpoint for the admin page (a server component): which event the document
// service holds, when it was posted, and whether the database still matches it.
import { getLastCheckpoint, type LastCheckpointView } from "@/lib/audit/last-checkpoint";
import { auditMessages, type AuditMessageKey } from "@/lib/i18n/messages/audit";
import { getT } from "@/lib/i18n/server";
import { localText } from "./event-time";

export async function CheckpointStatus() {
  const t = await getT(auditMessages);
  let view: LastCheckpointView;
  try {
    view = await getLastCheckpoint();
  } catch (error) {
    console.error("reading the last audit checkpoint failed", error);
    view = { state: "unreachable", error: error instanceof Error ? (error.message.split("\n")[0] ?? "") : "" };
  }
  if (view.state === "unreachable" || view.state === "none")
    return (
      <p
        className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        data-testid="checkpoint-status"
        data-state={view.state}
      >
        {view.state === "none" ? t("checkpointNone") : t("checkpointUnreachable", { message: view.error })}
      </p>
    );
  const c = view.checkpoint;
  const ok = view.state === "matches";
  const tone = ok ? "border-green-300 bg-green-50" : "border-red-300 bg-red-50";
  return (
    <div
      className={`mt-3 rounded-md border p-4 text-sm ${tone}`}
      data-testid="checkpoint-status"
      data-state={view.state}
      role={ok ? undefined : "alert"}
    >
      <div className="flex flex-wrap items-center gap-3">
        <span className={`rounded px-2 py-0.5 font-semibold text-white ${ok ? "bg-green-700" : "bg-red-700"}`}>
          {ok ? t("checkpointMatches") : t("checkpointMismatch")}
        </span>
        <span data-testid="checkpoint-seq" title={c.hash}>
          {t("checkpointEvent", { seq: c.seq })}{" "}
          <span className="font-mono text-xs text-slate-500">{c.hash.slice(0, 12)}…</span>
        </span>
        <span>
          {t("checkpointPosted", {
            time: `${localText(c.receivedAt)} ${t("jst")}`,
            trigger: t(`checkpointTrigger:${c.trigger}` as AuditMessageKey),
          })}
        </span>
        <span className="text-slate-600">{t("checkpointSince", { n: view.eventsSince })}</span>
      </div>
    </div>
  );
}

export async function CheckpointStatusLoading() {
  const t = await getT(auditMessages);
  return (
    <p role="status" className="mt-3 rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-600">
      {t("checkpointLoading")}
    </p>
  );
}
