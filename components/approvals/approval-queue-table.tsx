"use client";
// The manager's queue with bulk approval: a row can be selected only once the manager has
// opened that invoice in its current version; the server checks the same thing again, and
// every rule of the gate, for each selected invoice, and the result of each is shown.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { bulkApproveAction } from "@/app/(console)/approvals/actions";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import { approvalsMessages } from "@/lib/i18n/messages/approvals";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import { APPROVAL_WAIT_ALERT_DAYS } from "@/lib/invoices/approval-wait";
import { badge, cx, filterBar } from "@/components/ui/styles";

export type QueueRow = {
  id: string;
  customerCode: string;
  customerName: string;
  month: string;
  version: number;
  totalJpy: string;
  changeJpy: string | null;
  flags: string[];
  submittedAt: string | null;
  viewedCurrent: boolean;
  lastViewedVersion: number | null;
  waitingMinutes: number | null;
  /** Approvers the invoice needs (two above the threshold) and valid approvals it has. */
  required: number;
  approvers: number;
  /** Where "What changed" leads (lib/invoices/what-changed.ts). */
  changesHref: string;
};

type Outcome = Awaited<ReturnType<typeof bulkApproveAction>>;

export function ApprovalQueueTable({ rows, flagShare }: { rows: QueueRow[]; flagShare: string }) {
  const t = useT(approvalsMessages);
  const td = useT(draftsMessages);
  const locale = useLocale();
  const router = useRouter();
  const eligible = useMemo(() => rows.filter((r) => r.viewedCurrent), [rows]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Names kept from the moment of approving: approved rows leave the queue on refresh.
  const names = useRef(new Map<string, string>());
  const chosen = eligible.filter((r) => selected.has(r.id));
  const mutation = useMutation({
    mutationFn: (items: Array<{ invoiceId: string; expectedVersion: number }>) => bulkApproveAction({ items }),
    onSuccess: (result) => {
      if (result.ok) {
        setSelected(new Set());
        router.refresh();
      }
    },
  });
  const outcome: Outcome | undefined = mutation.data;
  const results = outcome?.ok ? outcome.data : [];
  const resultOf = new Map(results.map((r) => [r.invoiceId, r]));

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allOn = eligible.length > 0 && chosen.length === eligible.length;
  const age = (minutes: number | null) =>
    minutes === null
      ? "—"
      : minutes < 60
        ? t("ageMinutes", { n: minutes })
        : minutes < 60 * 24
          ? t("ageHours", { n: Math.floor(minutes / 60) })
          : t("ageDays", { n: Math.floor(minutes / (60 * 24)) });
  const resultText = (r: (typeof results)[number]) =>
    r.ok
      ? r.status === "APPROVED"
        ? t("resultApproved")
        : t("resultWaiting", { have: r.approvers, required: r.required })
      : t("resultRefused", { message: r.message });

  return (
    <div className="mt-6">
      <form
        className={`items-center ${filterBar}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen.length === 0 || mutation.isPending) return;
          for (const r of rows) names.current.set(r.id, `${r.customerName} (${r.customerCode}, ${r.month})`);
          mutation.mutate(chosen.map((r) => ({ invoiceId: r.id, expectedVersion: r.version })));
        }}
      >
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={allOn}
            disabled={eligible.length === 0 || mutation.isPending}
            onChange={(e) => setSelected(e.target.checked ? new Set(eligible.map((r) => r.id)) : new Set())}
            className="size-4"
          />
          <span>{t("selectAll")}</span>
        </label>
        <span className="text-slate-600" data-testid="eligible-count">
          {t("eligible", { n: eligible.length, total: rows.length })}
        </span>
        <button
          type="submit"
          disabled={chosen.length === 0 || mutation.isPending}
          className={cx(
            "ml-auto rounded-md px-4 py-1.5",
            "bg-green-700 text-white disabled:cursor-not-allowed disabled:opacity-50",
          )}
        >
          {mutation.isPending ? t("approving") : t("approveSelected", { n: chosen.length })}
        </button>
        <p className="w-full text-xs text-slate-500">{t("bulkIntro")}</p>
      </form>

      {outcome && !outcome.ok && (
        <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          {outcome.message}
        </p>
      )}
      {results.length > 0 && (
        <section
          role="status"
          aria-label={t("results")}
          className="mt-3 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm"
          data-testid="bulk-results"
        >
          <div className="flex items-baseline justify-between">
            <h2 className="font-semibold">{t("results")}</h2>
            <button type="button" onClick={() => mutation.reset()} className="text-xs text-slate-600 hover:underline">
              {t("dismiss")}
            </button>
          </div>
          <p className="mt-1">
            {t("resultSummary", {
              approved: results.filter((r) => r.ok).length,
              refused: results.filter((r) => !r.ok).length,
            })}
          </p>
          <ul className="mt-1 space-y-0.5">
            {results.map((r) => (
              <li
                key={r.invoiceId}
                className={r.ok ? "text-green-800" : "text-red-800"}
                data-testid="bulk-result"
                data-ok={r.ok}
              >
                <Link href={`/invoices/${r.invoiceId}`} className="font-medium underline">
                  {names.current.get(r.invoiceId) ?? r.invoiceId}
                </Link>
                : {resultText(r)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <table className="mt-4 w-full bg-white text-sm shadow-sm" data-testid="approval-queue">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="w-10 px-3 py-2">
              <span className="sr-only">{t("selectAll")}</span>
            </th>
            <th scope="col" className="px-3 py-2">
              {t("customer")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("month")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("total")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("change")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("flags")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("waited")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const result = resultOf.get(row.id);
            return (
              <tr
                key={row.id}
                className={`border-t border-slate-100 align-top ${selected.has(row.id) ? "bg-green-50" : ""}`}
                data-testid="queue-row"
                data-invoice-id={row.id}
              >
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={t("select", { customer: row.customerName })}
                    checked={selected.has(row.id)}
                    disabled={!row.viewedCurrent || mutation.isPending}
                    onChange={(e) => toggle(row.id, e.target.checked)}
                    className="size-4 disabled:cursor-not-allowed"
                  />
                </td>
                <td className="px-3 py-2">
                  <Link href={`/invoices/${row.id}`} className="font-medium text-blue-800 hover:underline">
                    {row.customerName}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {row.customerCode} · v{row.version} ·{" "}
                    <Link href={row.changesHref} className="text-blue-800 underline underline-offset-2">
                      {t("changes")}
                    </Link>
                  </div>
                  {row.required > 1 && (
                    <div className="mt-0.5" data-testid="two-approvers">
                      <span className={`${badge} bg-indigo-100 text-indigo-900`}>{t("twoApprovers")}</span>{" "}
                      <span className="text-xs text-slate-700">
                        {t("approvalsMissing", {
                          have: row.approvers,
                          required: row.required,
                          missing: row.required - row.approvers,
                        })}
                      </span>
                    </div>
                  )}
                  {!row.viewedCurrent && (
                    <div className="mt-0.5 text-xs text-amber-800" data-testid="open-first">
                      <Link href={`/invoices/${row.id}`} className="underline">
                        {row.lastViewedVersion !== null
                          ? t("openAgain", { version: row.lastViewedVersion })
                          : t("openFirst")}
                      </Link>
                    </div>
                  )}
                  {result && !result.ok && (
                    <div className="mt-0.5 text-xs text-red-800" role="alert">
                      {resultText(result)}
                    </div>
                  )}
                  {result?.ok && <div className="mt-0.5 text-xs text-green-800">{resultText(result)}</div>}
                </td>
                <td className="px-3 py-2">{row.month}</td>
                <td className="num px-3 py-2">{formatYen(row.totalJpy, locale)}</td>
                <td className="num px-3 py-2">
                  {row.changeJpy === null
                    ? "—"
                    : `${BigInt(row.changeJpy) > 0n ? "+" : ""}${formatYen(row.changeJpy, locale)}`}
                </td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap gap-1">
                    {row.flags.map((f) => (
                      <span key={f} className={`${badge} bg-amber-100 text-amber-900`}>
                        {td(`flag-${f as "moved"}`, { share: flagShare })}
                      </span>
                    ))}
                  </div>
                </td>
                <td
                  className={cx(
                    "px-3 py-2 whitespace-nowrap",
                    (row.waitingMinutes ?? 0) > APPROVAL_WAIT_ALERT_DAYS * 24 * 60 && "font-medium text-amber-800",
                  )}
                  title={row.submittedAt ? formatDateTime(row.submittedAt, locale) : undefined}
                  data-testid="waited"
                >
                  {age(row.waitingMinutes)}
                  <div className="text-xs text-slate-500">
                    {row.submittedAt ? formatDateTime(row.submittedAt, locale) : ""}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
