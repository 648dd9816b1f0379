"use client";
// The upload page's report of an import: refused (every problem by line, translated), already
// imported, imported, or a preview of what a corrected export changes with the buttons that
// replace the month's usage or add to it.
import type { ImportResult, InvoiceReached, ScopeSummary } from "@/lib/usage/import-result";
import { useLocale, useT } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n/define";
import { formatDecimal } from "@/lib/i18n/format";
import { usageMessages } from "@/lib/i18n/messages/usage";
import { rowReason } from "@/lib/i18n/messages/usage-refusals";
import { localizeRefusal } from "@/lib/i18n/refusals";
import { button, cx, panel } from "@/components/ui/styles";
import { UsageChangesTable } from "./usage-changes-table";

type Refused = Extract<ImportResult, { status: "refused" }>;

function rejectedCsv(result: Refused, locale: Locale) {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = result.errors.map((e) => [e.line, e.column, rowReason(e, locale)].map(cell).join(","));
  return `${["line,column,reason", ...lines].join("\r\n")}\r\n`;
}

const invoiceList = (invoices: InvoiceReached[]) =>
  invoices.map((i) => `${i.number ?? i.customerCode} ${i.customerName} ${i.month}`).join(", ");

export function ImportOutcome({
  result,
  onConfirm,
  confirming,
}: {
  result: ImportResult;
  onConfirm: (batchId: string, mode: "replace" | "append") => void;
  confirming: boolean;
}) {
  const t = useT(usageMessages);
  const locale = useLocale();
  if (result.status === "refused") return <RefusedReport result={result} />;
  const tone = result.status === "preview" ? "border-amber-300" : "border-green-200";
  return (
    <section
      role="status"
      className={cx("mt-4 rounded-lg border bg-white p-4 text-sm shadow-sm", tone)}
      data-testid={result.status === "preview" ? "import-preview" : "import-summary"}
    >
      <p className={cx("font-medium", result.status === "preview" ? "text-amber-900" : "text-green-800")}>
        {result.status === "already-imported"
          ? t("already", { batch: result.batchIds.map((b) => b.slice(0, 8)).join(", ") })
          : result.status === "preview"
            ? t("preview")
            : result.status === "replaced" || result.status === "appended"
              ? t(result.status, {
                  rows: result.rows.toLocaleString(),
                  months: result.months.join(", "),
                  returned: result.returnedToDraft.length,
                  regenerated: result.draftsRegenerated,
                })
              : t("imported", {
                  rows: result.rows.toLocaleString(),
                  format: result.format,
                  months: result.months.join(", "),
                  projects: result.projects,
                })}
      </p>
      <ScopesTable scopes={result.scopes} />
      {"totals" in result && (
        <table className="mt-3 text-left">
          <thead className="bg-slate-100">
            <tr>
              <th className="px-3 py-1">{t("currency")}</th>
              <th className="px-3 py-1 text-right">{t("cost")}</th>
              <th className="px-3 py-1 text-right">{t("credits")}</th>
              <th className="px-3 py-1 text-right">{t("net")}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(result.totals).map(([currency, x]) => (
              <tr key={currency} className="border-t border-slate-100">
                <td className="px-3 py-1">{currency}</td>
                <td className="num px-3 py-1">{formatDecimal(x.cost, locale, currency)}</td>
                <td className="num px-3 py-1">{formatDecimal(x.credits, locale, currency)}</td>
                <td className="num px-3 py-1">{formatDecimal(x.net, locale, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {"changes" in result && (
        <>
          <h3 className="mt-4 font-medium">{t("changesTitle")}</h3>
          <UsageChangesTable changes={result.changes} applied={result.status !== "preview"} />
        </>
      )}
      {(result.status === "replaced" || result.status === "appended") && result.returnedToDraft.length > 0 && (
        <p className="mt-2">{t("returnedToDraft", { invoices: invoiceList(result.returnedToDraft) })}</p>
      )}
      {result.status === "preview" && (
        <div className="mt-4">
          {result.released.length > 0 && (
            <p className="mb-2 rounded-md border border-red-200 bg-red-50 p-2 text-red-900">
              {t("previewReleased", { invoices: invoiceList(result.released) })}
            </p>
          )}
          {result.returnsToDraft.length > 0 && (
            <p className="mb-2 rounded-md border border-amber-200 bg-amber-50 p-2 text-amber-900">
              {t("previewReturns", { invoices: invoiceList(result.returnsToDraft) })}
            </p>
          )}
          {result.staged && (
            <div className="flex flex-wrap gap-3">
              <button
                type="button"
                className={button("primary")}
                disabled={confirming}
                onClick={() => onConfirm(result.batchId, "replace")}
              >
                {t("replace")}
              </button>
              <button
                type="button"
                className={button("secondary")}
                disabled={confirming}
                onClick={() => onConfirm(result.batchId, "append")}
              >
                {t("append")}
              </button>
              {confirming && <span className="self-center text-slate-600">{t("confirming")}</span>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function ScopesTable({ scopes }: { scopes: ScopeSummary[] }) {
  const t = useT(usageMessages);
  return (
    <table className="mt-3 text-left" data-testid="import-scopes">
      <caption className="text-left font-medium">{t("scopes")}</caption>
      <thead className="bg-slate-100">
        <tr>
          <th className="px-3 py-1">{t("billingAccount")}</th>
          <th className="px-3 py-1">{t("months")}</th>
          <th className="px-3 py-1 text-right">{t("rows")}</th>
          <th className="px-3 py-1 text-right">{t("previousRows")}</th>
          <th className="px-3 py-1">{t("scopeStatus")}</th>
        </tr>
      </thead>
      <tbody>
        {scopes.map((s) => (
          <tr key={`${s.billingAccountId}:${s.month}`} className="border-t border-slate-100">
            <td className="px-3 py-1 font-mono">{s.billingAccountId}</td>
            <td className="px-3 py-1">{s.month}</td>
            <td className="num px-3 py-1">{s.rows.toLocaleString()}</td>
            <td className="num px-3 py-1">{s.previousRows.toLocaleString()}</td>
            <td className="px-3 py-1">{t(`scope:${s.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RefusedReport({ result }: { result: Refused }) {
  const t = useT(usageMessages);
  const locale = useLocale();
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${rejectedCsv(result, locale)}`)}`;
  const headline =
    result.code === "usage-invalid-file"
      ? t("refused", { count: result.errorCount })
      : localizeRefusal({ message: result.message, details: { rule: result.code } }, locale);
  return (
    <section role="alert" className={cx(panel, "mt-4 border-red-200 p-4 text-sm")} data-testid="import-refused">
      <p className="font-medium text-red-800">{headline}</p>
      {result.released && result.released.length > 0 && <p className="mt-2">{invoiceList(result.released)}</p>}
      {result.errors.length > 0 && (
        <>
          <a href={href} download="rejected-rows.csv" className="mt-2 inline-block text-blue-800 underline">
            {t("downloadRejected")}
          </a>
          <table className="mt-3 w-full text-left">
            <thead className="bg-slate-100">
              <tr>
                <th className="px-2 py-1">{t("line")}</th>
                <th className="px-2 py-1">{t("column")}</th>
                <th className="px-2 py-1">{t("reason")}</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.slice(0, 100).map((e) => (
                <tr key={`${e.line}:${e.column}:${e.code}`} className="border-t border-slate-100">
                  <td className="px-2 py-1">{e.line}</td>
                  <td className="px-2 py-1 font-mono">{e.column}</td>
                  <td className="px-2 py-1">{rowReason(e, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.errorCount > 100 && (
            <p className="mt-2 text-slate-600">{t("moreErrors", { shown: 100, count: result.errorCount })}</p>
          )}
        </>
      )}
    </section>
  );
}
