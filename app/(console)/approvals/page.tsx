import { ApprovalQueueTable } from "@/components/approvals/approval-queue-table";
import { requirePermission } from "@/lib/dal/actor";
import { flagChangeShare, getApprovalQueue } from "@/lib/gate/approval-queue";
import { formatPercent } from "@/lib/i18n/format";
import { approvalsMessages } from "@/lib/i18n/messages/approvals";
import { getLocale, getT } from "@/lib/i18n/server";
import { RefreshWhenRestored } from "@/components/ui/refresh-when-restored";

export const metadata = { title: "Approvals / 承認" };

export default async function ApprovalsPage() {
  const actor = await requirePermission("approvals.view");
  const t = await getT(approvalsMessages);
  const locale = await getLocale();
  const [queue, share] = await Promise.all([getApprovalQueue(actor), flagChangeShare()]);
  const flagShare = formatPercent(share, locale);
  return (
    <div className="max-w-6xl">
      <RefreshWhenRestored />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-slate-600">{t("intro")}</p>
      {queue.length === 0 ? (
        <p className="mt-6 rounded-md border border-slate-200 bg-white p-4">{t("empty")}</p>
      ) : (
        <ApprovalQueueTable rows={queue} flagShare={flagShare} />
      )}
    </div>
  );
}
