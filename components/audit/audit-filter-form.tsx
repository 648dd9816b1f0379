// The audit page's filter: a plain GET form (works without script, Enter submits from any
// field). Actions and target types are offered from a list and accept any text.
import Link from "next/link";
import { KNOWN_ACTIONS } from "@/lib/audit/query-audit";
import type { ParsedAuditSearch } from "@/lib/audit/audit-search-params";
import { actionLabel, auditMessages } from "@/lib/i18n/messages/audit";
import { getT } from "@/lib/i18n/server";
import { utcText } from "./event-time";
import { formField, panel } from "@/components/ui/styles";

const TARGET_TYPES = ["invoice", "usageBatch", "customer", "project", "accessGrant", "user", "fxRate", "session"];
const OUTCOMES = ["SUCCESS", "REFUSED", "FAILURE"] as const;

const focusOutline = "focus:outline-2 focus:outline-offset-2 focus:outline-blue-600";
const input = `${formField} focus:outline-2 focus:outline-blue-600`;

export async function AuditFilterForm({ search }: { search: ParsedAuditSearch }) {
  const t = await getT(auditMessages);
  const { form, utc, invalid } = search;
  const reversed = utc.from && utc.to && utc.from > utc.to;
  const utcHint = (time: string | undefined) => (time ? t("asUtc", { time: utcText(time) }) : "\u00a0");
  const exportHref = `/api/audit/export${search.query ? `?${search.query}` : ""}`;
  return (
    <search aria-label={t("filters")}>
      <form method="get" action="/audit" className={`mt-4 ${panel} p-3 text-sm`}>
        <div className="flex flex-wrap items-start gap-3">
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("actor")}</span>
            <input
              name="actor"
              type="search"
              defaultValue={form.actor}
              placeholder={t("actorHint")}
              className={`w-56 ${input}`}
            />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("action")}</span>
            <input
              name="action"
              type="search"
              list="audit-known-actions"
              defaultValue={form.action}
              placeholder={t("actionHint")}
              autoComplete="off"
              className={`w-56 ${input}`}
            />
          </label>
          <datalist id="audit-known-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </datalist>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("targetType")}</span>
            <input
              name="targetType"
              type="search"
              list="audit-target-types"
              defaultValue={form.targetType}
              autoComplete="off"
              className={`w-36 ${input}`}
            />
          </label>
          <datalist id="audit-target-types">
            {TARGET_TYPES.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("targetId")}</span>
            <input name="targetId" type="search" defaultValue={form.targetId} className={`w-72 font-mono ${input}`} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("outcome")}</span>
            <select name="outcome" defaultValue={form.outcome} className={input}>
              <option value="">{t("any")}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`outcome_${o}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="mt-3 flex flex-wrap items-start gap-3">
          <fieldset className="flex flex-wrap items-start gap-3" aria-describedby="audit-time-hint">
            <legend className="sr-only">{t("time")}</legend>
            {(["from", "to"] as const).map((edge) => (
              <label key={edge} className="flex flex-col gap-1">
                <span className="font-medium">{t(edge)}</span>
                <input
                  name={edge}
                  type="datetime-local"
                  defaultValue={
                    invalid.includes(edge)
                      ? ""
                      : form[edge].length === 10
                        ? `${form[edge]}T${edge === "from" ? "00:00" : "23:59"}`
                        : form[edge]
                  }
                  className={input}
                />
                <span className="text-xs text-slate-500" data-testid={`utc-${edge}`}>
                  {utcHint(utc[edge])}
                </span>
              </label>
            ))}
          </fieldset>
          <div className="flex items-center gap-3 self-center">
            <button type="submit" className={`rounded-md bg-slate-900 px-4 py-1.5 text-white ${focusOutline}`}>
              {t("apply")}
            </button>
            <Link href="/audit" className="px-2 py-1.5 text-slate-600 hover:underline">
              {t("reset")}
            </Link>
          </div>
          <div className="ml-auto flex flex-col items-end gap-1 self-center">
            <a
              href={exportHref}
              download
              className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100"
              data-testid="audit-export"
            >
              {t("exportCsv")}
            </a>
            <span className="text-xs text-slate-500">{t("exportHint")}</span>
          </div>
        </div>
        <p id="audit-time-hint" className="mt-1 text-xs text-slate-500">
          {t("timeHint")}
        </p>
        {invalid.map((edge) => (
          <p key={edge} role="alert" className="mt-2 text-sm text-red-800">
            {t("invalidTime", { value: form[edge] })}
          </p>
        ))}
        {reversed && (
          <p role="alert" className="mt-2 text-sm text-amber-800">
            {t("reversed")}
          </p>
        )}
      </form>
    </search>
  );
}
