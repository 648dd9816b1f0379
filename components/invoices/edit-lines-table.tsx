"use client";
// The invoice editor's table of the invoice's own lines: each line's description, quantity,
// unit price, amount (derived while there is a unit price) and tax rate, where it came from,
// what changed, and removal of manual lines.
import { button } from "@/components/ui/styles";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatYen } from "@/lib/i18n/format";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import { TEXT_LIMITS } from "@/lib/invoices/edit-changes";
import type { EditableLine } from "@/lib/invoices/get-invoice-for-edit";
import { EditInput, EditSelect, TaxRateOptions } from "./edit-fields";
import type { InvoiceEditForm } from "./use-invoice-edit-form";

export function EditLinesTable({ lines, form }: { lines: EditableLine[]; form: InvoiceEditForm }) {
  const t = useT(invoiceEditMessages);
  return (
    <section aria-label={t("lines")}>
      <h3 className="text-sm font-semibold">{t("lines")}</h3>
      <div className="mt-1 overflow-x-auto">
        <table className="w-full bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left text-xs">
            <tr>
              <th className="px-2 py-2">#</th>
              <th className="px-2 py-2">{t("source")}</th>
              <th className="px-2 py-2">{t("description")}</th>
              <th className="w-20 px-2 py-2">{t("quantity")}</th>
              <th className="w-28 px-2 py-2">{t("unitPrice")}</th>
              <th className="w-32 px-2 py-2">{t("amount")}</th>
              <th className="w-32 px-2 py-2">{t("taxRate")}</th>
              <th className="px-2 py-2">
                <span className="sr-only">{t("remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <LineRow key={line.id} line={line} form={form} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function LineRow({ line, form }: { line: EditableLine; form: InvoiceEditForm }) {
  const t = useT(invoiceEditMessages);
  const locale = useLocale();
  const { value, lineChanged, editLine, errorsFor } = form;
  const gone = form.isRemoved(line);
  const rowChanged = form.rowChanged(line);
  const label = (field: string) => t("fieldOfLine", { field, line: line.position });
  const id = (f: string) => `edit-${line.id}-${f}`;
  const derived = value(line, "unitPriceJpy").trim() !== "";
  return (
    <tr
      className={`border-t border-slate-100 align-top ${gone ? "bg-slate-50 text-slate-500" : ""}`}
      data-testid={`edit-line-${line.position}`}
    >
      <td className="px-2 py-2 text-slate-500">{line.position}</td>
      <td className="px-2 py-2 text-xs">
        <div className="font-medium text-slate-700">{t(`kind_${line.kind}`)}</div>
        <div className={line.manual ? "text-purple-800" : line.edited ? "text-amber-800" : "text-slate-500"}>
          {line.manual
            ? t("manual")
            : line.edited
              ? t("edited", { amount: formatYen(line.computedAmountJpy ?? "0", locale) })
              : t("computed")}
        </div>
        {line.reason && <div className="text-slate-500">{line.reason}</div>}
        {rowChanged && !gone && <div className="font-medium text-amber-700">● {t("changedHere")}</div>}
        {gone && <div className="font-medium text-red-700">{t("willBeRemoved")}</div>}
      </td>
      <td className="min-w-56 px-2 py-2">
        <EditInput
          aria-label={label(t("description"))}
          maxLength={TEXT_LIMITS.description}
          title={value(line, "description")}
          value={value(line, "description")}
          disabled={gone}
          changed={lineChanged(line, "description")}
          onChange={(e) => editLine(line, "description", e.target.value)}
          errorId={id("description")}
          errors={[
            ...(errorsFor(`lines.${line.id}.description`) ?? []),
            ...(errorsFor(`lines.${line.id}`) ?? []),
            ...(form.removalErrors(line) ?? []),
          ]}
        />
      </td>
      <td className="px-2 py-2">
        <EditInput
          aria-label={label(t("quantity"))}
          inputMode="decimal"
          value={value(line, "quantity")}
          disabled={gone}
          changed={lineChanged(line, "quantity")}
          className="text-right"
          onChange={(e) => editLine(line, "quantity", e.target.value)}
          errorId={id("quantity")}
          errors={errorsFor(`lines.${line.id}.quantity`)}
        />
        {line.unit && <div className="text-xs text-slate-500">{line.unit}</div>}
      </td>
      <td className="px-2 py-2">
        <EditInput
          aria-label={label(t("unitPrice"))}
          inputMode="decimal"
          value={value(line, "unitPriceJpy")}
          disabled={gone}
          changed={lineChanged(line, "unitPriceJpy")}
          className="text-right"
          placeholder="—"
          onChange={(e) => editLine(line, "unitPriceJpy", e.target.value)}
          errorId={id("unitPriceJpy")}
          errors={errorsFor(`lines.${line.id}.unitPriceJpy`)}
        />
      </td>
      <td className="px-2 py-2">
        <EditInput
          aria-label={label(t("amount"))}
          inputMode="numeric"
          value={value(line, "amountJpy")}
          disabled={gone}
          changed={lineChanged(line, "amountJpy")}
          className="text-right tabular-nums"
          readOnly={derived}
          title={derived ? t("derivedHint") : undefined}
          onChange={(e) => editLine(line, "amountJpy", e.target.value)}
          errorId={id("amountJpy")}
          errors={errorsFor(`lines.${line.id}.amountJpy`)}
        />
        {derived && <div className="text-xs text-slate-500">{t("derivedHint")}</div>}
      </td>
      <td className="px-2 py-2">
        <EditSelect
          aria-label={label(t("taxRate"))}
          value={value(line, "taxRate")}
          disabled={gone}
          changed={lineChanged(line, "taxRate")}
          onChange={(e) => editLine(line, "taxRate", e.target.value)}
          errorId={id("taxRate")}
          errors={errorsFor(`lines.${line.id}.taxRate`)}
        >
          <TaxRateOptions />
        </EditSelect>
      </td>
      <td className="space-y-1 px-2 py-2 text-right">
        {line.manual && (
          <button
            type="button"
            onClick={() => form.toggleRemoved(line)}
            aria-label={gone ? undefined : t("removeLabel", { line: line.position })}
            className={button("secondary", "xs")}
          >
            {gone ? t("keep") : t("remove")}
          </button>
        )}
        {rowChanged && !gone && (
          <button
            type="button"
            onClick={() => form.undoLine(line)}
            aria-label={t("undoLineLabel", { line: line.position })}
            className={`block ${button("secondary", "xs")}`}
          >
            {t("undoLine")}
          </button>
        )}
      </td>
    </tr>
  );
}
