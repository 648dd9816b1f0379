"use client";
import { useT } from "@/lib/i18n/client";
import { shellMessages } from "@/lib/i18n/messages/shell";

export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  const t = useT(shellMessages);
  return (
    <div className="max-w-lg rounded-lg border border-red-200 bg-white p-6" role="alert">
      <h1 className="text-lg font-semibold text-red-800">{t("errorTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("errorBody")}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-slate-900 px-4 py-2 text-white">
        {t("tryAgain")}
      </button>
    </div>
  );
}
