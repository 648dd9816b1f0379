import Link from "next/link";
import { notFound } from "next/navigation";
import { InvoiceDiffView } from "@/components/invoices/invoice-diff-view";
import { requirePermission } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import { invoiceHistoryMessages } from "@/lib/i18n/messages/invoice-history";
import { invoiceViewMessages } from "@/lib/i18n/messages/invoice-view";
import { getLocale, getT } from "@/lib/i18n/server";
import { previousMonth } from "@/lib/invoices/generate-drafts";
import {
  getInvoiceHistory,
  historySearchSchema,
  resolveComparison,
  type CompareBase,
  type HistorySide,
} from "@/lib/invoices/get-invoice-history";
import { DataTable } from "@/components/ui/data-table";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { parseSearch } from "@/lib/http/search-params";
import { badge, formField, filterBar, segment } from "@/components/ui/styles";

export const metadata = { title: "History / 履歴" };

type Search = { compare?: string; a?: string; b?: string; all?: string };

export default async function InvoiceHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("invoice.view");
  const { id } = await params;
  const history = await getInvoiceHistory({ actor, invoiceId: id }).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const t = await getT(invoiceHistoryMessages);
  const parsed = parseSearch(historySearchSchema, await searchParams);
  if (!parsed.ok)
    return <InvalidSearch title={t("title")} invalid={parsed.invalid} resetHref={`/invoices/${id}/history`} />;
  const search: Search = parsed.value;
  const tv = await getT(invoiceViewMessages);
  const td = await getT(draftsMessages);
  const locale = await getLocale();
  const rate = (code: string) => tv(`rate_${code as "STANDARD_10"}`);
  const cause = (c: string) =>
    ["generated", "regenerated", "edited", "correction"].includes(c) ? t(`cause_${c as "generated"}`) : c;
  const { invoice, versions, bases } = history;
  const comparison = resolveComparison(history, search);
  const base = `/invoices/${invoice.id}/history`;
  const href = (q: Search) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
    return p.size ? `${base}?${p}` : base;
  };
  const current: Search =
    comparison.mode === "versions"
      ? { a: search.a, b: search.b }
      : { compare: comparison.mode === "computed" ? undefined : comparison.mode };
  const sideLabel = (side: HistorySide) =>
    side.label.kind === "version"
      ? t("sideVersion", { version: side.label.version, cause: cause(side.label.cause) })
      : t("sideLastMonth", {
          month: side.label.month,
          number: side.label.number ?? t("unnumbered"),
          version: side.label.version,
          status: td(`status${side.label.status as "DRAFT"}`),
        });

  const tab = (mode: CompareBase, label: string) => {
    const side = bases[mode];
    const active = comparison.mode === mode;
    const detail = side ? ` — ${sideLabel(side)}` : "";
    return side ? (
      <Link
        href={href({ compare: mode === "computed" ? undefined : mode })}
        aria-current={active ? "page" : undefined}
        className={segment(active ? "current" : "other")}
        data-testid={`compare-${mode}`}
      >
        {label}
        <span className={`ml-1 text-xs ${active ? "text-slate-300" : "text-slate-500"}`}>{detail}</span>
      </Link>
    ) : (
      <span
        aria-disabled="true"
        className={segment("unavailable")}
        title={t(`noBase_${mode}`, { month: previousMonth(invoice.month) })}
        data-testid={`compare-${mode}`}
      >
        {label}
      </span>
    );
  };

  return (
    <div className="max-w-6xl">
      <div className="text-sm text-slate-500">
        <Link href={`/drafts?month=${invoice.month}`} className="underline">
          {td("title")}
        </Link>{" "}
        /{" "}
        <Link href={`/invoices/${invoice.id}`} className="underline">
          {invoice.customer.code}
        </Link>{" "}
        / {t("title")}
      </div>
      <h1 className="mt-1 text-2xl font-semibold">
        {t("title")}: {invoice.customer.name} — {invoice.billingGroup}
      </h1>
      <p className="mt-1 text-slate-600">
        {invoice.month} · {td(`status${invoice.status}`)} · v{invoice.version} · {formatYen(invoice.totalJpy, locale)}
        {invoice.number ? ` · ${invoice.number}` : ""} ·{" "}
        <Link href={`/invoices/${invoice.id}`} className="text-blue-800 underline">
          {t("backToInvoice")}
        </Link>
      </p>
      <p className="mt-1 text-sm text-slate-500">{t("intro")}</p>

      <section aria-labelledby="versions" className="mt-6">
        <h2 id="versions" className="text-lg font-semibold">
          {t("versions")}
        </h2>
        <DataTable
          testId="history-versions"
          columns={[
            { label: t("version") },
            { label: t("cause") },
            { label: t("who") },
            { label: t("when") },
            { label: t("total"), numeric: true },
            { label: t("decisions") },
          ]}
        >
          {versions.map((v) => (
            <tr key={v.version} className={`border-t border-slate-100 align-top ${v.current ? "bg-blue-50/40" : ""}`}>
              <td className="px-3 py-2 font-medium whitespace-nowrap">
                v{v.version}
                {v.current && <span className={`ml-2 ${badge} bg-blue-100 text-blue-900`}>{t("current")}</span>}
              </td>
              <td className="px-3 py-2">
                {cause(v.cause)}
                {v.version > 1 && (
                  <div>
                    <Link
                      href={href({ a: String(v.version - 1), b: String(v.version) })}
                      className="text-xs text-blue-800 hover:underline"
                    >
                      {t("compareWithPrevious", { version: v.version - 1 })} →
                    </Link>
                  </div>
                )}
              </td>
              <td className="px-3 py-2">{v.by}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(v.createdAt, locale)}</td>
              <td className="num px-3 py-2">{v.totalJpy === null ? "—" : formatYen(v.totalJpy, locale)}</td>
              <td className="px-3 py-2 text-xs">
                <ul className="space-y-0.5">
                  {v.approvals.map((a) => (
                    <li key={`approval-${a.at}-${a.by}`} className={a.voided ? "text-slate-500" : "text-green-800"}>
                      {t("approvedBy", { who: a.by })} · {formatDateTime(a.at, locale)}
                      {a.voided && ` (${t("voided")})`}
                    </li>
                  ))}
                  {v.rejections.map((r) => (
                    <li key={`rejection-${r.at}-${r.by}`} className="text-red-800">
                      {t("rejectedBy", { who: r.by, reason: r.reason ?? "" })}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="compare" className="mt-8">
        <h2 id="compare" className="text-lg font-semibold">
          {t("compareWith", { version: invoice.version })}
        </h2>
        <nav
          className="mt-2 flex flex-wrap items-center gap-2"
          aria-label={t("compareWith", { version: invoice.version })}
        >
          {tab("computed", t("againstComputed"))}
          {tab("approved", t("againstApproved"))}
          {tab("lastMonth", t("againstLastMonth"))}
        </nav>
        <form method="get" action={base} className={`mt-3 items-end ${filterBar}`}>
          <span className="self-center font-medium">{t("twoVersions")}</span>
          <div className="flex flex-col gap-1">
            <label htmlFor="compare-a">{t("from")}</label>
            <select
              id="compare-a"
              name="a"
              defaultValue={
                comparison.mode === "versions" ? (search.a ?? "") : String(Math.max(1, invoice.version - 1))
              }
              className={formField}
            >
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version} — {cause(v.cause)}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="compare-b">{t("to")}</label>
            <select
              id="compare-b"
              name="b"
              defaultValue={
                comparison.mode === "versions" ? (search.b ?? String(invoice.version)) : String(invoice.version)
              }
              className={formField}
            >
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version} — {cause(v.cause)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-white">
            {t("compare")}
          </button>
        </form>

        {comparison.ok ? (
          <>
            <p className="mt-4 text-sm text-slate-700" data-testid="comparison-sides">
              <span className="font-medium">{sideLabel(comparison.before)}</span> →{" "}
              <span className="font-medium">{sideLabel(comparison.after)}</span>
              {comparison.mode === "approved" && history.lastApproval?.voided && (
                <span className="ml-2 text-amber-800">{t("lastApprovalVoided")}</span>
              )}
            </p>
            <InvoiceDiffView
              diff={comparison.diff}
              beforeLabel={sideLabel(comparison.before)}
              afterLabel={sideLabel(comparison.after)}
              locale={locale}
              t={t}
              rate={rate}
              showUnchanged={search.all === "1"}
              toggleHref={href({ ...current, all: search.all === "1" ? undefined : "1" })}
            />
          </>
        ) : (
          <p
            role="status"
            className="mt-4 rounded-md border border-slate-200 bg-white p-4 text-sm"
            data-testid="comparison-problem"
          >
            {comparison.problem === "no-base" && comparison.mode !== "versions"
              ? t(`noBase_${comparison.mode}`, { month: previousMonth(invoice.month) })
              : comparison.problem === "no-snapshot"
                ? t("noSnapshot")
                : t("noVersion")}
          </p>
        )}
      </section>
    </div>
  );
}
