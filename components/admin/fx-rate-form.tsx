"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setFxRateAction } from "@/app/(console)/admin/fx-rates/actions";
import { useT } from "@/lib/i18n/client";
import { adminMessages } from "@/lib/i18n/messages/admin";
import { formField } from "@/components/ui/styles";

export function FxRateForm() {
  const t = useT(adminMessages);
  const router = useRouter();
  const [form, setForm] = useState({ month: "", fromCurrency: "USD", rate: "" });
  const mutation = useMutation({
    mutationFn: () => setFxRateAction(form),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const result = mutation.data;
  const fieldError = (name: keyof typeof form) => (result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined);
  const field = (name: keyof typeof form, label: string, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <input
        {...props}
        name={name}
        value={form[name]}
        onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
        aria-invalid={Boolean(fieldError(name))}
        className={`${formField} aria-[invalid=true]:border-red-600`}
      />
      {fieldError(name) && <span className="text-xs text-red-700">{fieldError(name)}</span>}
    </label>
  );
  return (
    <form
      className="flex flex-wrap items-start gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      {field("month", t("month"), { placeholder: "2026-10", required: true })}
      {field("fromCurrency", t("currency"), { maxLength: 3, required: true, className: "w-20" })}
      {field("rate", t("rate"), { inputMode: "decimal", placeholder: "150.25", required: true })}
      <button
        type="submit"
        disabled={mutation.isPending}
        className="mt-6 rounded-md bg-slate-900 px-4 py-1.5 text-white disabled:opacity-60"
      >
        {t("setRate")}
      </button>
      {result && (
        <p role="status" className={`w-full text-sm ${result.ok ? "text-green-700" : "text-red-700"}`}>
          {result.ok ? t("rateSaved") : result.message}
        </p>
      )}
    </form>
  );
}
