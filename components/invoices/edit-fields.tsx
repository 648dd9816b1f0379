"use client";
// Small form pieces for the invoice editor: an input or select with its field errors next to
// it (linked by aria-describedby), styled to fit in a table cell; the tax rates as options.
import type { ComponentProps } from "react";
import { useT } from "@/lib/i18n/client";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import { TAX_RATES } from "@/lib/invoices/edit-changes";

const base = "w-full rounded-md border px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600";
const border = (invalid: boolean, changed?: boolean) =>
  invalid ? "border-red-500 bg-red-50" : changed ? "border-amber-400 bg-amber-50" : "border-slate-300 bg-white";

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-0.5 text-xs text-red-700" data-testid="field-error">
      {errors.join(" ")}
    </p>
  );
}

type Common = { errorId: string; errors?: string[]; changed?: boolean };

export function EditInput({ errorId, errors, changed, className, ...props }: Common & ComponentProps<"input">) {
  return (
    <>
      <input
        {...props}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        className={`${base} ${border(!!errors?.length, changed)} ${className ?? ""}`}
      />
      <FieldErrors id={errorId} errors={errors} />
    </>
  );
}

export function EditSelect({
  errorId,
  errors,
  changed,
  className,
  children,
  ...props
}: Common & ComponentProps<"select">) {
  return (
    <>
      <select
        {...props}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        className={`${base} ${border(!!errors?.length, changed)} ${className ?? ""}`}
      >
        {children}
      </select>
      <FieldErrors id={errorId} errors={errors} />
    </>
  );
}

export function EditTextarea({ errorId, errors, changed, className, ...props }: Common & ComponentProps<"textarea">) {
  return (
    <>
      <textarea
        {...props}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        className={`${base} ${border(!!errors?.length, changed)} ${className ?? ""}`}
      />
      <FieldErrors id={errorId} errors={errors} />
    </>
  );
}

export function TaxRateOptions() {
  const t = useT(invoiceEditMessages);
  return (
    <>
      {TAX_RATES.map((r) => (
        <option key={r} value={r}>
          {t(`rate_${r}`)}
        </option>
      ))}
    </>
  );
}
