"use client";
// The invoice editor's totals as they would be after saving: subtotal, tax and total, or a
// dash while an amount does not parse.
import { useLocale, useT } from "@/lib/i18n/client";
import { formatYen } from "@/lib/i18n/format";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import type { InvoiceEditForm } from "./use-invoice-edit-form";

export function EditTotals({ preview }: { preview: InvoiceEditForm["preview"] }) {
  const t = useT(invoiceEditMessages);
  const locale = useLocale();
  const yen = (amount: bigint | undefined) => (amount === undefined ? "—" : formatYen(amount, locale));
  // A dl holds only its term and value groups; the title sits outside it.
  return (
    <div className="text-sm" data-testid="edit-preview">
      <div className="font-medium text-slate-700" id="edit-preview-title">
        {t("preview")}
      </div>
      <dl className="flex gap-6" aria-labelledby="edit-preview-title">
        <div>
          <dt className="inline text-slate-600">{t("subtotal")} </dt>
          <dd className="num inline">{yen(preview?.subtotalJpy)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("tax")} </dt>
          <dd className="num inline">{yen(preview?.taxJpy)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("total")} </dt>
          <dd className="num inline font-semibold">{yen(preview?.totalJpy)}</dd>
        </div>
      </dl>
    </div>
  );
}
