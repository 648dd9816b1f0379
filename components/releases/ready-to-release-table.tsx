"use client";
// Finance's ready-to-release list with bulk release: select approved invoices, release them;
// each is released on its own (the gate checked again for each), and the result of each is
// shown: its number and deliveries, or why it was not released. Managers and admins see the
// list without the controls.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { bulkReleaseAction } from "@/app/(console)/releases/actions";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import { releasesMessages } from "@/lib/i18n/messages/releases";
import type { ReadyRow } from "@/lib/release/list-ready-to-release";
import { badge, button, cx, filterBar } from "@/components/ui/styles";

type Outcome = Awaited<ReturnType<typeof bulkReleaseAction>>;

export function ReadyToReleaseTable({ rows, canRelease }: { rows: ReadyRow[]; canRelease: boolean }) {
  const t = useT(releasesMessages);
  const locale = useLocale();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Names kept from the moment of releasing: released rows leave the list on refresh.
  const names = useRef(new Map<string, string>());
  const chosen = rows.filter((r) => selected.has(r.id));
  const mutation = useMutation({
    mutationFn: (invoiceIds: string[]) => bulkReleaseAction({ invoiceIds }),
    onSuccess: (result) => {
      if (result.ok) {
        setSelected(new Set());
        router.refresh();
      }
    },
  });
  const outcome: Outcome | undefined = mutation.data;
  const results = outcome?.ok ? outcome.data : [];
  const allOn = rows.length > 0 && chosen.length === rows.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const deliveryText = (d: { service: "CRM" | "DOCUMENTS"; status: "PENDING" | "SENT" | "FAILED" }) =>
    `${t(`service_${d.service}`)}: ${t(`status_${d.status}`)}`;

  return (
    <div className="mt-4">
      {canRelease && (
        <form
          className={`items-center ${filterBar}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen.length === 0 || mutation.isPending) return;
            for (const r of rows) names.current.set(r.id, `${r.customer.name} (${r.customer.code}, ${r.month})`);
            mutation.mutate(chosen.map((r) => r.id));
          }}
        >
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={allOn}
              disabled={rows.length === 0 || mutation.isPending}
              onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
              className="size-4"
            />
            <span>{t("selectAllReady")}</span>
          </label>
          <button
            type="submit"
            disabled={chosen.length === 0 || mutation.isPending}
            className={cx("ml-auto", button("primary", "sm"), "disabled:cursor-not-allowed disabled:opacity-50")}
          >
            {mutation.isPending ? t("releasingMany", { n: chosen.length }) : t("releaseSelected", { n: chosen.length })}
          </button>
          <p className="w-full text-xs text-slate-500">{t("bulkReleaseIntro")}</p>
        </form>
      )}

      {outcome && !outcome.ok && (
        <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          {outcome.message}
        </p>
      )}
      {results.length > 0 && (
        <section
          role="status"
          aria-label={t("bulkResults")}
          className="mt-3 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm"
          data-testid="release-results"
        >
          <div className="flex items-baseline justify-between">
            <h2 className="font-semibold">{t("bulkResults")}</h2>
            <button type="button" onClick={() => mutation.reset()} className="text-xs text-slate-600 hover:underline">
              {t("dismiss")}
            </button>
          </div>
          <p className="mt-1">
            {t("bulkSummary", {
              released: results.filter((r) => r.ok).length,
              refused: results.filter((r) => !r.ok).length,
            })}
          </p>
          <ul className="mt-1 space-y-0.5">
            {results.map((r) => (
              <li
                key={r.invoiceId}
                className={r.ok ? "text-green-800" : "text-red-800"}
                data-testid="release-result"
                data-ok={r.ok}
              >
                <Link href={`/invoices/${r.invoiceId}`} className="font-medium underline">
                  {names.current.get(r.invoiceId) ?? r.invoiceId}
                </Link>
                :{" "}
                {r.ok
                  ? `${t("releasedNumber", { number: r.number })} ${r.deliveries.map(deliveryText).join(" · ")}`
                  : t("notReleased", { message: r.message })}
              </li>
            ))}
          </ul>
        </section>
      )}

      {rows.length === 0 ? (
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-4" data-testid="ready-empty">
          {t("readyEmpty")}
        </p>
      ) : (
        <table className="mt-4 w-full bg-white text-sm shadow-sm" data-testid="ready-to-release">
          <thead className="bg-slate-100 text-left">
            <tr>
              {canRelease && (
                <th scope="col" className="w-10 px-3 py-2">
                  <span className="sr-only">{t("select")}</span>
                </th>
              )}
              <th scope="col" className="px-3 py-2">
                {t("customer")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("month")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("total")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("approvedBy")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.id}
                className={cx("border-t border-slate-100 align-top", selected.has(row.id) && "bg-blue-50")}
                data-testid="ready-row"
                data-invoice-id={row.id}
              >
                {canRelease && (
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={t("selectOne", { customer: row.customer.name, group: row.billingGroup })}
                      checked={selected.has(row.id)}
                      disabled={mutation.isPending}
                      onChange={(e) => toggle(row.id, e.target.checked)}
                      className="size-4"
                    />
                  </td>
                )}
                <td className="px-3 py-2">
                  <Link
                    href={`/invoices/${row.id}`}
                    className="font-medium text-blue-800 underline-offset-2 hover:underline"
                  >
                    {row.customer.name}
                  </Link>
                  {row.kind !== "INVOICE" && (
                    <span className={`ml-2 ${badge} bg-purple-100 text-purple-900`}>{t(`kind_${row.kind}`)}</span>
                  )}
                  <div className="text-xs text-slate-500">
                    {row.customer.code} · {row.billingGroup} · v{row.version}
                  </div>
                </td>
                <td className="px-3 py-2">{row.month}</td>
                <td className="num px-3 py-2">{formatYen(row.totalJpy, locale)}</td>
                <td className="px-3 py-2">
                  {row.approvers.join(", ") || "—"}
                  {row.approvedAt && (
                    <div className="text-xs text-slate-500">{formatDateTime(row.approvedAt, locale)}</div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
