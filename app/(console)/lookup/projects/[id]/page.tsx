import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { formatDateTime, formatDecimal } from "@/lib/i18n/format";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { getLocale, getT } from "@/lib/i18n/server";
import { getProjectLookup } from "@/lib/lookup/get-project-lookup";
import { recordLookupVisit } from "@/lib/lookup/record-lookup-visit";
import { parseSearch, pathParam } from "@/lib/http/search-params";
import { usageRowsSearchSchema } from "@/lib/usage/get-project-usage";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { DataTable } from "@/components/ui/data-table";
import { badge, factGrid } from "@/components/ui/styles";
import { UnknownMonth } from "@/components/ui/unknown-month";

export const metadata = { title: "Project / プロジェクト" };

export default async function ProjectLookupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("usage.view");
  const projectId = pathParam((await params).id);
  if (projectId === null) notFound();
  const search = parseSearch(usageRowsSearchSchema, await searchParams);
  if (!search.ok)
    return (
      <InvalidSearch
        title={projectId}
        invalid={search.invalid}
        resetHref={`/lookup/projects/${encodeURIComponent(projectId)}`}
      />
    );
  const data = await getProjectLookup({
    actor,
    projectId,
    month: search.value.month,
    serviceId: search.value.service,
    page: search.value.page,
  }).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // Support's home page lists what they opened last.
  await recordLookupVisit({ actor, targetType: "project", targetId: projectId });
  const t = await getT(lookupMessages);
  const locale = await getLocale();
  const pages = Math.max(1, Math.ceil(data.count / data.pageSize));
  const link = (changes: Record<string, string | number | null>) => {
    const p = new URLSearchParams();
    const merged = { month: data.month, service: data.serviceId, page: data.page > 1 ? data.page : null, ...changes };
    for (const [k, v] of Object.entries(merged))
      if (v !== null && v !== undefined && !(k === "page" && v === 1)) p.set(k, String(v));
    return `?${p.toString()}`;
  };
  const current = data.owners.find((o) => o.toMonth === null) ?? data.owners[0];
  const serviceName = data.serviceId
    ? (data.services.find((s) => s.serviceId === data.serviceId)?.serviceDescription ?? data.serviceId)
    : t("allServices");

  return (
    <div className="max-w-6xl space-y-6">
      <div>
        <nav className="text-sm text-slate-500" aria-label="Breadcrumb">
          <Link href="/lookup" className="hover:underline">
            {t("backToLookup")}
          </Link>
          {current && (
            <>
              {" / "}
              <Link href={`/lookup/customers/${current.customer.id}`} className="hover:underline">
                {current.customer.name}
              </Link>
            </>
          )}
          {" / "}
          {data.project.id}
        </nav>
        <h1 className="mt-1 text-2xl font-semibold">{t("projectTitle", { id: data.project.id })}</h1>
        <p className="text-slate-600">{t("projectIntro")}</p>
        <dl className={`mt-3 ${factGrid} md:grid-cols-3`}>
          <div>
            <dt className="text-slate-500">{t("name")}</dt>
            <dd className="font-medium">{data.project.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("billingAccount")}</dt>
            <dd className="font-mono">{data.project.billingAccountId ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("ownersTitle")}</dt>
            <dd className="font-medium" data-testid="project-customer">
              {current ? (
                <Link href={`/lookup/customers/${current.customer.id}`} className="text-blue-800 hover:underline">
                  {current.customer.name} ({current.customer.code})
                </Link>
              ) : (
                t("notAssignedProject")
              )}
            </dd>
          </div>
        </dl>
      </div>
      <UnknownMonth asked={data.unknownMonth} shown={data.month} className="" />

      {data.owners.length > 1 && (
        <section aria-labelledby="owners-title">
          <h2 id="owners-title" className="text-lg font-semibold">
            {t("ownersTitle")}
          </h2>
          <DataTable columns={[{ label: t("groupCustomers") }, { label: t("billingGroup") }, { label: t("period") }]}>
            {data.owners.map((o) => (
              <tr key={`${o.customer.id}:${o.fromMonth}`} className="border-t border-slate-100">
                <td className="px-3 py-1.5">
                  <Link href={`/lookup/customers/${o.customer.id}`} className="text-blue-800 hover:underline">
                    {o.customer.name}
                  </Link>{" "}
                  <span className="text-xs text-slate-500">{o.customer.code}</span>
                </td>
                <td className="px-3 py-1.5">{o.billingGroup}</td>
                <td className="px-3 py-1.5">
                  {o.toMonth ? t("fromTo", { from: o.fromMonth, to: o.toMonth }) : t("fromOn", { from: o.fromMonth })}
                  {o.toMonth === null && (
                    <span className={`ml-2 ${badge} bg-green-100 text-green-900`}>{t("current")}</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      <section aria-labelledby="by-month-title" data-testid="usage-by-month">
        <h2 id="by-month-title" className="text-lg font-semibold">
          {t("byMonthTitle")}
        </h2>
        {data.byMonth.length === 0 ? (
          <p className="mt-2 rounded-md border border-slate-200 bg-white p-4">{t("noUsageAtAll")}</p>
        ) : (
          <DataTable
            columns={[
              { label: t("month") },
              { label: t("currency") },
              { label: t("net"), numeric: true },
              { label: t("rows"), numeric: true },
            ]}
          >
            {data.byMonth.map((m) => {
              const selected = m.month === data.month;
              return (
                <tr
                  key={`${m.month}:${m.currency}`}
                  className={`border-t border-slate-100 ${selected ? "bg-blue-50" : ""}`}
                >
                  <th scope="row" className="px-3 py-1.5 text-left font-normal">
                    <Link
                      href={link({ month: m.month, service: null, page: null })}
                      aria-current={selected ? "page" : undefined}
                      className={selected ? "font-semibold" : "text-blue-800 hover:underline"}
                    >
                      {m.month}
                    </Link>
                  </th>
                  <td className="px-3 py-1.5">{m.currency}</td>
                  <td className="num px-3 py-1.5">{formatDecimal(m.net, locale, m.currency)}</td>
                  <td className="num px-3 py-1.5">{m.rows}</td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>

      {data.month && (
        <section aria-labelledby="services-title" data-testid="usage-services">
          <h2 id="services-title" className="text-lg font-semibold">
            {t("servicesTitle", { month: data.month })}
          </h2>
          <DataTable
            columns={[
              { label: t("serviceName") },
              { label: t("cost"), numeric: true },
              { label: t("credits"), numeric: true },
              { label: t("rows"), numeric: true },
            ]}
          >
            <tr className="border-t border-slate-100">
              <td className="px-3 py-1.5" colSpan={4}>
                <Link
                  href={link({ service: null, page: null })}
                  aria-current={data.serviceId ? undefined : "page"}
                  className={data.serviceId ? "text-blue-800 hover:underline" : "font-semibold"}
                >
                  {t("allServices")}
                </Link>
              </td>
            </tr>
            {data.services.map((s) => {
              const selected = data.serviceId === s.serviceId;
              return (
                <tr
                  key={s.serviceId + s.currency}
                  className={`border-t border-slate-100 ${selected ? "bg-blue-50" : ""}`}
                >
                  <td className="px-3 py-1.5">
                    <Link
                      href={link({ service: s.serviceId, page: null })}
                      aria-current={selected ? "page" : undefined}
                      className={selected ? "font-semibold" : "text-blue-800 hover:underline"}
                    >
                      {s.serviceDescription}
                    </Link>
                  </td>
                  <td className="num px-3 py-1.5">{formatDecimal(s.cost, locale, s.currency)}</td>
                  <td className="num px-3 py-1.5">{formatDecimal(s.credits, locale, s.currency)}</td>
                  <td className="num px-3 py-1.5">{s.rows}</td>
                </tr>
              );
            })}
          </DataTable>
        </section>
      )}

      {data.month && (
        <section aria-labelledby="rows-title">
          <h2 id="rows-title" className="text-lg font-semibold">
            {t("usageRowsTitle")}{" "}
            <span className="text-base font-normal text-slate-600">
              — {t("usageRowsOf", { service: serviceName, month: data.month })}
            </span>
          </h2>
          {data.rows.length === 0 ? (
            <p className="mt-2 rounded-md border border-slate-200 bg-white p-4">{t("noUsage")}</p>
          ) : (
            <>
              <div className="mt-2 overflow-x-auto">
                <table className="w-full bg-white text-xs shadow-sm" data-testid="usage-rows">
                  <thead className="bg-slate-100 text-left">
                    <tr>
                      <th scope="col" className="px-2 py-1.5">
                        {t("start")}
                      </th>
                      <th scope="col" className="px-2 py-1.5">
                        {t("serviceName")}
                      </th>
                      <th scope="col" className="px-2 py-1.5">
                        {t("sku")}
                      </th>
                      <th scope="col" className="px-2 py-1.5 text-right">
                        {t("usage")}
                      </th>
                      <th scope="col" className="px-2 py-1.5 text-right">
                        {t("cost")}
                      </th>
                      <th scope="col" className="px-2 py-1.5 text-right">
                        {t("credits")}
                      </th>
                      <th scope="col" className="px-2 py-1.5">
                        {t("batch")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((r) => (
                      <tr key={r.id} className="border-t border-slate-100">
                        <td className="whitespace-nowrap px-2 py-1">
                          {r.usageStart ? formatDateTime(r.usageStart, locale) : "—"}
                        </td>
                        <td className="px-2 py-1">{r.serviceDescription}</td>
                        <td className="px-2 py-1">{r.skuDescription}</td>
                        <td className="num px-2 py-1">
                          {r.usageAmount ? `${formatDecimal(r.usageAmount, locale)} ${r.usageUnit ?? ""}` : "—"}
                        </td>
                        <td className="num px-2 py-1">{formatDecimal(r.cost, locale, r.currency)}</td>
                        <td className="num px-2 py-1">{formatDecimal(r.credits, locale, r.currency)}</td>
                        <td className="whitespace-nowrap px-2 py-1">
                          {r.batch}:{r.lineNo}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="mt-3 flex items-center justify-between text-sm" aria-label="Pagination">
                <span>{t("pageOf", { page: data.page, pages, count: data.count })}</span>
                <span className="flex gap-2">
                  {data.page > 1 && (
                    <Link
                      className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
                      href={link({ page: data.page - 1 })}
                      rel="prev"
                    >
                      ← {t("previous")}
                    </Link>
                  )}
                  {data.page < pages && (
                    <Link
                      className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
                      href={link({ page: data.page + 1 })}
                      rel="next"
                    >
                      {t("next")} →
                    </Link>
                  )}
                </span>
              </nav>
            </>
          )}
        </section>
      )}
    </div>
  );
}
