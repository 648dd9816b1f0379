"use client";
// Support's one mutation on the lookup pages: ask a manager for time-limited access to this
// customer's unmasked contact and bank data, saying why.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestAccessAction } from "@/app/(console)/lookup/actions";
import { useT } from "@/lib/i18n/client";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { button, formField } from "@/components/ui/styles";

export function RequestAccessForm({
  customerId,
  minLength,
  maxLength,
}: {
  customerId: string;
  minLength: number;
  maxLength: number;
}) {
  const t = useT(lookupMessages);
  const router = useRouter();
  const [reason, setReason] = useState("");
  const request = useMutation({
    mutationFn: () => requestAccessAction({ customerId, reason }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const result = request.data;
  const fieldError = result && !result.ok ? result.fieldErrors?.reason?.[0] : undefined;
  return (
    <form
      className="mt-4 space-y-2 border-t border-slate-100 pt-4"
      aria-labelledby="request-access-title"
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate();
      }}
    >
      <h3 id="request-access-title" className="text-sm font-semibold">
        {t("requestTitle")}
      </h3>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{t("reasonLabel")}</span>
        <textarea
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={minLength}
          maxLength={maxLength}
          rows={2}
          aria-describedby="request-reason-help"
          aria-invalid={fieldError ? true : undefined}
          className={formField}
        />
        <span id="request-reason-help" className="text-xs text-slate-500">
          {t("reasonHelp", { min: minLength })}
        </span>
      </label>
      <button type="submit" disabled={request.isPending} className={`${button("primary")} font-medium`}>
        {request.isPending ? t("requesting") : t("requestButton")}
      </button>
      {result?.ok && (
        <p role="status" className="text-sm text-green-800">
          {t("requestSent")}
        </p>
      )}
      {result && !result.ok && (
        <p role="alert" className="text-sm text-red-700">
          {fieldError ?? result.message}
        </p>
      )}
    </form>
  );
}
