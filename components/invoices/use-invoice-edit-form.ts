"use client";
// The invoice editor's state: what the person typed over the stored values, what that changes
// (only fields that differ are sent), the totals it would give, the field errors the server
// returned and the save itself, against the version the form was opened on. A stale save
// keeps the input, and "show the current version" continues from the new version with it.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { editInvoiceAction } from "@/app/(console)/invoices/edit-actions";
import { useT } from "@/lib/i18n/client";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import { type AddedKind, lineAmount, normalizeNumber, type TaxRateCode } from "@/lib/invoices/edit-changes";
import type { EditableLine, InvoiceForEdit } from "@/lib/invoices/get-invoice-for-edit";
import { computeInvoiceTotals } from "@/lib/money/invoice-totals";
import { dec } from "@/lib/money/money";

export type LineField = "description" | "quantity" | "unitPriceJpy" | "amountJpy" | "taxRate";
const LINE_FIELDS: LineField[] = ["description", "quantity", "unitPriceJpy", "amountJpy", "taxRate"];
export type HeaderField = "notesInternal" | "notesPrinted" | "dueDate";
const HEADER_FIELDS: HeaderField[] = ["dueDate", "notesPrinted", "notesInternal"];

/** A line the person adds; `key` identifies its row while it is being typed. */
export type AddedLine = {
  key: number;
  kind: AddedKind;
  description: string;
  amountJpy: string;
  taxRate: TaxRateCode;
  reason: string;
};

/** What a save sends: only the fields that differ from the stored invoice. */
type Changes = {
  lines?: Record<string, Partial<Record<LineField, string | null>>>;
  added?: Omit<AddedLine, "key">[];
  removed?: string[];
} & Partial<Record<HeaderField, string>>;

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

export type InvoiceEditForm = ReturnType<typeof useInvoiceEditForm>;

export function useInvoiceEditForm(invoice: InvoiceForEdit) {
  const t = useT(invoiceEditMessages);
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
  // The removals of the last save, in the order sent: the server keys their errors by index.
  const sentRemoved = useRef<string[]>([]);
  const nextKey = useRef(1);

  const value = (line: EditableLine, field: LineField) => lineEdits[line.id]?.[field] ?? original(line, field);
  const lineChanged = (line: EditableLine, field: LineField) => {
    const v = lineEdits[line.id]?.[field];
    return v !== undefined && !same(field, v, original(line, field));
  };
  const rowChanged = (line: EditableLine) => LINE_FIELDS.some((f) => lineChanged(line, f));
  const isRemoved = (line: EditableLine) => removed.includes(line.id);
  const headerValue = (field: HeaderField) => header[field] ?? invoice[field] ?? "";
  const headerChanged = (field: HeaderField) => {
    const v = header[field];
    return v !== undefined && v.trim() !== (invoice[field] ?? "");
  };

  const changes = useMemo(() => {
    const lines: NonNullable<Changes["lines"]> = {};
    for (const line of invoice.lines) {
      if (removed.includes(line.id)) continue;
      const update: Partial<Record<LineField, string | null>> = {};
      for (const field of LINE_FIELDS) {
        const v = lineEdits[line.id]?.[field];
        if (v === undefined || same(field, v, original(line, field))) continue;
        update[field] = field === "unitPriceJpy" && v.trim() === "" ? null : v;
      }
      if (Object.keys(update).length) lines[line.id] = update;
    }
    const result: Changes = {};
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
    Object.values(changes.lines ?? {}).reduce((n, u) => n + Object.keys(u).length, 0) +
    added.length +
    (changes.removed?.length ?? 0) +
    HEADER_FIELDS.filter((f) => f in changes).length;
  const dirty = changeCount > 0;

  /** The totals after saving, or null while an amount does not parse. */
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

  const mutation = useMutation({
    mutationFn: () => {
      sentRemoved.current = changes.removed ?? [];
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
  const save = () => {
    if (!mutation.isPending) mutation.mutate();
  };

  // After "show the current version", the form continues from it, keeping the person's input.
  useEffect(() => {
    if (rebasing && invoice.version !== baseVersion) {
      setBaseVersion(invoice.version);
      setRebasing(false);
      setConflict(null);
      setNotice(t("reloaded", { version: invoice.version }));
    }
  }, [rebasing, invoice.version, baseVersion, t]);
  const reloadKeepingInput = () => {
    setRebasing(true);
    router.refresh();
  };

  useEffect(() => {
    if (!editing || !dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [editing, dirty]);

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
  const addLine = () =>
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
  const editAdded = (index: number, patch: Partial<AddedLine>) => {
    setAdded((rows) => rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
    for (const key of Object.keys(patch)) clearError(`added.${index}.${key}`);
  };
  const removeAdded = (index: number) => {
    setAdded((rows) => rows.filter((_, i) => i !== index));
    // Errors of later new lines are keyed by their old index.
    setFieldErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith("added."))));
  };
  const editHeader = (field: HeaderField, v: string) => {
    setHeader((h) => ({ ...h, [field]: v }));
    clearError(field);
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

  const errorsFor = (key: string): string[] | undefined => fieldErrors[key];
  const removalErrors = (line: EditableLine) => {
    const i = sentRemoved.current.indexOf(line.id);
    return i >= 0 ? fieldErrors[`removed.${i}`] : undefined;
  };
  /** Errors with no field on screen: a line that is gone, or the form as a whole. */
  const orphanErrors = Object.entries(fieldErrors)
    .filter(
      ([k]) => (k.startsWith("lines.") && !invoice.lines.some((l) => k.startsWith(`lines.${l.id}`))) || k === "form",
    )
    .flatMap(([, v]) => v);

  return {
    editing,
    open,
    cancel,
    baseVersion,
    value,
    lineChanged,
    rowChanged,
    isRemoved,
    headerValue,
    headerChanged,
    added,
    editLine,
    undoLine,
    toggleRemoved,
    addLine,
    editAdded,
    removeAdded,
    editHeader,
    dirty,
    changeCount,
    preview,
    save,
    saving: mutation.isPending,
    errorsFor,
    removalErrors,
    orphanErrors,
    addedErrors: fieldErrors.added,
    formError,
    conflict,
    notice,
    rebasing,
    reloadKeepingInput,
  };
}
