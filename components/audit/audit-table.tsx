"use client";
// One page of audit events: when (UTC and local), who, what, on what, how it ended and from
// where, with the recorded before/after folded into each row. A client component on purpose:
// the page then carries the 50 events once as data instead of their whole element tree in
// the server component payload (about half the page's weight). Cell styles are set once on
// the table for the same reason. Nothing here fetches: the server read (and recorded) them.
import Link from "next/link";
import { auditReasonText } from "@/lib/audit/describe-reason";
import type { AuditEventDto } from "@/lib/audit/query-audit";
import { type TargetNames, targetKey } from "@/lib/audit/target-key";
import { useLocale, useT } from "@/lib/i18n/client";
import { actionLabel, auditMessages, targetTypeLabel } from "@/lib/i18n/messages/audit";
import { EventDetails } from "./event-details";
import { EventTime } from "./event-time";
import { OutcomeBadge } from "./outcome-badge";
import { cx } from "@/components/ui/styles";

// Many cells, styled once here: their padding, the rules between rows, the secondary lines
// (.sub) and the links.
const TABLE = cx(
  "w-full bg-white text-sm shadow-sm",
  "[&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2",
  "[&_tbody_tr]:border-t [&_tbody_tr]:border-slate-100 [&_tbody_tr]:align-top",
  "[&_.sub]:text-xs [&_.sub]:text-slate-600 [&_a]:text-blue-800 [&_a:hover]:underline",
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AuditTable({ events, names }: { events: AuditEventDto[]; names: TargetNames }) {
  const t = useT(auditMessages);
  const locale = useLocale();
  const detailLabels = {
    summary: t("showDetails"),
    before: t("before"),
    after: t("after"),
    metadata: t("metadata"),
    nothing: t("nothingRecorded"),
  };
  const labels = { utc: t("utc"), jst: t("jst") };
  return (
    <div className="mt-4 overflow-x-auto">
      <table className={TABLE} data-testid="audit-table">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("time")}</th>
            <th scope="col">{t("actor")}</th>
            <th scope="col">{t("action")}</th>
            <th scope="col">{t("target")}</th>
            <th scope="col">{t("outcome")}</th>
            <th scope="col">{t("origin")}</th>
            <th scope="col">{t("details")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const label = actionLabel(t, e.action);
            const invoiceTarget = e.targetType === "invoice" && e.targetId && UUID.test(e.targetId);
            const name = names[targetKey(e.targetType, e.targetId)];
            const reason = auditReasonText(e, locale);
            return (
              <tr key={e.seq} data-testid="audit-row" data-seq={e.seq} data-action={e.action}>
                <td className="font-mono text-xs text-slate-500">{e.seq}</td>
                <td>
                  <EventTime iso={e.occurredAt} utcLabel={labels.utc} localLabel={labels.jst} />
                </td>
                <td className="whitespace-nowrap" data-testid="audit-actor">
                  {e.actorEmail ?? <span className="text-slate-500">{t("system")}</span>}
                </td>
                <td>
                  <div className="font-mono text-xs" data-testid="audit-action">
                    {e.action}
                  </div>
                  {label !== e.action && <div className="sub">{label}</div>}
                </td>
                <td className="max-w-60">
                  {e.targetType ? (
                    <>
                      <div className="sub">{targetTypeLabel(t, e.targetType)}</div>
                      {invoiceTarget ? (
                        <>
                          <Link
                            href={`/invoices/${e.targetId}`}
                            className="break-words underline"
                            aria-label={`${t("openInvoice")} ${name ?? e.targetId}`}
                            data-testid="audit-target-name"
                          >
                            {name ?? e.targetId}
                          </Link>{" "}
                          <Link
                            href={`/audit/invoices/${e.targetId}`}
                            className="rounded border border-blue-200 px-1.5 text-xs whitespace-nowrap"
                            data-testid="story-link"
                          >
                            {t("openStory")} →
                          </Link>
                        </>
                      ) : (
                        name && (
                          <div className="break-words" data-testid="audit-target-name">
                            {name}
                          </div>
                        )
                      )}
                      {(name || !invoiceTarget) && (
                        <div className="sub font-mono break-all" title={e.targetId ?? undefined}>
                          {e.targetId}
                        </div>
                      )}
                    </>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
                <td>
                  <OutcomeBadge outcome={e.outcome} label={t(`outcome_${e.outcome}`)} />
                  {reason && (
                    <div
                      className="sub mt-1 max-w-xs break-words"
                      title={reason === e.reason ? undefined : (e.reason ?? undefined)}
                    >
                      {reason}
                    </div>
                  )}
                </td>
                <td className="text-xs">
                  <div className="font-mono">{e.ip ?? "—"}</div>
                  {e.userAgent && (
                    <div className="max-w-40 truncate text-slate-500" title={e.userAgent}>
                      {e.userAgent}
                    </div>
                  )}
                </td>
                <td>
                  <EventDetails before={e.before} after={e.after} metadata={e.metadata} labels={detailLabels} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
