// The invoice page's e-invoice section (server component): where the e-invoice goes, its
// download once released, or why validation blocks it.
import type { EInvoiceView } from "@/lib/einvoice/get-einvoice-view";
import { einvoiceMessages } from "@/lib/i18n/messages/einvoice";
import { getT } from "@/lib/i18n/server";
import { panel } from "@/components/ui/styles";

export async function EInvoicePanel({ invoiceId, view }: { invoiceId: string; view: EInvoiceView }) {
  const t = await getT(einvoiceMessages);
  return (
    <section aria-label={t("title")} className={`mt-4 ${panel} p-4 text-sm`} data-testid="einvoice-panel">
      <h2 className="font-semibold">{t("title")}</h2>
      {view.participant ? (
        <p className="mt-1" data-testid="einvoice-participant">
          {t("goesTo", { participant: view.participant })}
        </p>
      ) : (
        view.addressedByRegistration && <p className="mt-1 text-slate-600">{t("addressedByRegistration")}</p>
      )}
      {!view.released ? (
        <p className="mt-1 text-slate-600">{t("notReleased")}</p>
      ) : view.blocked ? (
        <div role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
          <p>{t("blocked")}</p>
          <ul className="mt-1 list-disc pl-5">
            {view.blocked.reasons.map((reason) => (
              <li key={reason}>{t(`reason_${reason}`)}</li>
            ))}
          </ul>
          <p className="mt-1 text-xs">{t("rules", { rules: view.blocked.rules.join(", ") })}</p>
        </div>
      ) : (
        <p className="mt-2 flex flex-wrap items-center gap-3">
          <a
            href={`/api/invoices/${invoiceId}/einvoice`}
            className="text-blue-800 hover:underline"
            data-testid="einvoice-link"
          >
            {t("download")}
          </a>
          <span className="text-slate-600">{view.delivered ? t("delivered") : t("notDelivered")}</span>
        </p>
      )}
      <p className="mt-2 text-xs text-slate-500">{t("noTransmission")}</p>
    </section>
  );
}
