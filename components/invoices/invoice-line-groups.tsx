"use client";
// The invoice page's lines, by project, with each line's SKU detail folded in. A client
// component on purpose, like the audit table: the page then carries the lines once as data
// instead of their whole element tree in the server component payload as well as in the HTML.
// Nothing here fetches: the server read them (getInvoicePage).
import Link from "next/link";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDecimal, formatYen } from "@/lib/i18n/format";
import { explainUsageLine } from "@/lib/pricing/explain-usage-line";
import { invoiceViewMessages } from "@/lib/i18n/messages/invoice-view";
import type { InvoiceView } from "@/lib/invoices/get-invoice-view";

/** The usage rows behind a line: its project's usage in the month, filtered to its service. */
const usageRowsHref = (projectId: string, month: string, serviceId: string) =>
  `/usage/projects/${encodeURIComponent(projectId)}?month=${month}&service=${encodeURIComponent(serviceId)}`;

export function InvoiceLineGroups({
  month,
  groups,
  markupRate,
}: {
  month: string;
  groups: InvoiceView["projectGroups"];
  /** The contract's markup, to show how each usage line follows from its cost; null without a contract. */
  markupRate: string | null;
}) {
  const t = useT(invoiceViewMessages);
  const locale = useLocale();
  // "× 150.24 × 1.08 = ¥4,605" under "28.383532 USD": a usage line's amount from its cost, by the contract.
  const computation = (line: InvoiceView["projectGroups"][number]["lines"][number]) => {
    if (line.kind !== "USAGE" || markupRate === null || !line.sourceCost || !line.sourceCurrency) return null;
    if (line.sourceCurrency !== "JPY" && !line.fxRate) return null;
    const e = explainUsageLine({
      sourceCost: line.sourceCost,
      sourceCurrency: line.sourceCurrency,
      fxRate: line.fxRate,
      markupRate,
    });
    return t("lineComputation", {
      fx: line.sourceCurrency === "JPY" ? "" : t("lineFx", { rate: line.fxRate ?? "" }),
      factor: e.markupFactor,
      amount: formatYen(e.computedJpy, locale),
    });
  };
  const rate = (r: string) => t(`rate_${r as "STANDARD_10"}`);
  return (
    <>
      {groups.map((group) => (
        <section key={group.projectId ?? "other"} className="mt-6" aria-label={group.projectId ?? t("otherLines")}>
          <h2 className="flex items-baseline justify-between text-base font-semibold">
            <span>{group.projectId ? `${t("project")}: ${group.projectId}` : t("otherLines")}</span>
            {group.projectId && (
              <Link
                href={`/usage/projects/${encodeURIComponent(group.projectId)}?month=${month}`}
                className="text-sm font-normal text-blue-800 hover:underline"
              >
                {t("usageRows")} →
              </Link>
            )}
          </h2>
          <table className="mt-2 w-full bg-white text-sm shadow-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="px-3 py-2">{t("description")}</th>
                <th className="px-3 py-2 text-right">{t("source")}</th>
                <th className="px-3 py-2">{t("taxRate")}</th>
                <th className="px-3 py-2 text-right">{t("amount")}</th>
              </tr>
            </thead>
            <tbody>
              {group.lines.map((line) => (
                <tr key={line.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">
                    <div>{line.description}</div>
                    <div className="text-xs text-slate-500">
                      {line.manual
                        ? t("manual")
                        : line.edited
                          ? t("edited", { amount: formatYen(line.computedAmountJpy ?? "0", locale) })
                          : t("computed")}
                      {line.reason ? ` — ${line.reason}` : ""}
                    </div>
                    {line.skus.length > 0 && (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-blue-800">
                          {t("skus", { count: line.skus.length })}
                        </summary>
                        <table className="mt-1 w-full text-xs">
                          <thead className="text-left text-slate-500">
                            <tr>
                              <th className="pr-2">{t("sku")}</th>
                              <th className="pr-2 text-right">{t("cost")}</th>
                              <th className="pr-2 text-right">{t("credits")}</th>
                              <th className="pr-2 text-right">{t("usage")}</th>
                              <th className="text-right">{t("rows")}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {line.skus.map((s) => (
                              <tr key={s.skuId + s.description}>
                                <td className="pr-2">{s.description}</td>
                                <td className="num pr-2">
                                  {formatDecimal(s.cost, locale, line.sourceCurrency ?? undefined)}
                                </td>
                                <td className="num pr-2">
                                  {formatDecimal(s.credits, locale, line.sourceCurrency ?? undefined)}
                                </td>
                                <td className="num pr-2">
                                  {s.usageAmount ? `${formatDecimal(s.usageAmount, locale)} ${s.unit ?? ""}` : "—"}
                                </td>
                                <td className="num">{s.rows}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                        {line.projectId && line.serviceId && (
                          <Link
                            href={usageRowsHref(line.projectId, month, line.serviceId)}
                            className="text-xs text-blue-800 hover:underline"
                          >
                            {t("usageRows")} →
                          </Link>
                        )}
                      </details>
                    )}
                  </td>
                  <td className="num px-3 py-2">
                    {line.sourceCost ? formatDecimal(line.sourceCost, locale, line.sourceCurrency ?? undefined) : "—"}
                    {computation(line) && (
                      <div className="text-xs whitespace-nowrap text-slate-500" data-testid="line-computation">
                        {computation(line)}
                      </div>
                    )}
                  </td>
                  <td className="px-3 py-2">{rate(line.taxRate)}</td>
                  <td className="num px-3 py-2 font-medium">{formatYen(line.amountJpy, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
