"use client";
import { signOut } from "next-auth/react";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/actions/locale";
import { useLocale, useT } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n/define";
import { shellMessages } from "@/lib/i18n/messages/shell";

export function UserMenu({ name, email, roleLabels }: { name: string; email: string; roleLabels: string[] }) {
  const t = useT(shellMessages);
  const locale = useLocale();
  const [pending, startTransition] = useTransition();
  const switchTo = (next: Locale) =>
    startTransition(async () => {
      await setLocaleAction({ locale: next });
      window.location.reload();
    });
  return (
    <div className="flex items-center gap-4 text-sm">
      <div className="text-right" data-testid="user-menu">
        <div className="font-medium" title={email}>
          {t("signedInAs", { name })}
        </div>
        <div className="text-xs text-slate-500">
          {t("roles")}: {roleLabels.join(", ") || "—"}
        </div>
      </div>
      <fieldset aria-label={t("language")} className="flex overflow-hidden rounded-md border border-slate-300">
        {(["ja", "en"] as const).map((l) => (
          <button
            key={l}
            type="button"
            disabled={pending || l === locale}
            onClick={() => switchTo(l)}
            aria-pressed={l === locale}
            className={`px-2 py-1 ${l === locale ? "bg-slate-900 text-white" : "bg-white hover:bg-slate-100"}`}
          >
            {l === "ja" ? "日本語" : "English"}
          </button>
        ))}
      </fieldset>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/signin" })}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100"
      >
        {t("signOut")}
      </button>
    </div>
  );
}
