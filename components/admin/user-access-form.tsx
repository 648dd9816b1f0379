"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateUserAccessAction } from "@/app/(console)/admin/users/actions";
import type { Role } from "@/lib/generated/prisma/enums";
import { useT } from "@/lib/i18n/client";
import { adminMessages } from "@/lib/i18n/messages/admin";
import { shellMessages } from "@/lib/i18n/messages/shell";

const ROLES: Role[] = ["FINANCE", "MANAGER", "SUPPORT", "ADMIN"];

export function UserAccessForm({ userId, roles, active }: { userId: string; roles: Role[]; active: boolean }) {
  const t = useT(adminMessages);
  const ts = useT(shellMessages);
  const router = useRouter();
  const [selected, setSelected] = useState<Role[]>(roles);
  const [isActive, setActive] = useState(active);
  const mutation = useMutation({
    mutationFn: () => updateUserAccessAction({ userId, roles: selected, active: isActive }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const result = mutation.data;
  return (
    <form
      className="flex flex-wrap items-center gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      {ROLES.map((role) => (
        <label key={role} className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={selected.includes(role)}
            onChange={(e) => setSelected((s) => (e.target.checked ? [...s, role] : s.filter((r) => r !== role)))}
          />
          {ts(`role${role}`)}
        </label>
      ))}
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={isActive} onChange={(e) => setActive(e.target.checked)} />
        {t("active")}
      </label>
      <button
        type="submit"
        disabled={mutation.isPending}
        className="rounded-md bg-slate-900 px-3 py-1 text-white disabled:opacity-60"
      >
        {mutation.isPending ? t("saving") : t("save")}
      </button>
      {result && (
        <span role="status" className={result.ok ? "text-green-700" : "text-red-700"}>
          {result.ok ? (result.data.changed ? t("saved") : t("unchanged")) : result.message}
        </span>
      )}
    </form>
  );
}
