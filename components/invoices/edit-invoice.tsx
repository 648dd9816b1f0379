"use client";
// The invoice page's edit mode for finance: every line's description, quantity, unit price,
// amount and tax rate; new manual items, adjustments, discounts and credits with a reason;
// removal of manual lines; notes and the due date. Only the fields the person changed are
// sent, against the version the form was opened on. Field errors from the server appear next
// to their fields; a stale save shows who changed what and keeps the input, and the person
// can then take the current version without losing it. The state lives in
// useInvoiceEditForm; this component lays out its parts.
import { useRef } from "react";
import { button, cx } from "@/components/ui/styles";
import { useKeyDownWithin } from "@/components/ui/use-key-down-within";
import { useT } from "@/lib/i18n/client";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import type { InvoiceForEdit } from "@/lib/invoices/get-invoice-for-edit";
import { EditAddedLines } from "./edit-added-lines";
import { EditHeaderFields } from "./edit-header-fields";
import { EditLinesTable } from "./edit-lines-table";
import { EditTotals } from "./edit-totals";
import { useInvoiceEditForm } from "./use-invoice-edit-form";

export function InvoiceEditor({ invoice, children }: { invoice: InvoiceForEdit; children: React.ReactNode }) {
  const t = useT(invoiceEditMessages);
  const form = useInvoiceEditForm(invoice);
  const formRef = useRef<HTMLFormElement>(null);

  useKeyDownWithin(formRef, (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.save();
    }
    // Keys typed here are not the approval page's shortcuts (A / R).
    e.stopPropagation();
  });

  if (!invoice.canEdit) return <>{children}</>;

  if (!form.editing) {
    return (
      <>
        <div className="mt-6 flex flex-wrap items-center gap-3">
          <button type="button" onClick={form.open} className={`${button("secondary")} font-medium shadow-sm`}>
            {t("edit")}
          </button>
          {form.notice && (
            <p role="status" className="text-sm text-green-800" data-testid="edit-notice">
              {form.notice}
            </p>
          )}
        </div>
        {children}
      </>
    );
  }

  const { conflict, formError, orphanErrors, notice } = form;
  return (
    <form
      ref={formRef}
      aria-label={t("edit")}
      data-testid="invoice-editor"
      className="mt-6 space-y-4 rounded-lg border border-blue-200 bg-blue-50/40 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        form.save();
      }}
    >
      <div>
        <h2 className="text-base font-semibold">{t("editTitle", { version: form.baseVersion })}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("editIntro")}</p>
        {invoice.status === "SUBMITTED" && (
          <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("warnSubmitted")}</p>
        )}
        {invoice.status === "APPROVED" && (
          <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("warnApproved")}</p>
        )}
      </div>

      {conflict && (
        <div
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
          data-testid="edit-conflict"
        >
          <p>{conflict}</p>
          <button
            type="button"
            onClick={form.reloadKeepingInput}
            disabled={form.rebasing}
            className={cx(
              "mt-2 rounded-md px-3 py-1 text-sm",
              "border border-amber-400 bg-white hover:bg-amber-100 disabled:opacity-60",
            )}
          >
            {t("reloadKeep")}
          </button>
        </div>
      )}
      {formError && !conflict && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="edit-error"
        >
          <p>{formError}</p>
          {orphanErrors.length > 0 && <p className="mt-1">{orphanErrors.join(" ")}</p>}
        </div>
      )}
      {notice && (
        <p role="status" className="text-sm text-slate-700" data-testid="edit-notice">
          {notice}
        </p>
      )}

      <EditLinesTable lines={invoice.lines} form={form} />
      <EditAddedLines form={form} />
      <EditHeaderFields form={form} />

      <div className="flex flex-wrap items-end justify-between gap-4 border-t border-blue-200 pt-3">
        <EditTotals preview={form.preview} />
        <div className="flex items-center gap-3">
          <span className="text-xs text-slate-600">
            {form.dirty ? t("unsaved", { n: form.changeCount }) : t("noChanges")} · {t("saveHint")}
          </span>
          <button type="button" onClick={form.cancel} className={button("secondary")}>
            {t("cancel")}
          </button>
          <button type="submit" disabled={form.saving || !form.dirty} className={button("primary")}>
            {form.saving ? t("saving") : t("save")}
          </button>
        </div>
      </div>
    </form>
  );
}
