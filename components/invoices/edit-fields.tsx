"use client";
// Small form pieces for the invoice editor: an input or select with its field errors next to
// it (linked by aria-describedby), styled to fit in a table cell; the tax rates as options.
// A text field with a length limit enforces it as it is typed (maxLength) and shows how much
// is used once it has had the focus, or when it is nearly full.
import { type ComponentProps, type FocusEvent, type FocusEventHandler, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import { TAX_RATES } from "@/lib/invoices/edit-changes";

const base = "w-full rounded-md border px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600";
const border = (invalid: boolean, changed?: boolean) =>
  invalid ? "border-red-500 bg-red-50" : changed ? "border-amber-400 bg-amber-50" : "border-slate-300 bg-white";

/**
 * A field's errors, each said once, at a width that reads as a sentence: in a narrow table
 * column (quantity) the message widens its cell instead of wrapping a word per line.
 */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-0.5 w-max max-w-64 min-w-full text-xs text-red-700" data-testid="field-error">
      {[...new Set(errors)].join(" ")}
    </p>
  );
}

/** "12 / 500": shown once the field has had the focus, or once it is nine tenths full. */
function LengthCounter({ id, length, max }: { id: string; length: number; max: number }) {
  const t = useT(invoiceEditMessages);
  return (
    <p id={id} className="mt-0.5 text-right text-xs text-slate-600 tabular-nums" data-testid="length-counter">
      {t("lengthCounter", { n: length, max })}
    </p>
  );
}

type Common = { errorId: string; errors?: string[]; changed?: boolean };

/** aria-describedby for the errors and the counter that are shown. */
function describedBy(...ids: Array<string | false | undefined>) {
  const shown = ids.filter(Boolean).join(" ");
  return shown || undefined;
}

/** The counter of a field with a maxLength: whether it shows, and the focus handlers it needs. */
function useLengthCounter<E extends HTMLElement>(
  props: { maxLength?: number; value?: unknown },
  errorId: string,
  handlers: { onFocus?: FocusEventHandler<E>; onBlur?: FocusEventHandler<E> },
) {
  // Once shown it stays: hiding it on blur moved everything below up by a line, so a click on
  // Save right after typing in a note landed on nothing (the button had moved under the mouse).
  const [touched, setTouched] = useState(false);
  const max = props.maxLength;
  const length = String(props.value ?? "").length;
  const shown = max !== undefined && max > 0 && (touched || length >= max * 0.9);
  const id = `${errorId}-length`;
  return {
    id: shown ? id : undefined,
    element: shown && max !== undefined ? <LengthCounter id={id} length={length} max={max} /> : null,
    onFocus: (e: FocusEvent<E>) => {
      setTouched(true);
      handlers.onFocus?.(e);
    },
    onBlur: handlers.onBlur,
  };
}

export function EditInput({
  errorId,
  errors,
  changed,
  className,
  onFocus,
  onBlur,
  ...props
}: Common & ComponentProps<"input">) {
  const counter = useLengthCounter(props, errorId, { onFocus, onBlur });
  return (
    <>
      <input
        {...props}
        onFocus={counter.onFocus}
        onBlur={counter.onBlur}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(!!errors?.length && errorId, counter.id)}
        className={`${base} ${border(!!errors?.length, changed)} ${className ?? ""}`}
      />
      {counter.element}
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

export function EditTextarea({
  errorId,
  errors,
  changed,
  className,
  onFocus,
  onBlur,
  ...props
}: Common & ComponentProps<"textarea">) {
  const counter = useLengthCounter(props, errorId, { onFocus, onBlur });
  return (
    <>
      <textarea
        {...props}
        onFocus={counter.onFocus}
        onBlur={counter.onBlur}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(!!errors?.length && errorId, counter.id)}
        className={`${base} ${border(!!errors?.length, changed)} ${className ?? ""}`}
      />
      {counter.element}
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
