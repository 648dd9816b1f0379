// Side-by-side view of an invoice diff (lib/invoices/invoice-diff.ts): header fields, totals
// and tax per rate, then the lines with what changed in each and its yen delta. Server-rendered.
import Link from "next/link";
import type { Locale, Translate } from "@/lib/i18n/define";
import { formatDecimal, formatYen } from "@/lib/i18n/format";
import type { invoiceHistoryMessages } from "@/lib/i18n/messages/invoice-history";
import type { HeaderField, InvoiceDiff, LineDiff, LineField } from "@/lib/invoices/invoice-diff";
import { DataTable } from "@/components/ui/data-table";
import { cx } from "@/components/ui/styles";

type HistoryKey = keyof (typeof invoiceHistoryMessages)["en"];
type Props = {
  diff: InvoiceDiff;
  beforeLabel: string;
  afterLabel: string;
  locale: Locale;
  t: Translate<HistoryKey>;
  rate: (code: string) => string;
  showUnchanged: boolean;
  toggleHref: string;
};

export function signedYen(delta: string, locale: Locale) {
  const value = BigInt(delta);
  return value > 0n ? `+${formatYen(value, locale)}` : formatYen(value, locale);
}

const deltaClass = (delta: string) =>
  delta.startsWith("-") ? "text-red-800" : delta === "0" ? "text-slate-500" : "text-green-800";

function fieldValue(
  field: HeaderField | LineField,
  value: string | null,
  locale: Locale,
  t: Props["t"],
  rate: Props["rate"],
) {
  if (value === null || value === "") return t("empty");
  switch (field) {
    case "amountJpy":
      return formatYen(value, locale);
    case "unitPriceJpy":
      return `${formatDecimal(value, locale)} JPY`;
    case "quantity":
    case "sourceCost":
    case "fxRate":
      return formatDecimal(value, locale);
    case "taxRate":
      return rate(value);
    case "manual":
    case "edited":
      return value === "true" ? t("yes") : t("no");
    case "fxRates": {
      try {
        const rates = JSON.parse(value) as Array<{ currency?: string; rate?: string }>;
        return rates.length ? rates.map((r) => `1 ${r.currency} = ${r.rate} JPY`).join(", ") : t("empty");
      } catch {
        return value;
      }
    }
    default:
      return value;
  }
}

const STATUS_STYLE: Record<LineDiff["status"], string> = {
  added: "bg-green-50",
  removed: "bg-red-50",
  changed: "bg-amber-50",
  unchanged: "",
};
const BADGE_STYLE: Record<LineDiff["status"], string> = {
  added: "bg-green-100 text-green-900",
  removed: "bg-red-100 text-red-900",
  changed: "bg-amber-100 text-amber-900",
  unchanged: "bg-slate-100 text-slate-600",
};

