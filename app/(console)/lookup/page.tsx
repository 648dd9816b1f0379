import Link from "next/link";
import { can } from "@/lib/authz/policy";
import { requirePermission } from "@/lib/dal/actor";
import { formatYen } from "@/lib/i18n/format";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { getLocale, getT } from "@/lib/i18n/server";
import { searchLookup } from "@/lib/lookup/search";
import { lookupSearchSchema } from "@/lib/lookup/query-text";
import { parseSearch } from "@/lib/http/search-params";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { SearchBox } from "@/components/lookup/search-box";
import { ResultGroup } from "@/components/lookup/result-group";
import { button, panel } from "@/components/ui/styles";

export const metadata = { title: "Lookup / 照会" };

export default async function LookupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("lookup.use");
  const t = await getT(lookupMessages);
  const locale = await getLocale();
  const search = parseSearch(lookupSearchSchema, await searchParams);
  if (!search.ok) return <InvalidSearch title={t("title")} invalid={search.invalid} resetHref="/lookup" />;
  const q = search.value.q ?? "";
  const results = q ? await searchLookup({ actor, query: q }) : null;
  const total = results
    ? results.customers.hits.length +
      results.projects.hits.length +
      results.billingAccounts.hits.length +
      results.invoices.hits.length
    : 0;

  return (
    <div className="max-w-5xl">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-slate-600">{t("intro")}</p>
        </div>
        {can(actor, "accessGrant.request") && (
          <Link href="/access" className={button("secondary", "sm")}>
            {t("myRequests")}
          </Link>
        )}
      </div>
      <div className="mt-4">
        <SearchBox key={q} initial={q} />
      </div>

      {!results ? (
        <section aria-labelledby="lookup-empty" className={`mt-6 ${panel} p-5`} data-testid="lookup-empty">
          <h2 id="lookup-empty" className="font-semibold">
            {t("emptyTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("emptyIntro")}</p>
          <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            {(
              [
                ["canName", "株式会社青葉 / Aoba System"],
                ["canKana", "アオバ · あおば · ｱｵﾊﾞ"],
                ["canCode", "C00012"],
                ["canProject", "aoba-system-prod-001 · prod-001"],
                ["canAccount", "01A2B3-C4D5E6-F7A8B9"],
                ["canInvoice", "INV-2026-10-000123"],
                ["canAmount", "¥1,234,567 · 1234567"],
              ] as const
            ).map(([key, example]) => (
              <div key={key} className="contents">
                <dt className="text-slate-800">{t(key)}</dt>
                <dd className="text-slate-500">{example}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : total === 0 ? (
        <section className={`mt-6 ${panel} p-5`} data-testid="lookup-no-results" role="status">
          <h2 className="font-semibold">{t("noResults", { q: results.query })}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("noResultsHint")}</p>
        </section>
      ) : (
        <div className="mt-6 space-y-5" data-testid="lookup-results">
          <h2 className="sr-only">{t("resultsFor", { q: results.query })}</h2>
          <ResultGroup
            kind="customers"
            title={t("groupCustomers")}
            count={results.customers.hits.length}
            more={results.customers.more ? t("more", { n: results.customers.hits.length }) : null}
          >
            {results.customers.hits.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/lookup/customers/${c.id}`}
                  className="flex flex-wrap items-baseline gap-x-3 px-4 py-2.5 hover:bg-slate-50 focus:bg-slate-50"
                >
                  <span className="font-medium text-blue-800">{c.name}</span>
                  <span className="text-sm text-slate-600">{c.nameKana}</span>
                  {c.nameLatin && <span className="text-sm text-slate-500">{c.nameLatin}</span>}
                  <span className="ml-auto font-mono text-xs text-slate-500">{c.code}</span>
                </Link>
              </li>
            ))}
          </ResultGroup>
          <ResultGroup
            kind="projects"
            title={t("groupProjects")}
            count={results.projects.hits.length}
            more={results.projects.more ? t("more", { n: results.projects.hits.length }) : null}
          >
            {results.projects.hits.map((p) => (
              <li key={p.id}>
                <Link
                  href={`/lookup/projects/${encodeURIComponent(p.id)}`}
                  className="flex flex-wrap items-baseline gap-x-3 px-4 py-2.5 hover:bg-slate-50 focus:bg-slate-50"
                >
                  <span className="font-mono font-medium text-blue-800">{p.id}</span>
                  <span className="text-sm text-slate-600">{p.name}</span>
                  <span className="ml-auto text-sm text-slate-500">
                    {p.customerName ? t("assignedTo", { customer: p.customerName }) : t("notAssigned")}
                  </span>
                </Link>
              </li>
            ))}
          </ResultGroup>
          <ResultGroup
            kind="billing-accounts"
            title={t("groupAccounts")}
            count={results.billingAccounts.hits.length}
            more={results.billingAccounts.more ? t("more", { n: results.billingAccounts.hits.length }) : null}
          >
            {results.billingAccounts.hits.map((b) => (
              <li key={b.id} className="flex flex-wrap items-baseline gap-x-3 px-4 py-2.5">
                <span className="font-mono font-medium">{b.id}</span>
                <span className="text-sm text-slate-600">{b.name}</span>
                <span className="ml-auto text-sm text-slate-500">
                  {t("accountCounts", { projects: b.projects, customers: b.customers })}
                </span>
              </li>
            ))}
          </ResultGroup>
          <ResultGroup
            kind="invoices"
            title={t("groupInvoices")}
            count={results.invoices.hits.length}
            more={results.invoices.more ? t("more", { n: results.invoices.hits.length }) : null}
          >
            {results.invoices.hits.map((i) => (
              <li key={i.id} className="flex flex-wrap items-baseline gap-x-3 px-4 py-2.5 hover:bg-slate-50">
                <Link
                  href={`/invoices/${i.id}`}
                  className={`font-medium text-blue-800 hover:underline ${i.number ? "font-mono" : ""}`}
                >
                  {i.number ?? `${i.month} · ${t("notIssued")}`}
                </Link>
                <Link href={`/lookup/customers/${i.customerId}`} className="text-sm text-slate-700 hover:underline">
                  {i.customerName}
                </Link>
                <span className="text-sm text-slate-500">
                  {i.month} · {t(`kind_${i.kind as "INVOICE"}`)} · {t(`status_${i.status as "DRAFT"}`)}
                </span>
                <span className="num ml-auto text-sm">{formatYen(i.totalJpy, locale)}</span>
                <span className="w-full text-xs text-slate-500 sm:w-auto">{t(`matched_${i.matched}`)}</span>
              </li>
            ))}
          </ResultGroup>
        </div>
      )}
    </div>
  );
}
