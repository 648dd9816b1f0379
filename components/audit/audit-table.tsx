// One page of audit events: when (UTC and local), who, what, on what, how it ended and from
// where, with the recorded before/after folded into each row.
import Link from "next/link";
import type { AuditEventDto } from "@/lib/audit/query-audit";
import { actionLabel, auditMessages } from "@/lib/i18n/messages/audit";
import { getT } from "@/lib/i18n/server";
import { EventDetails } from "./event-details";
import { EventTime } from "./event-time";
import { OutcomeBadge } from "./outcome-badge";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function AuditTable({ events }: { events: AuditEventDto[] }) {
  const t = await getT(auditMessages);
  const detailLabels = { summary: t("showDetails"), before: t("before"), after: t("after"), metadata: t("metadata"), nothing: t("nothingRecorded") };
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full bg-white text-sm shadow-sm" data-testid="audit-table">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">#</th>
            <th scope="col" className="px-3 py-2">{t("time")}</th>
            <th scope="col" className="px-3 py-2">{t("actor")}</th>
            <th scope="col" className="px-3 py-2">{t("action")}</th>
            <th scope="col" className="px-3 py-2">{t("target")}</th>
            <th scope="col" className="px-3 py-2">{t("outcome")}</th>
            <th scope="col" className="px-3 py-2">{t("origin")}</th>
            <th scope="col" className="px-3 py-2">{t("details")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq} className="border-t border-slate-100 align-top" data-testid="audit-row" data-seq={e.seq} data-action={e.action}>
              <td className="px-3 py-2 font-mono text-xs text-slate-500">{e.seq}</td>
              <td className="px-3 py-2"><EventTime iso={e.occurredAt} utcLabel={t("utc")} localLabel={t("jst")} /></td>
              <td className="px-3 py-2 whitespace-nowrap" data-testid="audit-actor">{e.actorEmail ?? <span className="text-slate-500">{t("system")}</span>}</td>
              <td className="px-3 py-2">
                <div className="font-mono text-xs" data-testid="audit-action">{e.action}</div>
                {actionLabel(t, e.action) !== e.action && <div className="text-xs text-slate-600">{actionLabel(t, e.action)}</div>}
              </td>
              <td className="px-3 py-2">
                {e.targetType ? (
                  <>
                    <div className="text-xs text-slate-600">{e.targetType}</div>
                    {e.targetType === "invoice" && e.targetId && UUID.test(e.targetId) ? (
                      <div className="max-w-56">
                        <Link href={`/invoices/${e.targetId}`} className="font-mono text-xs break-all text-blue-800 hover:underline" aria-label={`${t("openInvoice")} ${e.targetId}`}>{e.targetId}</Link>
                        <Link href={`/audit/invoices/${e.targetId}`} className="mt-0.5 inline-block rounded border border-blue-200 px-1.5 text-xs text-blue-800 hover:bg-blue-50" data-testid="story-link">{t("openStory")} →</Link>
                      </div>
                    ) : (
                      <div className="font-mono text-xs break-all">{e.targetId}</div>
                    )}
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className="px-3 py-2">
                <OutcomeBadge outcome={e.outcome} label={t(`outcome_${e.outcome}`)} />
                {e.reason && <div className="mt-1 max-w-xs text-xs break-words text-slate-700">{e.reason}</div>}
              </td>
              <td className="px-3 py-2 text-xs">
                <div className="font-mono">{e.ip ?? "—"}</div>
                {e.userAgent && <div className="max-w-40 truncate text-slate-500" title={e.userAgent}>{e.userAgent}</div>}
              </td>
              <td className="px-3 py-2"><EventDetails before={e.before} after={e.after} metadata={e.metadata} labels={detailLabels} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
