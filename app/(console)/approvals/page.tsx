import Link from "next/link";
import { requirePermission } from "@/lib/dal/actor";
import { listApprovalQueue } from "@/lib/gate/gate-status";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import { approvalsMessages } from "@/lib/i18n/messages/approvals";
import { getLocale, getT } from "@/lib/i18n/server";

export default async function ApprovalsPage() {
  const actor = await requirePermission("approvals.view");
  const t = await getT(approvalsMessages);
  const locale = await getLocale();
  const queue = await listApprovalQueue(actor);
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-slate-600">{t("intro")}</p>
      {queue.length === 0 ? (
        <p className="mt-6 rounded-md border border-slate-200 bg-white p-4">{t("empty")}</p>
      ) : (
        <table className="mt-6 w-full bg-white text-sm shadow-sm" data-testid="approval-queue">
          <thead className="bg-slate-100 text-left">
            <tr><th className="px-3 py-2">{t("customer")}</th><th className="px-3 py-2">{t("month")}</th><th className="px-3 py-2 text-right">{t("total")}</th><th className="px-3 py-2 text-right">{t("change")}</th><th className="px-3 py-2">{t("flags")}</th><th className="px-3 py-2">{t("waiting")}</th></tr>
          </thead>
          <tbody>
            {queue.map((row) => (
              <tr key={row.id} className="border-t border-slate-100">
                <td className="px-3 py-2"><Link href={`/invoices/${row.id}`} className="font-medium text-blue-800 hover:underline">{row.customerName}</Link><div className="text-xs text-slate-500">{row.customerCode} · v{row.version}</div></td>
                <td className="px-3 py-2">{row.month}</td>
                <td className="num px-3 py-2">{formatYen(row.totalJpy, locale)}</td>
                <td className="num px-3 py-2">{row.changeJpy === null ? "—" : formatYen(row.changeJpy, locale)}</td>
                <td className="px-3 py-2">{row.flags.join(", ")}</td>
                <td className="px-3 py-2">{row.submittedAt ? formatDateTime(row.submittedAt, locale) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
