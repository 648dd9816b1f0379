import Link from "next/link";
import { notFound } from "next/navigation";
import { getCustomerContact } from "@/lib/access/get-customer-contact";
import { REASON_MAX, REASON_MIN } from "@/lib/access/request-access";
import { requirePermission } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { formatPercent, formatYen } from "@/lib/i18n/format";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { getLocale, getT } from "@/lib/i18n/server";
import { CUSTOMER_LEVEL, OTHER_PROJECTS, getCustomerLookup, type ChargeRow } from "@/lib/lookup/get-customer-lookup";
import { ChargesChart } from "@/components/lookup/charges-chart";
import { ContactBlock } from "@/components/lookup/contact-block";

export const metadata = { title: "Customer / 顧客" };

const LINE_KINDS = ["USAGE", "OPS_FEE", "FIXED_FEE", "MANUAL", "ADJUSTMENT", "DISCOUNT", "CREDIT"] as const;
type LineKind = (typeof LINE_KINDS)[number];
const isLineKind = (key: string): key is LineKind => (LINE_KINDS as readonly string[]).includes(key);

export default async function CustomerLookupPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("customer.view");
  const { id } = await params;
  const rawMonth = (await searchParams).month;
  const month = typeof rawMonth === "string" && /^\d{4}-\d{2}$/.test(rawMonth) ? rawMonth : undefined;
  const data = await getCustomerLookup({ actor, customerId: id, month }).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const contact = await getCustomerContact({ actor, customerId: data.customer.id });
  const t = await getT(lookupMessages);
  const locale = await getLocale();
  const { customer } = data;
  const projectName = new Map(data.projects.map((p) => [p.id, p.name]));
  const seriesLabel = (key: string) => (key === OTHER_PROJECTS ? t("otherProjects") : key === CUSTOMER_LEVEL ? t("customerLevel") : key);

  // The chosen month's lines by project (customer-level lines last), largest first within each.
  const byProject = new Map<string | null, ChargeRow[]>();
  for (const row of data.monthCharges) byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
  const projectGroups = [...byProject].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const sum = (rows: ChargeRow[]) => rows.reduce((s, r) => s + BigInt(r.amountJpy), 0n);
  const monthsDesc = [...data.months].reverse();

  return (
    <div className="max-w-6xl space-y-6">
      <div>
        <nav className="text-sm text-slate-500" aria-label="Breadcrumb">
          <Link href="/lookup" className="hover:underline">{t("backToLookup")}</Link> / {customer.code}
        </nav>
        <h1 className="mt-1 text-2xl font-semibold" data-testid="customer-name">{customer.name}</h1>
        <p className="text-slate-600">
          {customer.nameKana}
          {customer.nameLatin ? ` · ${customer.nameLatin}` : ""}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-x-8 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-4">
          <div><dt className="text-slate-500">{t("code")}</dt><dd className="font-mono font-medium">{customer.code}</dd></div>
          <div><dt className="text-slate-500">{t("registrationNumber")}</dt><dd className={`font-medium ${customer.registrationNumber ? "font-mono" : ""}`}>{customer.registrationNumber ?? t("notRegistered")}</dd></div>
          <div><dt className="text-slate-500">{t("address")}</dt><dd className="font-medium">{customer.postalCode ? `〒${customer.postalCode} ` : ""}{customer.address ?? t("notSet")}</dd></div>
          <div><dt className="text-slate-500">{t("paymentTerms")}</dt><dd className="font-medium">{t("days", { n: customer.paymentTermsDays })}</dd></div>
        </dl>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <ContactBlock customerId={customer.id} contact={contact} reasonLimits={{ min: REASON_MIN, max: REASON_MAX }} />
        <section aria-labelledby="contracts-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="contracts">
          <h2 id="contracts-title" className="font-semibold">{t("contractsTitle")}</h2>
          {data.contracts.length === 0 ? (
            <p className="mt-2 text-slate-600">{t("noContracts")}</p>
          ) : (
            data.contracts.map((c) => (
              <div key={c.id} className="mt-3">
                <div className="font-medium">{c.name}</div>
                <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                  <dt className="text-slate-500">{t("period")}</dt>
                  <dd>{c.toMonth ? t("fromTo", { from: c.fromMonth, to: c.toMonth }) : t("fromOn", { from: c.fromMonth })}</dd>
                  <dt className="text-slate-500">{t("markup")}</dt>
                  <dd>{formatPercent(c.markupRate, locale)}</dd>
                  <dt className="text-slate-500">{t("opsFee")}</dt>
                  <dd>{t("opsFeeValue", { rate: formatPercent(c.opsFeeRate, locale), minimum: formatYen(c.opsFeeMinimumJpy, locale) })}</dd>
                  <dt className="text-slate-500">{t("discount")}</dt>
                  <dd>{Number(c.discountRate) === 0 ? t("none") : formatPercent(c.discountRate, locale)}</dd>
                  <dt className="text-slate-500">{t("taxRate")}</dt>
                  <dd>{t(`rate_${c.taxRate}`)} · {t("taxRounding")}: {t(`rounding_${c.taxRounding}`)}</dd>
                  <dt className="text-slate-500">{t("paymentTerms")}</dt>
                  <dd>{t("days", { n: c.paymentTermsDays })}</dd>
                  <dt className="text-slate-500">{t("fixedFees")}</dt>
                  <dd>
                    {c.fixedFees.length === 0 ? (
                      t("none")
                    ) : (
                      <ul>
                        {c.fixedFees.map((f, i) => (
                          <li key={i}>
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
        <h2 id="charges-title" className="text-lg font-semibold">{t("chargesTitle")}</h2>
        <p className="text-sm text-slate-600">{t("chargesIntro")}</p>
        {data.months.length === 0 ? (
          <p className="mt-3 rounded-md border border-slate-200 bg-white p-4">{t("noCharges")}</p>
        ) : (
          <div className="mt-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <ChargesChart months={data.months} series={data.chartSeries} selected={data.selectedMonth} />
            <p className="mt-1 text-xs text-slate-500">{t("chartNote")}</p>
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-sm" data-testid="charges-table">
                <thead className="bg-slate-100 text-left">
                  <tr>
                    <th scope="col" className="px-3 py-2">{t("month")}</th>
                    {data.chartSeries.map((key) => (
                      <th key={key} scope="col" className="px-3 py-2 text-right font-medium">
                        <span className={key.startsWith("__") ? "" : "whitespace-nowrap font-mono text-xs"}>{seriesLabel(key)}</span>
                      </th>
                    ))}
                    <th scope="col" className="px-3 py-2 text-right">{t("total")}</th>
                  </tr>
                </thead>
                <tbody>
                  {monthsDesc.map((m) => {
                    const selected = m.month === data.selectedMonth;
                    return (
                      <tr key={m.month} className={`border-t border-slate-100 ${selected ? "bg-blue-50" : ""}`} aria-current={selected ? "true" : undefined}>
                        <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-normal">
                          <Link href={`?month=${m.month}#month-charges`} scroll={false} className={selected ? "font-semibold" : "text-blue-800 hover:underline"} aria-label={t("showMonth", { month: m.month })}>
                            {m.month}
                          </Link>
                        </th>
                        {data.chartSeries.map((key) => (
                          <td key={key} className="num px-3 py-1.5">{m.byProject[key] ? formatYen(m.byProject[key], locale) : "—"}</td>
                        ))}
                        <td className="num px-3 py-1.5 font-medium">{formatYen(m.totalJpy, locale)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>

      {data.selectedMonth && (
        <section id="month-charges" aria-labelledby="month-charges-title" data-testid="month-charges" className="scroll-mt-4">
          <h2 id="month-charges-title" className="text-lg font-semibold">{t("monthChargesTitle", { month: data.selectedMonth })}</h2>
          <nav className="mt-2 flex flex-wrap gap-1.5 text-sm" aria-label={t("month")}>
            {monthsDesc.map((m) => (
              <Link
                key={m.month}
                href={`?month=${m.month}#month-charges`}
                scroll={false}
                aria-current={m.month === data.selectedMonth ? "page" : undefined}
                className={`rounded-md border px-2.5 py-1 ${m.month === data.selectedMonth ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}
              >
                {m.month}
              </Link>
            ))}
          </nav>
          <table className="mt-3 w-full bg-white text-sm shadow-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("service")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("amount")}</th>
              </tr>
            </thead>
            {projectGroups.map(([projectId, rows]) => (
              <tbody key={projectId ?? CUSTOMER_LEVEL} className="border-t-2 border-slate-200" data-testid="month-project">
                <tr className="bg-slate-50">
                  <th scope="rowgroup" className="px-3 py-2 text-left">
                    {projectId ? (
                      <span className="flex flex-wrap items-baseline gap-x-3">
                        <Link href={`/lookup/projects/${encodeURIComponent(projectId)}?month=${data.selectedMonth}`} className="font-mono text-blue-800 hover:underline">
                          {projectId}
                        </Link>
                        {projectName.get(projectId) && <span className="font-normal text-slate-600">{projectName.get(projectId)}</span>}
                      </span>
                    ) : (
                      t("customerLevel")
                    )}
                  </th>
                  <td className="num px-3 py-2 font-semibold">{formatYen(sum(rows), locale)}</td>
                </tr>
                {rows.map((r) => {
                  const kind = isLineKind(r.serviceKey) ? r.serviceKey : null;
                  const label = kind ? (r.serviceDescription ?? t(`line_${kind}`)) : (r.serviceDescription ?? r.serviceKey);
                  return (
                    <tr key={r.serviceKey} className="border-t border-slate-100">
                      <td className="py-1.5 pl-8 pr-3">
                        {!kind && projectId ? (
                          <Link href={`/lookup/projects/${encodeURIComponent(projectId)}?month=${data.selectedMonth}&service=${encodeURIComponent(r.serviceKey)}`} className="text-blue-800 hover:underline">
                            {label}
                          </Link>
                        ) : (
                          label
                        )}
                        {kind && r.serviceDescription && <span className="ml-2 text-xs text-slate-500">{t(`line_${kind}`)}</span>}
                      </td>
                      <td className="num px-3 py-1.5">{formatYen(r.amountJpy, locale)}</td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
            <tfoot>
              <tr className="border-t-2 border-slate-300">
                <th scope="row" className="px-3 py-2 text-left">{t("total")}</th>
                <td className="num px-3 py-2 font-semibold">{formatYen(sum(data.monthCharges), locale)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}

      <section aria-labelledby="invoices-title" data-testid="invoices">
        <h2 id="invoices-title" className="text-lg font-semibold">{t("invoicesTitle")}</h2>
        {data.invoices.length === 0 ? (
          <p className="mt-3 rounded-md border border-slate-200 bg-white p-4">{t("noInvoices")}</p>
        ) : (
          <table className="mt-3 w-full bg-white text-sm shadow-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("number")}</th>
                <th scope="col" className="px-3 py-2">{t("month")}</th>
                <th scope="col" className="px-3 py-2">{t("billingGroup")}</th>
                <th scope="col" className="px-3 py-2">{t("status")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("total")}</th>
                <th scope="col" className="px-3 py-2">{t("dueDate")}</th>
                <th scope="col" className="px-3 py-2">{t("pdf")}</th>
              </tr>
            </thead>
            <tbody>
              {data.invoices.map((i) => (
                <tr key={i.id} className="border-t border-slate-100" data-testid="invoice-row">
                  <td className="px-3 py-1.5">
                    <Link href={`/invoices/${i.id}`} className={`text-blue-800 hover:underline ${i.number ? "font-mono" : ""}`}>
                      {i.number ?? t("notIssued")}
                    </Link>
                    {i.kind !== "INVOICE" && <span className="ml-2 rounded bg-purple-100 px-1.5 py-0.5 text-xs text-purple-900">{t(`kind_${i.kind}`)}</span>}
                  </td>
                  <td className="px-3 py-1.5">{i.month}</td>
                  <td className="px-3 py-1.5">{i.billingGroup}</td>
                  <td className="px-3 py-1.5">
                    <span className={`rounded px-1.5 py-0.5 text-xs ${i.status === "RELEASED" ? "bg-green-100 text-green-900" : i.status === "VOIDED" ? "bg-slate-200 text-slate-700" : "bg-amber-50 text-amber-900"}`}>
                      {t(`status_${i.status}`)}
                    </span>
                  </td>
                  <td className="num px-3 py-1.5">{formatYen(i.totalJpy, locale)}</td>
                  <td className="px-3 py-1.5">{i.dueDate ?? "—"}</td>
                  <td className="px-3 py-1.5">
                    {i.hasPdf ? (
                      <a href={`/api/invoices/${i.id}/pdf`} className="text-blue-800 hover:underline">{t("pdf")}</a>
                    ) : (
                      <span className="text-xs text-slate-400">{t("pdfNotYet")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="projects-title" data-testid="projects">
        <h2 id="projects-title" className="text-lg font-semibold">{t("projectsTitle")}</h2>
        {data.projects.length === 0 ? (
          <p className="mt-3 rounded-md border border-slate-200 bg-white p-4">{t("noProjects")}</p>
        ) : (
          <table className="mt-3 w-full bg-white text-sm shadow-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("project")}</th>
                <th scope="col" className="px-3 py-2">{t("name")}</th>
                <th scope="col" className="px-3 py-2">{t("billingAccount")}</th>
                <th scope="col" className="px-3 py-2">{t("billingGroup")}</th>
                <th scope="col" className="px-3 py-2">{t("since")}</th>
              </tr>
            </thead>
            <tbody>
              {data.projects.map((p) => (
                <tr key={`${p.id}:${p.fromMonth}`} className="border-t border-slate-100">
                  <td className="px-3 py-1.5">
                    <Link href={`/lookup/projects/${encodeURIComponent(p.id)}`} className="font-mono text-blue-800 hover:underline">{p.id}</Link>
                  </td>
                  <td className="px-3 py-1.5">{p.name}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{p.billingAccountId ?? "—"}</td>
                  <td className="px-3 py-1.5">{p.billingGroup ?? "—"}</td>
                  <td className="px-3 py-1.5">{p.fromMonth}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
