"use client";
// The invoice editor's new lines: manual items, adjustments, discounts and credits, each with
// its reason. Adding one puts the focus on its kind, the first thing to choose.
import { useEffect, useRef, useState } from "react";
import { button } from "@/components/ui/styles";
import { useT } from "@/lib/i18n/client";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import { ADDED_KINDS, type AddedKind, TEXT_LIMITS, type TaxRateCode } from "@/lib/invoices/edit-changes";
import { EditInput, EditSelect, FieldErrors, TaxRateOptions } from "./edit-fields";
import type { InvoiceEditForm } from "./use-invoice-edit-form";

export function EditAddedLines({ form }: { form: InvoiceEditForm }) {
  const t = useT(invoiceEditMessages);
  const { added, editAdded, errorsFor } = form;
  const newLineRef = useRef<HTMLSelectElement>(null);
  const [focusNew, setFocusNew] = useState(false);
  useEffect(() => {
    if (focusNew) {
      newLineRef.current?.focus();
      setFocusNew(false);
    }
  }, [focusNew]);

  return (
    <section aria-label={t("addLine")}>
      <div className="flex items-baseline justify-between">
        <h3 className="text-sm font-semibold">{t("addLine")}</h3>
        <p className="text-xs text-slate-600">{t("addLineHint")}</p>
      </div>
      {added.length > 0 && (
        <table className="mt-1 w-full bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left text-xs">
            <tr>
              <th className="w-40 px-2 py-2">{t("kind")}</th>
              <th className="px-2 py-2">{t("description")}</th>
              <th className="w-36 px-2 py-2">{t("amount")}</th>
              <th className="w-36 px-2 py-2">{t("taxRate")}</th>
              <th className="px-2 py-2">{t("reason")}</th>
              <th className="px-2 py-2">
                <span className="sr-only">{t("remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {added.map((a, i) => {
              const n = i + 1;
              const label = (field: string) => t("fieldOfNew", { field, n });
              const id = (f: string) => `edit-new-${a.key}-${f}`;
              return (
                <tr key={a.key} className="border-t border-slate-100 align-top" data-testid={`edit-new-line-${n}`}>
                  <td className="px-2 py-2">
                    <EditSelect
                      ref={i === added.length - 1 ? newLineRef : undefined}
                      aria-label={label(t("kind"))}
                      value={a.kind}
                      onChange={(e) => editAdded(i, { kind: e.target.value as AddedKind })}
                      errorId={id("kind")}
                      errors={errorsFor(`added.${i}.kind`)}
                    >
                      {ADDED_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`kind_${k}`)}
                        </option>
                      ))}
                    </EditSelect>
                  </td>
                  <td className="min-w-48 px-2 py-2">
                    <EditInput
                      aria-label={label(t("description"))}
                      maxLength={TEXT_LIMITS.description}
                      value={a.description}
                      onChange={(e) => editAdded(i, { description: e.target.value })}
                      errorId={id("description")}
                      errors={errorsFor(`added.${i}.description`)}
                    />
                  </td>
                  <td className="px-2 py-2">
                    <EditInput
                      aria-label={label(t("amount"))}
                      inputMode="numeric"
                      value={a.amountJpy}
                      placeholder={a.kind === "DISCOUNT" || a.kind === "CREDIT" ? "-5000" : "5000"}
                      className="text-right tabular-nums"
                      onChange={(e) => editAdded(i, { amountJpy: e.target.value })}
                      errorId={id("amountJpy")}
                      errors={errorsFor(`added.${i}.amountJpy`)}
                    />
                  </td>
                  <td className="px-2 py-2">
                    <EditSelect
                      aria-label={label(t("taxRate"))}
                      value={a.taxRate}
                      onChange={(e) => editAdded(i, { taxRate: e.target.value as TaxRateCode })}
                      errorId={id("taxRate")}
                      errors={errorsFor(`added.${i}.taxRate`)}
                    >
                      <TaxRateOptions />
                    </EditSelect>
                  </td>
                  <td className="min-w-48 px-2 py-2">
                    <EditInput
                      aria-label={label(t("reason"))}
                      maxLength={TEXT_LIMITS.reason}
                      value={a.reason}
                      onChange={(e) => editAdded(i, { reason: e.target.value })}
                      errorId={id("reason")}
                      errors={errorsFor(`added.${i}.reason`)}
                    />
                  </td>
                  <td className="px-2 py-2 text-right">
                    <button
                      type="button"
                      onClick={() => form.removeAdded(i)}
                      aria-label={t("removeNew", { n })}
                      className={button("secondary", "xs")}
                    >
                      {t("remove")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button
        type="button"
        onClick={() => {
          form.addLine();
          setFocusNew(true);
        }}
        className={`mt-2 ${button("secondary", "sm")}`}
      >
        + {t("addLine")}
      </button>
      {form.addedErrors && <FieldErrors id="edit-added-errors" errors={form.addedErrors} />}
    </section>
  );
}
