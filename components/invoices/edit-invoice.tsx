"use client";
// The invoice page's edit mode for finance: every line's description, quantity, unit price,
// amount and tax rate; new manual items, adjustments, discounts and credits with a reason;
// removal of manual lines; notes and the due date. Only the fields the person changed are
// sent, against the version the form was opened on. Field errors from the server appear next
// to their fields; a stale save shows who changed what and keeps the input, and the person
// can then take the current version without losing it.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { editInvoiceAction } from "@/app/(console)/invoices/edit-actions";
import { button, cx } from "@/components/ui/styles";
import { useKeyDownWithin } from "@/components/ui/use-key-down-within";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatYen } from "@/lib/i18n/format";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import {
  ADDED_KINDS,
  lineAmount,
  normalizeNumber,
  TAX_RATES,
  type AddedKind,
  type TaxRateCode,
} from "@/lib/invoices/edit-changes";
import type { EditableLine, InvoiceForEdit } from "@/lib/invoices/get-invoice-for-edit";
import { computeInvoiceTotals } from "@/lib/money/invoice-totals";
import { dec } from "@/lib/money/money";
import { EditInput, EditSelect, EditTextarea, FieldErrors } from "./edit-fields";

type LineField = "description" | "quantity" | "unitPriceJpy" | "amountJpy" | "taxRate";
const LINE_FIELDS: LineField[] = ["description", "quantity", "unitPriceJpy", "amountJpy", "taxRate"];
type HeaderField = "notesInternal" | "notesPrinted" | "dueDate";
const HEADER_FIELDS: HeaderField[] = ["dueDate", "notesPrinted", "notesInternal"];
type AddedLine = {
  key: number;
  kind: AddedKind;
  description: string;
  amountJpy: string;
  taxRate: TaxRateCode;
  reason: string;
};

const original = (line: EditableLine, field: LineField): string =>
  field === "unitPriceJpy" ? (line.unitPriceJpy ?? "") : line[field];

/** Numbers by value ("1.50" is "1.5"); text by its trimmed form. */
function same(field: LineField, a: string, b: string) {
  if (field === "description") return a.trim() === b.trim();
  if (field === "taxRate") return a === b;
  const [x, y] = [normalizeNumber(a), normalizeNumber(b)];
  if (x === "" || y === "") return x === y;
  try {
    return dec(x).eq(dec(y));
  } catch {
    return false;
  }
}

function derivedAmount(quantity: string, unitPrice: string): string | null {
  const [q, p] = [normalizeNumber(quantity), normalizeNumber(unitPrice)];
  if (!/^\d+(\.\d+)?$/.test(q) || !/^-?\d+(\.\d+)?$/.test(p)) return null;
  return lineAmount(q, p).toString();
}

