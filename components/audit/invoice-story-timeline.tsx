// An invoice's story as one vertical timeline, oldest first: each step says what happened,
// who did it, when (UTC and local), how it ended (with the reason) and what it changed.
import Link from "next/link";
import { auditReasonText } from "@/lib/audit/describe-reason";
import type { AuditEventDto } from "@/lib/audit/query-audit";
import { type TargetNames, targetKey } from "@/lib/audit/target-key";
import { describeChanges, lineChanges, type ChangeRow } from "@/lib/audit/describe-changes";
import { actionLabel, auditMessages } from "@/lib/i18n/messages/audit";
import { getLocale, getT } from "@/lib/i18n/server";
import { EventTime } from "./event-time";
import { OutcomeBadge } from "./outcome-badge";
import { badge, panel } from "@/components/ui/styles";

const DOT = { SUCCESS: "bg-green-600", REFUSED: "bg-red-600", FAILURE: "bg-amber-500" } as const;

function ChangeTable({
  rows,
  caption,
  fieldLabel,
  beforeLabel,
  afterLabel,
}: {
  rows: ChangeRow[];
  caption: string;
  fieldLabel: string;
  beforeLabel: string;
  afterLabel: string;
}) {
  return (
    <table className="mt-2 w-full max-w-3xl table-fixed text-xs">
      <caption className="text-left font-medium text-slate-600">{caption}</caption>
      <thead className="text-left text-slate-500">
        <tr>
          <th scope="col" className="w-36 py-0.5 pr-3 font-normal">
            {fieldLabel}
          </th>
          <th scope="col" className="w-1/3 py-0.5 pr-3 font-normal">
            {beforeLabel}
          </th>
          <th scope="col" className="py-0.5 font-normal">
            {afterLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} className="border-t border-slate-100 align-top">
            <th scope="row" className="py-0.5 pr-3 text-left font-mono font-normal break-all text-slate-700">
              {r.field || "—"}
            </th>
            <td className="py-0.5 pr-3 font-mono break-all text-red-900">{r.before ?? "—"}</td>
            <td className="py-0.5 font-mono break-all text-green-900">{r.after ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export async function InvoiceStoryTimeline({
  events,
  names,
  invoiceId,
  corrections,
}: {
  events: AuditEventDto[];
  names: TargetNames;
  invoiceId: string;
  corrections: Array<{ id: string; number: string | null; kind: string }>;
}) {
  const t = await getT(auditMessages);
  const locale = await getLocale();
  const correctionNumber = new Map(corrections.map((c) => [c.id, c.number ?? c.kind]));
  return (
    <ol className="relative mt-4 border-l-2 border-slate-200 pl-6" data-testid="story-timeline">
      {events.map((e) => {
        const changes = describeChanges(e.before, e.after);
        const lines = lineChanges(e.metadata);
        const reason = auditReasonText(e, locale);
        const onCorrection =
          e.targetType === "invoice" && e.targetId !== invoiceId ? correctionNumber.get(e.targetId ?? "") : undefined;
        return (
          <li
            key={e.seq}
            className="relative mb-5"
            data-testid="story-step"
            data-action={e.action}
            data-outcome={e.outcome}
          >
            <span
              className={`absolute -left-[33px] top-1.5 h-4 w-4 rounded-full border-2 border-white ${DOT[e.outcome]}`}
              aria-hidden
            />
            <div className={`${panel} p-3`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-semibold">
                  {actionLabel(t, e.action)}{" "}
                  <span className="ml-1 font-mono text-xs font-normal text-slate-500">{e.action}</span>
                  {onCorrection && (
                    <span className={`ml-2 ${badge} bg-purple-100 font-normal text-purple-900`}>
                      {t("onCorrection", { number: onCorrection })}
                    </span>
                  )}
                </h3>
                <EventTime iso={e.occurredAt} utcLabel={t("utc")} localLabel={t("jst")} />
              </div>
              <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <span data-testid="story-actor">{e.actorEmail ?? t("system")}</span>
                <OutcomeBadge outcome={e.outcome} label={t(`outcome_${e.outcome}`)} />
                {e.targetType === "usageBatch" && (
                  <span className="text-xs text-slate-600" title={e.targetId ?? undefined}>
                    {t("target:usageBatch")} {names[targetKey(e.targetType, e.targetId)] ?? e.targetId}
                  </span>
                )}
                <Link
                  href={`/audit?before=${BigInt(e.seq) + 1n}`}
                  className="ml-auto font-mono text-xs text-slate-600 hover:underline"
                  title={e.seq}
                >
                  #{e.seq}
                </Link>
              </div>
              {reason && (
                <p className="mt-1 text-sm">
                  <span className="text-slate-600">{t("reasonLabel")}: </span>
                  <span className={e.outcome === "SUCCESS" ? "" : "text-red-900"}>{reason}</span>
                </p>
              )}
              {changes.length > 0 ? (
                <ChangeTable
                  rows={changes}
                  caption={t("changed")}
                  fieldLabel={t("field")}
                  beforeLabel={t("before")}
                  afterLabel={t("after")}
                />
              ) : (
                lines.length === 0 && <p className="mt-1 text-xs text-slate-500">{t("noChange")}</p>
              )}
              {lines.length > 0 && (
                <ChangeTable
                  rows={lines}
                  caption={t("lineChanges")}
                  fieldLabel={t("field")}
                  beforeLabel={t("before")}
                  afterLabel={t("after")}
                />
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
