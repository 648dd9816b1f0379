import Link from "next/link";
import { requirePermission } from "@/lib/dal/actor";
import { formatDateTime, formatDecimal } from "@/lib/i18n/format";
import { usageMessages } from "@/lib/i18n/messages/usage";
import { getLocale, getT } from "@/lib/i18n/server";
import { listRecentBatches } from "@/lib/usage/list-usage";
import { UsageUploadForm } from "@/components/usage/upload-form";
import { button } from "@/components/ui/styles";

export const metadata = { title: "Usage import / 利用実績の取込" };

export default async function UsagePage() {
  await requirePermission("usage.import");
  const t = await getT(usageMessages);
  const locale = await getLocale();
  const batches = await listRecentBatches();
  return (
    <div className="max-w-5xl">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">{t("intro")}</p>
        </div>
        <Link href="/usage/unassigned" className={`whitespace-nowrap ${button("secondary", "sm")}`}>
          {t("seeUnassigned")}
        </Link>
      </div>
      <div className="mt-6">
        <UsageUploadForm />
      </div>
      <h2 className="mt-8 text-lg font-semibold">{t("recent")}</h2>
      {batches.length === 0 ? (
        <p className="mt-2 rounded-md border border-slate-200 bg-white p-4 text-sm">{t("noBatches")}</p>
      ) : (
        <table className="mt-2 w-full bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2">{t("file")}</th>
              <th className="px-3 py-2">{t("months")}</th>
              <th className="px-3 py-2">{t("state")}</th>
              <th className="px-3 py-2 text-right">{t("rows")}</th>
              <th className="px-3 py-2 text-right">{t("net")}</th>
              <th className="px-3 py-2">{t("importedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} className="border-t border-slate-100">
                <td className="px-3 py-2">
                  {b.fileName}
                  <div className="text-xs text-slate-500">
                    {b.format} · {b.source}
                  </div>
                </td>
                <td className="px-3 py-2">{b.months.join(", ")}</td>
                <td className="px-3 py-2">{t(`batch:${b.state}`)}</td>
                <td className="num px-3 py-2">{b.rows.toLocaleString()}</td>
                <td className="num px-3 py-2">
                  {Object.entries(b.totals)
                    .map(([c, x]) => formatDecimal(x.net, locale, c))
                    .join(" / ")}
                </td>
                <td className="px-3 py-2">{formatDateTime(b.importedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
