"use client";
// The invoice page's release actions: release (then the deliveries' outcome at once), and a
// void or credit note for a released invoice.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { createCorrectionAction, releaseInvoiceAction } from "@/app/(console)/releases/actions";
import { button } from "@/components/ui/styles";
import { useKeyDownWithin } from "@/components/ui/use-key-down-within";
import { useT } from "@/lib/i18n/client";
import { releasesMessages } from "@/lib/i18n/messages/releases";

export function ReleaseButton({ invoiceId }: { invoiceId: string }) {
  const t = useT(releasesMessages);
  const router = useRouter();
  const release = useMutation({
    mutationFn: () => releaseInvoiceAction({ invoiceId }),
    onSuccess: (r) => r.ok && router.refresh(),
  });
  return (
    <div className="space-y-2">
      <button type="button" onClick={() => release.mutate()} disabled={release.isPending} className={button("primary")}>
        {release.isPending ? t("releasing") : t("releaseButton")}
      </button>
      {release.data && !release.data.ok && (
        <p role="alert" className="text-sm text-red-700">
          {release.data.message}
        </p>
      )}
    </div>
  );
}

type CorrectionKind = "VOID" | "CREDIT_NOTE";

export function CorrectionForm({ invoiceId, canVoid }: { invoiceId: string; canVoid: boolean }) {
  const t = useT(releasesMessages);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<CorrectionKind>(canVoid ? "VOID" : "CREDIT_NOTE");
  const [reason, setReason] = useState("");
  const create = useMutation({
    mutationFn: () => createCorrectionAction({ invoiceId, kind, reason }),
    onSuccess: (r) => r.ok && router.push(`/invoices/${r.data.id}`),
  });
  const error = create.data && !create.data.ok ? create.data : null;
  const formRef = useRef<HTMLFormElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  // Opening the form is asking to write the reason.
  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);
  useKeyDownWithin(formRef, (e) => {
    if (e.key === "Escape") setOpen(false);
  });
  const kindOption = (value: CorrectionKind, label: string) => (
    <label className="flex items-center gap-1">
      <input type="radio" name="kind" checked={kind === value} onChange={() => setKind(value)} /> {label}
    </label>
  );
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className={button("secondary", "sm")}>
        {t("correct")}
      </button>
    );
  }
  return (
    <form
      ref={formRef}
      className="space-y-2 rounded-md border border-slate-200 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <p className="text-xs text-slate-600">{t("correctIntro")}</p>
      <fieldset className="flex gap-4 text-sm">
        {canVoid && kindOption("VOID", t("voidIt"))}
        {kindOption("CREDIT_NOTE", t("creditNote"))}
      </fieldset>
      <label className="flex flex-col gap-1 text-sm">
        <span>{t("reason")}</span>
        <textarea
          ref={reasonRef}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          className="rounded-md border border-slate-300 px-2 py-1"
          aria-invalid={!!error?.fieldErrors?.reason}
        />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error.fieldErrors?.reason?.[0] ?? error.message}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={create.isPending} className={button("primary", "sm")}>
          {t("createCorrection")}
        </button>
        <button type="button" onClick={() => setOpen(false)} className={button("secondary", "sm")}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
