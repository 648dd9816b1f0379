// The invoice page's release section (server component): the number once released, what is
// missing before release, the deliveries, the PDF and the corrections.
import Link from "next/link";
import { localizeRefusal } from "@/lib/i18n/refusals";
import { getLocale, getT } from "@/lib/i18n/server";
import { releasesMessages } from "@/lib/i18n/messages/releases";
import type { ReleaseStatus } from "@/lib/release/release-status";
import { DeliveryStatus, RefreshWhilePending } from "./delivery-status";
import { CorrectionForm, ReleaseButton } from "./release-controls";
import { panel } from "@/components/ui/styles";

export async function ReleasePanel({ invoiceId, release }: { invoiceId: string; release: ReleaseStatus }) {
  const t = await getT(releasesMessages);
  const locale = await getLocale();
  const pending = release.deliveries.some((d) => d.status === "PENDING");
  return (
    <section aria-label={t("release")} className={`mt-4 ${panel} p-4 text-sm`} data-testid="release-panel">
      <h2 className="font-semibold">{t("release")}</h2>
      {release.correctsInvoice && (
        <p className="mt-1">
          <Link href={`/invoices/${release.correctsInvoice.id}`} className="text-blue-800 hover:underline">
            {t("corrects", { number: release.correctsInvoice.number ?? "" })}
          </Link>
        </p>
      )}
      {release.released ? (
        <div className="mt-2 space-y-3">
          <p className="flex flex-wrap items-center gap-3">
            <span>{t("releasedAs", { number: release.number ?? "", date: release.issueDate ?? "" })}</span>
            <a href={`/api/invoices/${invoiceId}/pdf`} className="text-blue-800 hover:underline" data-testid="pdf-link">
              {t("downloadPdf")}
            </a>
          </p>
          <DeliveryStatus deliveries={release.deliveries} canRetry={release.canRetry} />
          {pending && <p className="text-xs text-slate-500">{t("autoRefresh")}</p>}
          <RefreshWhilePending active={pending} />
        </div>
      ) : release.canRelease ? (
        <div className="mt-2">
          <ReleaseButton invoiceId={invoiceId} />
        </div>
      ) : (
        <p className="mt-1 text-slate-600">
          {release.whyNotRelease === "approvals" || !release.whyNotRelease
            ? t("notReleasable")
            : localizeRefusal(
                {
                  code: "FORBIDDEN",
                  message: release.whyNotRelease.message,
                  details: { rule: release.whyNotRelease.rule, params: release.whyNotRelease.params },
                },
                locale,
              )}
        </p>
      )}
      {release.corrections.length > 0 && (
        <div className="mt-3">
          <h3 className="font-medium">{t("corrections")}</h3>
          <ul className="mt-1 space-y-0.5">
            {release.corrections.map((c) => (
              <li key={c.id}>
                <Link href={`/invoices/${c.id}`} className="text-blue-800 hover:underline">
                  {t(`kind_${c.kind}`)} {c.number ?? `(${t("correctionDraft")})`}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {release.canCorrect && (
        <div className="mt-3">
          <CorrectionForm invoiceId={invoiceId} canVoid={!release.hasOpenVoid} />
        </div>
      )}
    </section>
  );
}
