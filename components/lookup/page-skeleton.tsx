import { getT } from "@/lib/i18n/server";
import { lookupMessages } from "@/lib/i18n/messages/lookup";

export async function PageSkeleton() {
  const t = await getT(lookupMessages);
  return (
    <div className="max-w-5xl animate-pulse" role="status" aria-live="polite">
      <div className="h-8 w-48 rounded bg-slate-200" />
      <div className="mt-3 h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="mt-6 h-40 rounded-lg bg-slate-100" />
      <span className="sr-only">{t("loading")}</span>
    </div>
  );
}
