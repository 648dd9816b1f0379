"use client";
// The customer page's larger tables (charges by month, the chosen month's charges, the
// invoices). Client components on purpose, like the audit table: the page then carries these
// rows once as data instead of their whole element tree in the server component payload as
// well as in the HTML. Nothing here fetches: the server read them, for this person.
import Link from "next/link";
import { useMemo } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatYen } from "@/lib/i18n/format";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import type { ChargeRow, CustomerLookup, MonthCharges } from "@/lib/lookup/get-customer-lookup";
import { DataTable } from "@/components/ui/data-table";
import { badge, cx } from "@/components/ui/styles";

// The same keys as lib/lookup/get-customer-lookup.ts (that module is server-only).
const OTHER_PROJECTS = "__other__";
const CUSTOMER_LEVEL = "__customer__";
const LINE_KINDS = ["USAGE", "OPS_FEE", "FIXED_FEE", "MANUAL", "ADJUSTMENT", "DISCOUNT", "CREDIT"] as const;
type LineKind = (typeof LINE_KINDS)[number];
const isLineKind = (key: string): key is LineKind => (LINE_KINDS as readonly string[]).includes(key);
const sum = (rows: ChargeRow[]) => rows.reduce((s, r) => s + BigInt(r.amountJpy), 0n);
/** A project's lookup page opened on one month and service. */
const projectServiceHref = (projectId: string, month: string, service: string) =>
  `/lookup/projects/${encodeURIComponent(projectId)}?month=${month}&service=${encodeURIComponent(service)}`;
/** Released and voided invoices in their own colours; every other status is still open. */
const STATUS_TONE: Partial<Record<CustomerLookup["invoices"][number]["status"], string>> = {
  RELEASED: "bg-green-100 text-green-900",
  VOIDED: "bg-slate-200 text-slate-700",
};

/**
 * Charges per month and series, newest first: the chart's figures as a table. Takes the
 * chart's own (oldest first) months, so the page sends them once.
 */
export function ChargesTable({
  months: oldestFirst,
  series,
  selected,
}: {
  months: MonthCharges[];
  series: string[];
  selected: string | null;
}) {
  const months = useMemo(() => [...oldestFirst].reverse(), [oldestFirst]);
  const t = useT(lookupMessages);
  const locale = useLocale();
  const seriesLabel = (key: string) =>
    key === OTHER_PROJECTS ? t("otherProjects") : key === CUSTOMER_LEVEL ? t("customerLevel") : key;
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-sm" data-testid="charges-table">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("month")}
            </th>
            {series.map((key) => (
              <th key={key} scope="col" className="px-3 py-2 text-right font-medium">
                <span className={key.startsWith("__") ? "" : "whitespace-nowrap font-mono text-xs"}>
                  {seriesLabel(key)}
                </span>
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right">
              {t("total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => {
            const current = m.month === selected;
            return (
              <tr
                key={m.month}
                className={`border-t border-slate-100 ${current ? "bg-blue-50" : ""}`}
                aria-current={current ? "true" : undefined}
              >
                <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-normal">
                  <Link
                    href={`?month=${m.month}#month-charges`}
                    scroll={false}
                    className={current ? "font-semibold" : "text-blue-800 hover:underline"}
                    aria-label={t("showMonth", { month: m.month })}
                  >
                    {m.month}
                  </Link>
                </th>
                {series.map((key) => (
                  <td key={key} className="num px-3 py-1.5">
                    {m.byProject[key] ? formatYen(m.byProject[key], locale) : "—"}
                  </td>
                ))}
                <td className="num px-3 py-1.5 font-medium">{formatYen(m.totalJpy, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The chosen month's lines by project (customer-level lines last), largest first within each. */
export function MonthChargesTable({
  month,
  groups,
}: {
  month: string;
  groups: Array<{ projectId: string | null; name: string | null; rows: ChargeRow[] }>;
}) {
  const t = useT(lookupMessages);
  const locale = useLocale();
  return (
    <table className="mt-3 w-full bg-white text-sm shadow-sm">
      <thead className="bg-slate-100 text-left">
        <tr>
          <th scope="col" className="px-3 py-2">
            {t("service")}
          </th>
          <th scope="col" className="px-3 py-2 text-right">
            {t("amount")}
          </th>
        </tr>
      </thead>
      {groups.map(({ projectId, name, rows }) => (
        <tbody key={projectId ?? CUSTOMER_LEVEL} className="border-t-2 border-slate-200" data-testid="month-project">
          <tr className="bg-slate-50">
            <th scope="rowgroup" className="px-3 py-2 text-left">
              {projectId ? (
                <span className="flex flex-wrap items-baseline gap-x-3">
                  <Link
                    href={`/lookup/projects/${encodeURIComponent(projectId)}?month=${month}`}
                    className="font-mono text-blue-800 hover:underline"
                  >
                    {projectId}
                  </Link>
                  {name && <span className="font-normal text-slate-600">{name}</span>}
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
                    <Link
                      href={projectServiceHref(projectId, month, r.serviceKey)}
                      className="text-blue-800 hover:underline"
                    >
                      {label}
                    </Link>
                  ) : (
                    label
                  )}
                  {kind && r.serviceDescription && (
                    <span className="ml-2 text-xs text-slate-500">{t(`line_${kind}`)}</span>
                  )}
                </td>
                <td className="num px-3 py-1.5">{formatYen(r.amountJpy, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      ))}
      <tfoot>
        <tr className="border-t-2 border-slate-300">
          <th scope="row" className="px-3 py-2 text-left">
            {t("total")}
          </th>
          <td className="num px-3 py-2 font-semibold">{formatYen(sum(groups.flatMap((g) => g.rows)), locale)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function CustomerInvoicesTable({ invoices }: { invoices: CustomerLookup["invoices"] }) {
  const t = useT(lookupMessages);
  const locale = useLocale();
  return (
    <DataTable
      className="mt-3"
      columns={[
        { label: t("number") },
        { label: t("month") },
        { label: t("billingGroup") },
        { label: t("status") },
        { label: t("total"), numeric: true },
        { label: t("dueDate") },
        { label: t("pdf") },
      ]}
    >
      {invoices.map((i) => (
        <tr key={i.id} className="border-t border-slate-100" data-testid="invoice-row">
          <td className="px-3 py-1.5">
            <Link href={`/invoices/${i.id}`} className={`text-blue-800 hover:underline ${i.number ? "font-mono" : ""}`}>
              {i.number ?? t("notIssued")}
            </Link>
            {i.kind !== "INVOICE" && (
              <span className={`ml-2 ${badge} bg-purple-100 text-purple-900`}>{t(`kind_${i.kind}`)}</span>
            )}
          </td>
          <td className="px-3 py-1.5">{i.month}</td>
          <td className="px-3 py-1.5">{i.billingGroup}</td>
          <td className="px-3 py-1.5">
            <span className={cx(badge, STATUS_TONE[i.status] ?? "bg-amber-50 text-amber-900")}>
              {t(`status_${i.status}`)}
            </span>
          </td>
          <td className="num px-3 py-1.5">{formatYen(i.totalJpy, locale)}</td>
          <td className="px-3 py-1.5">{i.dueDate ?? "—"}</td>
          <td className="px-3 py-1.5">
            {i.hasPdf ? (
              <a href={`/api/invoices/${i.id}/pdf`} className="text-blue-800 hover:underline">
                {t("pdf")}
              </a>
            ) : (
              <span className="text-xs text-slate-500">{t("pdfNotYet")}</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
