import Link from "next/link";
import { notFound } from "next/navigation";
import { getCustomerContact } from "@/lib/access/get-customer-contact";
import { REASON_MAX, REASON_MIN } from "@/lib/access/request-access";
import { requirePermission } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { formatPercent, formatYen } from "@/lib/i18n/format";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { getLocale, getT } from "@/lib/i18n/server";
import { customerLookupSearchSchema, getCustomerLookup, type ChargeRow } from "@/lib/lookup/get-customer-lookup";
import { recordLookupVisit } from "@/lib/lookup/record-lookup-visit";
import { parseSearch } from "@/lib/http/search-params";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { ChargesChart } from "@/components/lookup/charges-chart";
import { ContactBlock } from "@/components/lookup/contact-block";
import { ChargesTable, CustomerInvoicesTable, MonthChargesTable } from "@/components/lookup/customer-tables";
import { DataTable } from "@/components/ui/data-table";
import { choice, factGrid, panel } from "@/components/ui/styles";
import { UnknownMonth } from "@/components/ui/unknown-month";

export const metadata = { title: "Customer / 顧客" };

export default async function CustomerLookupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("customer.view");
  const { id } = await params;
  const search = parseSearch(customerLookupSearchSchema, await searchParams);
  if (!search.ok) {
    const tl = await getT(lookupMessages);
    return <InvalidSearch title={tl("title")} invalid={search.invalid} resetHref={`/lookup/customers/${id}`} />;
  }
  const data = await getCustomerLookup({ actor, customerId: id, month: search.value.month }).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // Support's home page lists what they opened last.
  const [contact] = await Promise.all([
    getCustomerContact({ actor, customerId: data.customer.id }),
    recordLookupVisit({ actor, targetType: "customer", targetId: data.customer.id }),
  ]);
  const t = await getT(lookupMessages);
  const locale = await getLocale();
  const { customer } = data;
  const projectName = new Map(data.projects.map((p) => [p.id, p.name]));

  // The chosen month's lines by project (customer-level lines last), largest first within each.
  const byProject = new Map<string | null, ChargeRow[]>();
  for (const row of data.monthCharges) byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
  const projectGroups = [...byProject].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const monthsDesc = [...data.months].reverse();

  return (
    <div className="max-w-6xl space-y-6">
      <div>
        <nav className="text-sm text-slate-500" aria-label="Breadcrumb">
          <Link href="/lookup" className="hover:underline">
            {t("backToLookup")}
          </Link>{" "}
          / {customer.code}
        </nav>
        <h1 className="mt-1 text-2xl font-semibold" data-testid="customer-name">
          {customer.name}
        </h1>
        <p className="text-slate-600">
          {customer.nameKana}
          {customer.nameLatin ? ` · ${customer.nameLatin}` : ""}
        </p>
        <dl className={`mt-3 ${factGrid} md:grid-cols-4`}>
          <div>
            <dt className="text-slate-500">{t("code")}</dt>
            <dd className="font-mono font-medium">{customer.code}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("registrationNumber")}</dt>
            <dd className={`font-medium ${customer.registrationNumber ? "font-mono" : ""}`}>
              {customer.registrationNumber ?? t("notRegistered")}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("address")}</dt>
            <dd className="font-medium">
              {customer.postalCode ? `〒${customer.postalCode} ` : ""}
              {customer.address ?? t("notSet")}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("paymentTerms")}</dt>
            <dd className="font-medium">{t("days", { n: customer.paymentTermsDays })}</dd>
          </div>
        </dl>
      </div>
      <UnknownMonth asked={data.unknownMonth} shown={data.selectedMonth} className="" />

      <div className="grid gap-6 lg:grid-cols-2">
        <ContactBlock customerId={customer.id} contact={contact} reasonLimits={{ min: REASON_MIN, max: REASON_MAX }} />
        <section aria-labelledby="contracts-title" className={`${panel} p-4 text-sm`} data-testid="contracts">
          <h2 id="contracts-title" className="font-semibold">
            {t("contractsTitle")}
          </h2>
          {data.contracts.length === 0 ? (
            <p className="mt-2 text-slate-600">{t("noContracts")}</p>
          ) : (
            data.contracts.map((c) => (
              <div key={c.id} className="mt-3">
                <div className="font-medium">{c.name}</div>
                <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                  <dt className="text-slate-500">{t("period")}</dt>
                  <dd>
                    {c.toMonth ? t("fromTo", { from: c.fromMonth, to: c.toMonth }) : t("fromOn", { from: c.fromMonth })}
                  </dd>
                  <dt className="text-slate-500">{t("markup")}</dt>
                  <dd>{formatPercent(c.markupRate, locale)}</dd>
                  <dt className="text-slate-500">{t("opsFee")}</dt>
                  <dd>
                    {t("opsFeeValue", {
                      rate: formatPercent(c.opsFeeRate, locale),
                      minimum: formatYen(c.opsFeeMinimumJpy, locale),
                    })}
                  </dd>
                  <dt className="text-slate-500">{t("discount")}</dt>
                  <dd>{Number(c.discountRate) === 0 ? t("none") : formatPercent(c.discountRate, locale)}</dd>
                  <dt className="text-slate-500">{t("taxRate")}</dt>
                  <dd>
                    {t(`rate_${c.taxRate}`)} · {t("taxRounding")}: {t(`rounding_${c.taxRounding}`)}
                  </dd>
                  <dt className="text-slate-500">{t("paymentTerms")}</dt>
                  <dd>{t("days", { n: c.paymentTermsDays })}</dd>
                  <dt className="text-slate-500">{t("fixedFees")}</dt>
                  <dd>
                    {c.fixedFees.length === 0 ? (
                      t("none")
                    ) : (
                      <ul>
                        {c.fixedFees.map((f) => (
                          <li key={`${f.description}-${f.amountJpy}-${f.taxRate}`}>
                            {f.description}: {formatYen(f.amountJpy, locale)} ({t(`rate_${f.taxRate}`)})
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </dl>
              </div>
            ))
          )}
        </section>
      </div>

      <section aria-labelledby="charges-title" data-testid="charges">
        <h2 id="charges-title" className="text-lg font-semibold">
          {t("chargesTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("chargesIntro")}</p>
        {data.months.length === 0 ? (
          <p className="mt-3 rounded-md border border-slate-200 bg-white p-4">{t("noCharges")}</p>
        ) : (
          <div className={`mt-3 ${panel} p-4`}>
            <ChargesChart months={data.months} series={data.chartSeries} selected={data.selectedMonth} />
            <p className="mt-1 text-xs text-slate-500">{t("chartNote")}</p>
            <ChargesTable months={data.months} series={data.chartSeries} selected={data.selectedMonth} />
          </div>
        )}
      </section>

      {data.selectedMonth && (
        <section
          id="month-charges"
          aria-labelledby="month-charges-title"
          data-testid="month-charges"
          className="scroll-mt-4"
        >
          <h2 id="month-charges-title" className="text-lg font-semibold">
            {t("monthChargesTitle", { month: data.selectedMonth })}
          </h2>
          <nav className="mt-2 flex flex-wrap gap-1.5 text-sm" aria-label={t("month")}>
            {monthsDesc.map((m) => (
              <Link
                key={m.month}
                href={`?month=${m.month}#month-charges`}
                scroll={false}
                aria-current={m.month === data.selectedMonth ? "page" : undefined}
                className={`${choice(m.month === data.selectedMonth)} px-2.5 py-1`}
              >
                {m.month}
              </Link>
            ))}
          </nav>
          <MonthChargesTable
            month={data.selectedMonth}
            groups={projectGroups.map(([projectId, rows]) => ({
              projectId,
              name: projectId ? (projectName.get(projectId) ?? null) : null,
              rows,
            }))}
          />
        </section>
      )}

      <section aria-labelledby="invoices-title" data-testid="invoices">
        <h2 id="invoices-title" className="text-lg font-semibold">
          {t("invoicesTitle")}
        </h2>
        {data.invoices.length === 0 ? (
          <p className="mt-3 rounded-md border border-slate-200 bg-white p-4">{t("noInvoices")}</p>
        ) : (
          <CustomerInvoicesTable invoices={data.invoices} />
        )}
      </section>

      <section aria-labelledby="projects-title" data-testid="projects">
        <h2 id="projects-title" className="text-lg font-semibold">
          {t("projectsTitle")}
        </h2>
        {data.projects.length === 0 ? (
          <p className="mt-3 rounded-md border border-slate-200 bg-white p-4">{t("noProjects")}</p>
        ) : (
          <DataTable
            className="mt-3"
            columns={[
              { label: t("project") },
              { label: t("name") },
              { label: t("billingAccount") },
              { label: t("billingGroup") },
              { label: t("since") },
            ]}
          >
            {data.projects.map((p) => (
              <tr key={`${p.id}:${p.fromMonth}`} className="border-t border-slate-100">
                <td className="px-3 py-1.5">
                  <Link
                    href={`/lookup/projects/${encodeURIComponent(p.id)}`}
                    className="font-mono text-blue-800 hover:underline"
                  >
                    {p.id}
                  </Link>
                </td>
                <td className="px-3 py-1.5">{p.name}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{p.billingAccountId ?? "—"}</td>
                <td className="px-3 py-1.5">{p.billingGroup ?? "—"}</td>
                <td className="px-3 py-1.5">{p.fromMonth}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
