"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { approveInvoiceAction, rejectInvoiceAction, submitInvoiceAction } from "@/app/(console)/invoices/actions";
import { button } from "@/components/ui/styles";
import { useKeyDownWithin } from "@/components/ui/use-key-down-within";
import { useT } from "@/lib/i18n/client";
import { invoiceViewMessages } from "@/lib/i18n/messages/invoice-view";

type Props = { invoiceId: string; version: number; canSubmit: boolean; canDecide: boolean };

export function GateActions({ invoiceId, version, canSubmit, canDecide }: Props) {
  const t = useT(invoiceViewMessages);
  const router = useRouter();
  const [rejecting, setRejecting] = useState(false);
  // The shortcuts work only once this script runs; the panel says so (data-keyboard="ready"),
  // which is what a test, or anyone scripting the page, waits for before pressing a key.
  const [keyboardReady, setKeyboardReady] = useState(false);
  const [reason, setReason] = useState("");
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const rejectFormRef = useRef<HTMLFormElement>(null);
  const target = { invoiceId, expectedVersion: version };
  const done = (r: { ok: boolean }) => r.ok && router.refresh();
  const submit = useMutation({ mutationFn: () => submitInvoiceAction(target), onSuccess: done });
  const approve = useMutation({ mutationFn: () => approveInvoiceAction(target), onSuccess: done });
  // A rejection that went through closes its form: the panel then shows the new state (a draft
  // with the reason), and there is nothing left to press twice.
  const reject = useMutation({
    mutationFn: () => rejectInvoiceAction({ ...target, reason }),
    onSuccess: (r) => {
      if (!r.ok) return;
      setRejecting(false);
      setReason("");
      router.refresh();
    },
  });
  const pending = submit.isPending || approve.isPending || reject.isPending;
  const result = submit.data ?? approve.data ?? reject.data;

  // Keyboard: A approves, R opens the rejection reason (not while typing in a field).
  useEffect(() => {
    if (!canDecide) return;
    const onKey = (e: KeyboardEvent) => {
      if (
        e.target instanceof HTMLInputElement ||
        e.target instanceof HTMLTextAreaElement ||
        e.metaKey ||
        e.ctrlKey ||
        e.altKey
      )
        return;
      if (e.key === "a" && !pending) approve.mutate();
      if (e.key === "r") {
        e.preventDefault();
        setRejecting(true);
      }
    };
    window.addEventListener("keydown", onKey);
    setKeyboardReady(true);
    return () => window.removeEventListener("keydown", onKey);
  }, [canDecide, pending, approve]);
  useEffect(() => {
    if (rejecting) reasonRef.current?.focus();
  }, [rejecting]);
  useKeyDownWithin(rejectFormRef, (e) => {
    if (e.key === "Escape") setRejecting(false);
  });

  return (
    <div className="mt-3 space-y-2" data-keyboard={keyboardReady ? "ready" : undefined}>
      <div className="flex flex-wrap gap-2">
        {canSubmit && (
          <button type="button" disabled={pending} onClick={() => submit.mutate()} className={button("primary")}>
            {submit.isPending ? t("working") : t("submit")}
          </button>
        )}
        {canDecide && (
          <>
            <button type="button" disabled={pending} onClick={() => approve.mutate()} className={button("approve")}>
              {approve.isPending ? t("working") : t("approve")}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => setRejecting(true)}
              className={button("dangerOutline")}
            >
              {t("reject")}
            </button>
          </>
        )}
      </div>
      {rejecting && canDecide && (
        <form
          ref={rejectFormRef}
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            reject.mutate();
          }}
        >
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t("rejectReason")}</span>
            <textarea
              ref={reasonRef}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              rows={2}
              className="rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={button("danger", "sm")}>
              {t("confirmReject")}
            </button>
            <button type="button" onClick={() => setRejecting(false)} className={button("secondary", "sm")}>
              {t("cancel")}
            </button>
          </div>
        </form>
      )}
      {reject.data?.ok && (
        <p role="status" className="text-sm text-slate-700" data-testid="rejected-done">
          {t("rejectedDone")}
        </p>
      )}
      {result && !result.ok && (
        <p role="alert" className="text-sm text-red-700">
          {result.message}
        </p>
      )}
    </div>
  );
}
