"use client";
// What a corrected export changes, per month, project and currency: billed now, after, the
// difference and the rows added and removed. Once applied, "billed now" is what was billed before.
import type { ProjectChange } from "@/lib/usage/import-result";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDecimal } from "@/lib/i18n/format";
import { usageMessages } from "@/lib/i18n/messages/usage";

export function UsageChangesTable({ changes, applied = false }: { changes: ProjectChange[]; applied?: boolean }) {
  const t = useT(usageMessages);
  const locale = useLocale();
  if (!changes.length) return <p className="mt-2 text-slate-600">{t("noChanges")}</p>;
  return (
    <table className="mt-2 w-full text-left" data-testid="usage-changes">
      <thead className="bg-slate-100">
        <tr>
          <th className="px-2 py-1">{t("months")}</th>
          <th className="px-2 py-1">{t("project")}</th>
          <th className="px-2 py-1">{t("currency")}</th>
          <th className="px-2 py-1 text-right">{t(applied ? "oldNetApplied" : "oldNet")}</th>
          <th className="px-2 py-1 text-right">{t("newNet")}</th>
          <th className="px-2 py-1 text-right">{t("difference")}</th>
          <th className="px-2 py-1 text-right">{t("rowsAdded")}</th>
          <th className="px-2 py-1 text-right">{t("rowsRemoved")}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.month}:${c.projectId}:${c.currency}`} className="border-t border-slate-100">
            <td className="px-2 py-1">{c.month}</td>
            <td className="px-2 py-1 font-mono">{c.projectId}</td>
            <td className="px-2 py-1">{c.currency}</td>
            <td className="num px-2 py-1">{formatDecimal(c.oldNet, locale, c.currency)}</td>
            <td className="num px-2 py-1">{formatDecimal(c.newNet, locale, c.currency)}</td>
            <td className="num px-2 py-1">{formatDecimal(c.difference, locale, c.currency)}</td>
            <td className="num px-2 py-1">{c.rowsAdded}</td>
            <td className="num px-2 py-1">{c.rowsRemoved}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
