"use client";
// One customer's Peppol participant ID: scheme and identifier, saved or removed by an admin.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setPeppolParticipantAction } from "@/app/(console)/admin/customers/actions";
import { useT } from "@/lib/i18n/client";
import { einvoiceMessages } from "@/lib/i18n/messages/einvoice";
import { formField } from "@/components/ui/styles";

const SCHEMES = ["0188", "0221"] as const;

export function PeppolParticipantForm({
  customerId,
  scheme,
  value,
}: {
  customerId: string;
  scheme: string | null;
  value: string | null;
}) {
  const t = useT(einvoiceMessages);
  const router = useRouter();
  const [form, setForm] = useState({ scheme: scheme ?? "0188", id: value ?? "" });
  const mutation = useMutation({
    mutationFn: (input: { scheme: string; id: string }) => setPeppolParticipantAction({ customerId, ...input }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const result = mutation.data;
  const fieldError = (name: "scheme" | "id") => {
    const code = result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined;
    return code ? t(`err_${code as "scheme"}`) : undefined;
  };
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate(form);
      }}
    >
      <label className="flex flex-col gap-1 text-xs">
        <span>{t("scheme")}</span>
        <select
          name="scheme"
          value={form.scheme}
          onChange={(e) => setForm((f) => ({ ...f, scheme: e.target.value }))}
          className={`${formField} text-sm`}
        >
          {SCHEMES.map((s) => (
            <option key={s} value={s}>
              {t(`scheme_${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs">
        <span>{t("participantValue")}</span>
        <input
          name="id"
          value={form.id}
          onChange={(e) => setForm((f) => ({ ...f, id: e.target.value }))}
          placeholder={form.scheme === "0221" ? "T1234567890123" : "1234567890123"}
          aria-invalid={Boolean(fieldError("id"))}
          className={
            "w-40 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm aria-[invalid=true]:border-red-600"
          }
        />
      </label>
      <button
        type="submit"
        disabled={mutation.isPending}
        className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60"
      >
        {mutation.isPending ? t("saving") : t("save")}
      </button>
      {(scheme || value) && (
        <button
          type="button"
          disabled={mutation.isPending}
          onClick={() => {
            setForm((f) => ({ ...f, id: "" }));
            mutation.mutate({ scheme: "", id: "" });
          }}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-60"
        >
          {t("clear")}
        </button>
      )}
      {result && (
        <p role="status" className={`w-full text-xs ${result.ok ? "text-green-700" : "text-red-700"}`}>
          {result.ok ? t("saved") : (fieldError("id") ?? fieldError("scheme") ?? result.message)}
        </p>
      )}
    </form>
  );
}
