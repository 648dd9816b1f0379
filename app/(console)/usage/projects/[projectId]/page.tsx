import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { getProjectUsage } from "@/lib/invoices/get-invoice-view";
import { parseSearch, pathParam } from "@/lib/http/search-params";
import { usageRowsSearchSchema } from "@/lib/usage/get-project-usage";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { formatDateTime, formatDecimal } from "@/lib/i18n/format";
import { invoiceViewMessages } from "@/lib/i18n/messages/invoice-view";
import { getLocale, getT } from "@/lib/i18n/server";
import { choice } from "@/components/ui/styles";
import { UnknownMonth } from "@/components/ui/unknown-month";

export default async function ProjectUsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("usage.view");
  const projectId = pathParam((await params).projectId);
  if (projectId === null) notFound();
  const t = await getT(invoiceViewMessages);
  const search = parseSearch(usageRowsSearchSchema, await searchParams);
  if (!search.ok)
    return (
      <InvalidSearch
        title={t("projectUsage", { project: projectId })}
        invalid={search.invalid}
        resetHref={`/usage/projects/${encodeURIComponent(projectId)}`}
      />
    );
  const { month, service, page } = search.value;
  const data = await getProjectUsage(projectId, month, service, page).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const locale = await getLocale();
  const pages = Math.max(1, Math.ceil(data.count / data.pageSize));
  const link = (changes: Record<string, string | number | null>) => {
    const p = new URLSearchParams();
    const merged = { month: data.month, service: data.serviceId, page: data.page, ...changes };
    for (const [k, v] of Object.entries(merged)) if (v !== null && v !== undefined) p.set(k, String(v));
    return `?${p.toString()}`;
  };
  return (
    <div className="max-w-6xl">
      <h1 className="text-2xl font-semibold">{t("projectUsage", { project: data.project.id })}</h1>
      <p className="mt-1 text-slate-600">{t("usageIntro")}</p>
      <nav className="mt-4 flex flex-wrap gap-2 text-sm" aria-label={t("month")}>
        {data.months.map((m) => (
          <Link
            key={m}
            href={link({ month: m, page: 1, service: null })}
            aria-current={m === data.month ? "page" : undefined}
            className={`${choice(m === data.month)} px-3 py-1`}
          >
            {m}
          </Link>
        ))}
      </nav>
      <UnknownMonth asked={data.unknownMonth} shown={data.month} />
      <table className="mt-4 w-full bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th className="px-3 py-2">{t("service")}</th>
            <th className="px-3 py-2 text-right">{t("cost")}</th>
            <th className="px-3 py-2 text-right">{t("credits")}</th>
            <th className="px-3 py-2 text-right">{t("rows")}</th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-t border-slate-100">
            <td className="px-3 py-2" colSpan={4}>
              <Link
                href={link({ service: null, page: 1 })}
                className={data.serviceId ? "text-blue-800 hover:underline" : "font-semibold"}
              >
                {t("allServices")}
              </Link>
            </td>
          </tr>
          {data.services.map((s) => (
            <tr key={s.serviceId + s.currency} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link
                  href={link({ service: s.serviceId, page: 1 })}
                  className={data.serviceId === s.serviceId ? "font-semibold" : "text-blue-800 hover:underline"}
                >
                  {s.serviceDescription}
                </Link>
              </td>
              <td className="num px-3 py-2">{formatDecimal(s.cost, locale, s.currency)}</td>
              <td className="num px-3 py-2">{formatDecimal(s.credits, locale, s.currency)}</td>
              <td className="num px-3 py-2">{s.rows}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.rows.length === 0 ? (
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-4">{t("noUsage")}</p>
      ) : (
        <>
          <table className="mt-6 w-full bg-white text-xs shadow-sm" data-testid="usage-rows">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="px-2 py-1.5">{t("start")}</th>
                <th className="px-2 py-1.5">{t("service")}</th>
                <th className="px-2 py-1.5">{t("sku")}</th>
                <th className="px-2 py-1.5 text-right">{t("usage")}</th>
                <th className="px-2 py-1.5 text-right">{t("cost")}</th>
                <th className="px-2 py-1.5 text-right">{t("credits")}</th>
                <th className="px-2 py-1.5">{t("batch")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-2 py-1">{r.usageStart ? formatDateTime(r.usageStart, locale) : "—"}</td>
                  <td className="px-2 py-1">{r.serviceDescription}</td>
                  <td className="px-2 py-1">{r.skuDescription}</td>
                  <td className="num px-2 py-1">
                    {r.usageAmount ? `${formatDecimal(r.usageAmount, locale)} ${r.usageUnit ?? ""}` : "—"}
                  </td>
                  <td className="num px-2 py-1">{formatDecimal(r.cost, locale, r.currency)}</td>
                  <td className="num px-2 py-1">{formatDecimal(r.credits, locale, r.currency)}</td>
                  <td className="px-2 py-1">
                    {r.batch}:{r.lineNo}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="mt-3 flex items-center justify-between text-sm" aria-label="Pagination">
            <span>{t("page", { page: data.page, pages })}</span>
            <span className="flex gap-2">
              {data.page > 1 && (
                <Link
                  className="rounded-md border border-slate-300 bg-white px-3 py-1"
                  href={link({ page: data.page - 1 })}
                >
                  {t("previous")}
                </Link>
              )}
              {data.page < pages && (
                <Link
                  className="rounded-md border border-slate-300 bg-white px-3 py-1"
                  href={link({ page: data.page + 1 })}
                >
                  {t("next")}
                </Link>
              )}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
