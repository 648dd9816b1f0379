import Link from "next/link";
import { requirePermission } from "@/lib/dal/actor";
import { listMonths } from "@/lib/invoices/list-drafts";
import { chooseMonth } from "@/lib/months/asked-month";
import { formatDecimal } from "@/lib/i18n/format";
import { usageMessages } from "@/lib/i18n/messages/usage";
import { getLocale, getT } from "@/lib/i18n/server";
import { listUnassignedUsage, unassignedSearchSchema } from "@/lib/usage/list-usage";
import { decide } from "@/lib/authz/policy";
import { assignmentsMessages } from "@/lib/i18n/messages/assignments";
import { latestImportedMonth } from "@/lib/projects/list-assignable-projects";
import { parseSearch } from "@/lib/http/search-params";
import { choice } from "@/components/ui/styles";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { UnknownMonth } from "@/components/ui/unknown-month";

export default async function UnassignedUsagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("usage.view");
  const t = await getT(usageMessages);
  const ta = await getT(assignmentsMessages);
  const locale = await getLocale();
  const search = parseSearch(unassignedSearchSchema, await searchParams);
  if (!search.ok)
    return <InvalidSearch title={t("unassignedTitle")} invalid={search.invalid} resetHref="/usage/unassigned" />;
  const [months, imported] = await Promise.all([listMonths(), latestImportedMonth()]);
  // Without a month asked for (the usage upload links here with the month it imported), the
  // month just imported: a corrected export of an earlier month is what to look at next.
  const fallback = imported && months.includes(imported) ? imported : (months[0] ?? null);
  const { month, unknown } = chooseMonth(search.value.month, months, fallback);
  const rows = month ? await listUnassignedUsage(month) : [];
  const canAssign = decide(actor, "admin.assignments").allowed;
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-semibold">{t("unassignedTitle")}</h1>
      <p className="mt-1 text-slate-600">{t("unassignedIntro")}</p>
      <nav className="mt-4 flex flex-wrap gap-2 text-sm" aria-label={t("months")}>
        {months.map((m) => (
          <Link
            key={m}
            href={`?month=${m}`}
            aria-current={m === month ? "page" : undefined}
            className={`${choice(m === month)} px-3 py-1`}
          >
            {m}
          </Link>
        ))}
      </nav>
      <UnknownMonth asked={unknown} shown={month} />
      {canAssign && month && rows.length > 0 && (
        <p className="mt-4 text-sm">
          <Link href={`/admin/assignments?month=${month}`} className="text-blue-800 underline">
            {ta("assignThese", { month })}
          </Link>
        </p>
      )}
      {rows.length === 0 ? (
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-4">
          {t("noUnassigned", { month: month ?? "—" })}
        </p>
      ) : (
        <table className="mt-4 w-full bg-white text-sm shadow-sm" data-testid="unassigned">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2">{t("project")}</th>
              <th className="px-3 py-2">{t("billingAccount")}</th>
              <th className="px-3 py-2 text-right">{t("rows")}</th>
              <th className="px-3 py-2 text-right">{t("net")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.projectId + r.currency} className="border-t border-slate-100">
                <td className="px-3 py-2">
                  <Link
                    href={`/usage/projects/${encodeURIComponent(r.projectId)}?month=${month}`}
                    className="text-blue-800 hover:underline"
                  >
                    {r.projectId}
                  </Link>
                  <div className="text-xs text-slate-500">{r.projectName}</div>
                  {canAssign && month && (
                    <Link
                      href={`/admin/assignments?${new URLSearchParams({
                        month,
                        q: r.projectId,
                        project: r.projectId,
                      }).toString()}`}
                      className="text-xs text-blue-800 underline"
                    >
                      {ta("assignOne")}
                      <span className="sr-only"> {r.projectId}</span>
                    </Link>
                  )}
                </td>
                <td className="px-3 py-2">{r.billingAccountId}</td>
                <td className="num px-3 py-2">{r.rows}</td>
                <td className="num px-3 py-2">{formatDecimal(r.net, locale, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