export function InvoiceEditor({ invoice, children }: { invoice: InvoiceForEdit; children: React.ReactNode }) {
  const t = useT(invoiceEditMessages);
  const locale = useLocale();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [baseVersion, setBaseVersion] = useState(invoice.version);
  const [lineEdits, setLineEdits] = useState<Record<string, Partial<Record<LineField, string>>>>({});
  const [removed, setRemoved] = useState<string[]>([]);
  const [added, setAdded] = useState<AddedLine[]>([]);
  const [header, setHeader] = useState<Partial<Record<HeaderField, string>>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rebasing, setRebasing] = useState(false);
  const sentRemoved = useRef<string[]>([]);
  const nextKey = useRef(1);
  const newLineRef = useRef<HTMLSelectElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusNew, setFocusNew] = useState(false);

  const value = (line: EditableLine, field: LineField) => lineEdits[line.id]?.[field] ?? original(line, field);
  const lineChanged = (line: EditableLine, field: LineField) => {
    const v = lineEdits[line.id]?.[field];
    return v !== undefined && !same(field, v, original(line, field));
  };
  const headerValue = (field: HeaderField) => header[field] ?? invoice[field] ?? "";
  const headerChanged = (field: HeaderField) => {
    const v = header[field];
    return v !== undefined && v.trim() !== (invoice[field] ?? "");
  };

  const changes = useMemo(() => {
    const lines: Record<string, Record<string, string | null>> = {};
    for (const line of invoice.lines) {
      if (removed.includes(line.id)) continue;
      const update: Record<string, string | null> = {};
      for (const field of LINE_FIELDS) {
        const v = lineEdits[line.id]?.[field];
        if (v === undefined || same(field, v, original(line, field))) continue;
        update[field] = field === "unitPriceJpy" && v.trim() === "" ? null : v;
      }
      if (Object.keys(update).length) lines[line.id] = update;
    }
    const result: Record<string, unknown> = {};
    if (Object.keys(lines).length) result.lines = lines;
    if (added.length) result.added = added.map(({ key: _key, ...a }) => a);
    const gone = removed.filter((id) => invoice.lines.some((l) => l.id === id));
    if (gone.length) result.removed = gone;
    for (const field of HEADER_FIELDS) {
      const v = header[field];
      if (v !== undefined && v.trim() !== (invoice[field] ?? "")) result[field] = v;
    }
    return result;
  }, [invoice, lineEdits, removed, added, header]);
  const changeCount =
    Object.values((changes.lines as Record<string, object> | undefined) ?? {}).reduce(
      (n, u) => n + Object.keys(u).length,
      0,
    ) +
    added.length +
    ((changes.removed as string[] | undefined)?.length ?? 0) +
    HEADER_FIELDS.filter((f) => f in changes).length;
  const dirty = changeCount > 0;

  const preview = useMemo(() => {
    const current = (line: EditableLine, field: LineField) => lineEdits[line.id]?.[field] ?? original(line, field);
    try {
      const rows = [
        ...invoice.lines
          .filter((l) => !removed.includes(l.id))
          .map((l) => ({
            amountJpy: BigInt(normalizeNumber(current(l, "amountJpy"))),
            taxRate: current(l, "taxRate") as TaxRateCode,
          })),
        ...added.map((a) => ({ amountJpy: BigInt(normalizeNumber(a.amountJpy) || "0"), taxRate: a.taxRate })),
      ];
      return computeInvoiceTotals(rows, invoice.taxRounding);
    } catch {
      return null;
    }
  }, [invoice.lines, removed, lineEdits, added, invoice.taxRounding]);

  const reset = () => {
    setLineEdits({});
    setRemoved([]);
    setAdded([]);
    setHeader({});
    setFieldErrors({});
    setFormError(null);
    setConflict(null);
  };

  const save = useMutation({
    mutationFn: () => {
      sentRemoved.current = (changes.removed as string[] | undefined) ?? [];
      return editInvoiceAction({ invoiceId: invoice.id, expectedVersion: baseVersion, changes });
    },
    onSuccess: (result) => {
      if (result.ok) {
        reset();
        setEditing(false);
        setNotice(result.data.changed ? t("saved", { version: result.data.version }) : t("savedUnchanged"));
        router.refresh();
        return;
      }
      setNotice(null);
      if (result.code === "CONFLICT") {
        setConflict(result.message);
        setFieldErrors({});
        setFormError(null);
      } else {
        setConflict(null);
        setFieldErrors(result.fieldErrors ?? {});
        setFormError(result.message);
      }
    },
    onError: () => setFormError(t("err_invalid")),
  });

  // After "show the current version", the form continues from it, keeping the person's input.
  useEffect(() => {
    if (rebasing && invoice.version !== baseVersion) {
      setBaseVersion(invoice.version);
      setRebasing(false);
      setConflict(null);
      setNotice(t("reloaded", { version: invoice.version }));
    }
  }, [rebasing, invoice.version, baseVersion, t]);

  useEffect(() => {
    if (!editing || !dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [editing, dirty]);

  useKeyDownWithin(formRef, (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!save.isPending) save.mutate();
    }
    // Keys typed here are not the approval page's shortcuts (A / R).
    e.stopPropagation();
  });

  useEffect(() => {
    if (focusNew) {
      newLineRef.current?.focus();
      setFocusNew(false);
    }
  }, [focusNew]);

  const clearError = (key: string) =>
    setFieldErrors((errors) => {
      if (!(key in errors)) return errors;
      const next = { ...errors };
      delete next[key];
      return next;
    });

  const editLine = (line: EditableLine, field: LineField, v: string) => {
    setLineEdits((edits) => {
      const row = { ...edits[line.id], [field]: v };
      // The amount rule: with a unit price, amount = quantity x unit price, rounded half up.
      if (field === "quantity" || field === "unitPriceJpy") {
        const amount = derivedAmount(
          row.quantity ?? original(line, "quantity"),
          row.unitPriceJpy ?? original(line, "unitPriceJpy"),
        );
        if (amount !== null) row.amountJpy = amount;
      }
      return { ...edits, [line.id]: row };
    });
    clearError(`lines.${line.id}.${field}`);
    if (field === "quantity" || field === "unitPriceJpy") clearError(`lines.${line.id}.amountJpy`);
  };
  const undoLine = (line: EditableLine) => {
    setLineEdits((edits) => {
      const next = { ...edits };
      delete next[line.id];
      return next;
    });
    for (const f of LINE_FIELDS) clearError(`lines.${line.id}.${f}`);
  };
  const toggleRemoved = (line: EditableLine) =>
    setRemoved((ids) => (ids.includes(line.id) ? ids.filter((id) => id !== line.id) : [...ids, line.id]));
  const addLine = () => {
    setAdded((rows) => [
      ...rows,
      {
        key: nextKey.current++,
        kind: "ADJUSTMENT",
        description: "",
        amountJpy: "",
        taxRate: "STANDARD_10",
        reason: "",
      },
    ]);
    setFocusNew(true);
  };
  const editAdded = (index: number, patch: Partial<AddedLine>) => {
    setAdded((rows) => rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
    for (const key of Object.keys(patch)) clearError(`added.${index}.${key}`);
  };
  const removeAdded = (index: number) => {
    setAdded((rows) => rows.filter((_, i) => i !== index));
    // Errors of later new lines are keyed by their old index.
    setFieldErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith("added."))));
  };
  const cancel = () => {
    if (dirty && !window.confirm(t("discardConfirm"))) return;
    reset();
    setEditing(false);
  };
  const open = () => {
    reset();
    setNotice(null);
    setBaseVersion(invoice.version);
    setEditing(true);
  };

  const rate = (r: string) => t(`rate_${r as TaxRateCode}`);
  const errorsFor = (key: string) => fieldErrors[key];
  const removalErrors = (line: EditableLine) => {
    const i = sentRemoved.current.indexOf(line.id);
    return i >= 0 ? fieldErrors[`removed.${i}`] : undefined;
  };
  const orphanErrors = Object.entries(fieldErrors)
    .filter(
      ([k]) => (k.startsWith("lines.") && !invoice.lines.some((l) => k.startsWith(`lines.${l.id}`))) || k === "form",
    )
    .flatMap(([, v]) => v);

  if (!invoice.canEdit) return <>{children}</>;

  if (!editing) {
    return (
      <>
        <div className="mt-6 flex flex-wrap items-center gap-3">
          <button type="button" onClick={open} className={`${button("secondary")} font-medium shadow-sm`}>
            {t("edit")}
          </button>
          {notice && (
            <p role="status" className="text-sm text-green-800" data-testid="edit-notice">
              {notice}
            </p>
          )}
        </div>
        {children}
      </>
    );
  }

  return (
    <form
      ref={formRef}
      aria-label={t("edit")}
      data-testid="invoice-editor"
      className="mt-6 space-y-4 rounded-lg border border-blue-200 bg-blue-50/40 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate();
      }}
    >
      <div>
        <h2 className="text-base font-semibold">{t("editTitle", { version: baseVersion })}</h2>
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
            onClick={() => {
              setRebasing(true);
              router.refresh();
            }}
            disabled={rebasing}
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
              {invoice.lines.map((line) => {
                const gone = removed.includes(line.id);
                const label = (field: string) => t("fieldOfLine", { field, line: line.position });
                const rowChanged = LINE_FIELDS.some((f) => lineChanged(line, f));
                const id = (f: string) => `edit-${line.id}-${f}`;
                return (
                  <tr
                    key={line.id}
                    className={`border-t border-slate-100 align-top ${gone ? "bg-slate-50 text-slate-400" : ""}`}
                    data-testid={`edit-line-${line.position}`}
                  >
                    <td className="px-2 py-2 text-slate-500">{line.position}</td>
                    <td className="px-2 py-2 text-xs">
                      <div className="font-medium text-slate-700">{t(`kind_${line.kind}`)}</div>
                      <div
                        className={line.manual ? "text-purple-800" : line.edited ? "text-amber-800" : "text-slate-500"}
                      >
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
                        title={value(line, "description")}
                        value={value(line, "description")}
                        disabled={gone}
                        changed={lineChanged(line, "description")}
                        onChange={(e) => editLine(line, "description", e.target.value)}
                        errorId={id("description")}
                        errors={[
                          ...(errorsFor(`lines.${line.id}.description`) ?? []),
                          ...(errorsFor(`lines.${line.id}`) ?? []),
                          ...(removalErrors(line) ?? []),
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
                        readOnly={value(line, "unitPriceJpy").trim() !== ""}
                        title={value(line, "unitPriceJpy").trim() !== "" ? t("derivedHint") : undefined}
                        onChange={(e) => editLine(line, "amountJpy", e.target.value)}
                        errorId={id("amountJpy")}
                        errors={errorsFor(`lines.${line.id}.amountJpy`)}
                      />
                      {value(line, "unitPriceJpy").trim() !== "" && (
                        <div className="text-xs text-slate-500">{t("derivedHint")}</div>
                      )}
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
                        {TAX_RATES.map((r) => (
                          <option key={r} value={r}>
                            {rate(r)}
                          </option>
                        ))}
                      </EditSelect>
                    </td>
                    <td className="space-y-1 px-2 py-2 text-right">
                      {line.manual && (
                        <button
                          type="button"
                          onClick={() => toggleRemoved(line)}
                          aria-label={gone ? undefined : t("removeLabel", { line: line.position })}
                          className={button("secondary", "xs")}
                        >
                          {gone ? t("keep") : t("remove")}
                        </button>
                      )}
                      {rowChanged && !gone && (
                        <button
                          type="button"
                          onClick={() => undoLine(line)}
                          aria-label={t("undoLineLabel", { line: line.position })}
                          className={`block ${button("secondary", "xs")}`}
                        >
                          {t("undoLine")}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

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
                        {TAX_RATES.map((r) => (
                          <option key={r} value={r}>
                            {rate(r)}
                          </option>
                        ))}
                      </EditSelect>
                    </td>
                    <td className="min-w-48 px-2 py-2">
                      <EditInput
                        aria-label={label(t("reason"))}
                        value={a.reason}
                        onChange={(e) => editAdded(i, { reason: e.target.value })}
                        errorId={id("reason")}
                        errors={errorsFor(`added.${i}.reason`)}
                      />
                    </td>
                    <td className="px-2 py-2 text-right">
                      <button
                        type="button"
                        onClick={() => removeAdded(i)}
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
        <button type="button" onClick={addLine} className={`mt-2 ${button("secondary", "sm")}`}>
          + {t("addLine")}
        </button>
        {fieldErrors.added && <FieldErrors id="edit-added-errors" errors={fieldErrors.added} />}
      </section>

      <section aria-label={t("notes")} className="grid gap-4 md:grid-cols-3">
        <div className="text-sm">
          <label htmlFor="edit-dueDate-input" className="font-medium">
            {t("dueDate")}
          </label>
          <EditInput
            id="edit-dueDate-input"
            type="date"
            value={headerValue("dueDate")}
            changed={headerChanged("dueDate")}
            className="mt-1"
            onChange={(e) => {
              setHeader((h) => ({ ...h, dueDate: e.target.value }));
              clearError("dueDate");
            }}
            errorId="edit-dueDate"
            errors={errorsFor("dueDate")}
          />
        </div>
        <div className="text-sm">
          <label htmlFor="edit-notesPrinted-input" className="font-medium">
            {t("notesPrinted")}
          </label>
          <EditTextarea
            id="edit-notesPrinted-input"
            rows={3}
            value={headerValue("notesPrinted")}
            changed={headerChanged("notesPrinted")}
            className="mt-1"
            onChange={(e) => {
              setHeader((h) => ({ ...h, notesPrinted: e.target.value }));
              clearError("notesPrinted");
            }}
            errorId="edit-notesPrinted"
            errors={errorsFor("notesPrinted")}
          />
        </div>
        <div className="text-sm">
          <label htmlFor="edit-notesInternal-input" className="font-medium">
            {t("notesInternal")}
          </label>
          <EditTextarea
            id="edit-notesInternal-input"
            rows={3}
            value={headerValue("notesInternal")}
            changed={headerChanged("notesInternal")}
            className="mt-1"
            onChange={(e) => {
              setHeader((h) => ({ ...h, notesInternal: e.target.value }));
              clearError("notesInternal");
            }}
            errorId="edit-notesInternal"
            errors={errorsFor("notesInternal")}
          />
        </div>
      </section>

      <div className="flex flex-wrap items-end justify-between gap-4 border-t border-blue-200 pt-3">
        <dl className="text-sm" aria-label={t("preview")} data-testid="edit-preview">
          <div className="font-medium text-slate-600">{t("preview")}</div>
          <div className="flex gap-6">
            <div>
              <dt className="inline text-slate-500">{t("subtotal")} </dt>
              <dd className="num inline">{preview ? formatYen(preview.subtotalJpy, locale) : "—"}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">{t("tax")} </dt>
              <dd className="num inline">{preview ? formatYen(preview.taxJpy, locale) : "—"}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">{t("total")} </dt>
              <dd className="num inline font-semibold">{preview ? formatYen(preview.totalJpy, locale) : "—"}</dd>
            </div>
          </div>
        </dl>
        <div className="flex items-center gap-3">
          <span className="text-xs text-slate-500">
            {dirty ? t("unsaved", { n: changeCount }) : t("noChanges")} · {t("saveHint")}
          </span>
          <button type="button" onClick={cancel} className={button("secondary")}>
            {t("cancel")}
          </button>
          <button type="submit" disabled={save.isPending || !dirty} className={button("primary")}>
            {save.isPending ? t("saving") : t("save")}
          </button>
        </div>
      </div>
    </form>
  );
}
