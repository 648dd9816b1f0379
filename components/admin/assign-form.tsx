"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { assignProjectAction } from "@/app/(console)/admin/assignments/actions";
import { useT } from "@/lib/i18n/client";
import { adminMessages } from "@/lib/i18n/messages/admin";
import { formField } from "@/components/ui/styles";

export function AssignForm({
  projectId,
  customer,
  defaultMonth,
}: {
  projectId: string;
  customer: { code: string; name: string; groups: Array<{ id: string; name: string }> };
  defaultMonth: string;
}) {
  const t = useT(adminMessages);
  const router = useRouter();
  const [billingGroupId, setGroup] = useState(customer.groups[0]?.id ?? "");
  const [fromMonth, setMonth] = useState(defaultMonth);
  const mutation = useMutation({
    mutationFn: () => assignProjectAction({ projectId, billingGroupId, fromMonth }),
    // Show the project with its new history (it leaves the unassigned list) and say what was done.
    onSuccess: (r) =>
      r.ok &&
      router.push(
        `?${new URLSearchParams({ q: projectId, assigned: `${customer.code}:${r.data.fromMonth}` }).toString()}`,
      ),
  });
  const r = mutation.data;
  const err = (f: string) => (r && !r.ok ? r.fieldErrors?.[f]?.[0] : undefined);
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{t("group")}</span>
        <select value={billingGroupId} onChange={(e) => setGroup(e.target.value)} className={formField}>
          {customer.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">{t("fromMonth")}</span>
        <input
          value={fromMonth}
          onChange={(e) => setMonth(e.target.value)}
          placeholder="2026-10"
          aria-invalid={Boolean(err("fromMonth"))}
          className={`w-28 ${formField} aria-[invalid=true]:border-red-600`}
        />
        {err("fromMonth") && <span className="text-xs text-red-700">{err("fromMonth")}</span>}
      </label>
      <button
        type="submit"
        disabled={mutation.isPending}
        className="rounded-md bg-slate-900 px-4 py-1.5 text-sm text-white disabled:opacity-60"
      >
        {t("confirmAssign")}
      </button>
      {r && !r.ok && (
        <p role="alert" className="w-full text-sm text-red-700">
          {r.message}
        </p>
      )}
    </form>
  );
}