export function InvoiceDiffView({ diff, beforeLabel, afterLabel, locale, t, rate, showUnchanged, toggleHref }: Props) {
  const lines = showUnchanged ? diff.lines : diff.lines.filter((l) => l.status !== "unchanged");
  const show = (field: HeaderField | LineField, value: string | null) => fieldValue(field, value, locale, t, rate);
  return (
    <div className="mt-4 space-y-6" data-testid="history-diff">
      <p
        className={cx(
          "rounded-md border px-4 py-3 text-sm",
          diff.identical ? "border-slate-200 bg-white" : "border-amber-300 bg-amber-50 text-amber-950",
        )}
        role="status"
        data-testid="diff-summary"
      >
        {diff.identical
          ? t("identical")
          : t("summary", {
              changed: diff.summary.changed,
              added: diff.summary.added,
              removed: diff.summary.removed,
              unchanged: diff.summary.unchanged,
              header: diff.summary.headerChanges,
            })}
      </p>

      <section aria-labelledby="diff-totals">
        <h3 id="diff-totals" className="text-base font-semibold">
          {t("totals")}
        </h3>
        <DataTable
          columns={[
            { label: t("field") },
            { label: beforeLabel, numeric: true },
            { label: afterLabel, numeric: true },
            { label: t("delta"), numeric: true },
          ]}
        >
          {diff.totals.map((row) => (
            <tr
              key={row.field}
              className={`border-t border-slate-100 ${row.field === "totalJpy" ? "font-semibold" : ""}`}
              data-testid={`diff-${row.field}`}
            >
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {t(row.field === "subtotalJpy" ? "subtotal" : row.field === "taxJpy" ? "tax" : "grandTotal")}
              </th>
              <td className="num px-3 py-2">{row.before === null ? t("empty") : formatYen(row.before, locale)}</td>
              <td className="num px-3 py-2">{row.after === null ? t("empty") : formatYen(row.after, locale)}</td>
              <td className={`num px-3 py-2 ${deltaClass(row.deltaJpy)}`}>{signedYen(row.deltaJpy, locale)}</td>
            </tr>
          ))}
          {diff.taxBreakdown.map((row) => (
            <tr key={row.taxRate} className="border-t border-slate-100 text-slate-700">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {t("taxFor", { rate: rate(row.taxRate) })}
              </th>
              <td className="num px-3 py-2">
                {row.base.before === null
                  ? t("empty")
                  : `${formatYen(row.base.before, locale)} / ${formatYen(row.tax.before ?? "0", locale)}`}
              </td>
              <td className="num px-3 py-2">
                {row.base.after === null
                  ? t("empty")
                  : `${formatYen(row.base.after, locale)} / ${formatYen(row.tax.after ?? "0", locale)}`}
              </td>
              <td className={`num px-3 py-2 ${deltaClass(row.base.deltaJpy)}`}>
                {signedYen(row.base.deltaJpy, locale)} / {signedYen(row.tax.deltaJpy, locale)}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      {diff.header.length > 0 && (
        <section aria-labelledby="diff-header">
          <h3 id="diff-header" className="text-base font-semibold">
            {t("headerChanges")}
          </h3>
          <DataTable
            columns={[{ label: t("field"), className: "w-1/4" }, { label: beforeLabel }, { label: afterLabel }]}
          >
            {diff.header.map((change) => (
              <tr key={change.field} className="border-t border-slate-100 align-top" data-testid="diff-header-row">
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {t(`h_${change.field}`)}
                </th>
                <td className="whitespace-pre-wrap px-3 py-2 text-red-900">
                  <del className="no-underline">{show(change.field, change.before)}</del>
                </td>
                <td className="whitespace-pre-wrap px-3 py-2 text-green-900">
                  <ins className="no-underline">{show(change.field, change.after)}</ins>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      <section aria-labelledby="diff-lines">
        <div className="flex items-baseline justify-between">
          <h3 id="diff-lines" className="text-base font-semibold">
            {t("lines")}
          </h3>
          {diff.summary.unchanged > 0 && (
            <Link href={toggleHref} className="text-sm text-blue-800 hover:underline" scroll={false}>
              {showUnchanged ? t("showChanged") : t("showAll", { n: diff.summary.unchanged })}
            </Link>
          )}
        </div>
        {lines.length === 0 ? (
          <p className="mt-2 rounded-md border border-slate-200 bg-white p-4 text-sm">{t("noLineChanges")}</p>
        ) : (
          <DataTable
            className="mt-2 table-fixed"
            columns={[
              { label: t("lineStatus"), className: "w-24" },
              { label: beforeLabel },
              { label: afterLabel },
              { label: t("delta"), numeric: true, className: "w-32" },
            ]}
          >
            {lines.map((line) => (
              <tr
                key={`${line.before?.position ?? "-"}-${line.after?.position ?? "-"}`}
                className={`border-t border-slate-100 align-top ${STATUS_STYLE[line.status]}`}
                data-testid="diff-line"
                data-status={line.status}
              >
                <td className="px-3 py-2">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${BADGE_STYLE[line.status]}`}>
                    {t(`status_${line.status}`)}
                  </span>
                </td>
                <td className="px-3 py-2">
                  {line.before ? (
                    <div className={line.status === "removed" ? "line-through decoration-red-700" : ""}>
                      <div>{line.before.description}</div>
                      <div className="text-xs text-slate-500">
                        {[line.before.projectId, line.before.serviceDescription].filter(Boolean).join(" / ")} ·{" "}
                        {rate(line.before.taxRate)}
                      </div>
                      <div className="num text-left font-medium">{formatYen(line.before.amountJpy, locale)}</div>
                    </div>
                  ) : (
                    <span className="text-slate-500">{t("empty")}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {line.after ? (
                    <div>
                      <div>{line.after.description}</div>
                      <div className="text-xs text-slate-500">
                        {[line.after.projectId, line.after.serviceDescription].filter(Boolean).join(" / ")} ·{" "}
                        {rate(line.after.taxRate)}
                      </div>
                      <div className="num text-left font-medium">{formatYen(line.after.amountJpy, locale)}</div>
                      {line.changes.length > 0 && (
                        <ul className="mt-1 space-y-0.5 text-xs text-amber-950" aria-label={t("status_changed")}>
                          {line.changes.map((c) => (
                            <li key={c.field}>
                              <span className="font-medium">{t(`l_${c.field}`)}</span>:{" "}
                              <del className="text-red-800">{show(c.field, c.before)}</del> →{" "}
                              <ins className="text-green-900 no-underline">{show(c.field, c.after)}</ins>
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  ) : (
                    <span className="text-slate-500">{t("empty")}</span>
                  )}
                </td>
                <td className={`num px-3 py-2 font-medium ${deltaClass(line.deltaJpy)}`}>
                  {signedYen(line.deltaJpy, locale)}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
