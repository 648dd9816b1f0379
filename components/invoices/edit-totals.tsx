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
  return (
    <dl className="text-sm" aria-label={t("preview")} data-testid="edit-preview">
      <div className="font-medium text-slate-600">{t("preview")}</div>
      <div className="flex gap-6">
        <div>
          <dt className="inline text-slate-500">{t("subtotal")} </dt>
          <dd className="num inline">{yen(preview?.subtotalJpy)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">{t("tax")} </dt>
          <dd className="num inline">{yen(preview?.taxJpy)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">{t("total")} </dt>
          <dd className="num inline font-semibold">{yen(preview?.totalJpy)}</dd>
        </div>
      </div>
    </dl>
  );
}
