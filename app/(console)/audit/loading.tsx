import { auditMessages } from "@/lib/i18n/messages/audit";
import { getT } from "@/lib/i18n/server";

export default async function Loading() {
  const t = await getT(auditMessages);
  return (
    <div role="status" aria-live="polite">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-4 flex items-center gap-2 text-slate-600">
        <span className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700" aria-hidden />
        {t("loading")}
      </p>
      <div className="mt-4 space-y-2" aria-hidden>
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-10 animate-pulse rounded bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
