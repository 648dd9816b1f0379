"use client";
// The invoice editor's header fields: the due date and the two notes (printed on the invoice,
// and internal), each marked when changed, with its errors.
import type { ChangeEvent } from "react";
import { useT } from "@/lib/i18n/client";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import { TEXT_LIMITS } from "@/lib/invoices/edit-changes";
import { EditInput, EditTextarea } from "./edit-fields";
import type { HeaderField, InvoiceEditForm } from "./use-invoice-edit-form";

export function EditHeaderFields({ form }: { form: InvoiceEditForm }) {
  const t = useT(invoiceEditMessages);
  const props = (field: HeaderField) => ({
    id: `edit-${field}-input`,
    value: form.headerValue(field),
    changed: form.headerChanged(field),
    className: "mt-1",
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => form.editHeader(field, e.target.value),
    errorId: `edit-${field}`,
    errors: form.errorsFor(field),
  });
  const labelled = (field: HeaderField, input: React.ReactNode) => (
    <div className="text-sm">
      <label htmlFor={`edit-${field}-input`} className="font-medium">
        {t(field)}
      </label>
      {input}
    </div>
  );
  return (
    <section aria-label={t("notes")} className="grid gap-4 md:grid-cols-3">
      {labelled("dueDate", <EditInput type="date" {...props("dueDate")} />)}
      {labelled("notesPrinted", <EditTextarea rows={3} maxLength={TEXT_LIMITS.note} {...props("notesPrinted")} />)}
      {labelled("notesInternal", <EditTextarea rows={3} maxLength={TEXT_LIMITS.note} {...props("notesInternal")} />)}
    </section>
  );
}
