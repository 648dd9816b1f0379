// What a list page shows while its data is read: its outline (a title, a row of counts or
// filters, rows), so the layout does not jump, and "Loading…" for screen readers.
import { getT } from "@/lib/i18n/server";
import { shellMessages } from "@/lib/i18n/messages/shell";

export async function PageLoading({ tiles = 0, rows = 6 }: { tiles?: number; rows?: number }) {
  const t = await getT(shellMessages);
  return (
    <div className="max-w-6xl animate-pulse" role="status" aria-live="polite" data-testid="page-loading">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="mt-3 h-4 w-96 max-w-full rounded bg-slate-200" />
      {tiles > 0 && (
        <div className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {Array.from({ length: tiles }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
            <div key={i} className="h-24 rounded-lg bg-slate-100" />
          ))}
        </div>
      )}
      <div className="mt-6 space-y-2">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
          <div key={i} className="h-9 rounded bg-slate-100" />
        ))}
      </div>
      <span className="sr-only">{t("loading")}</span>
    </div>
  );
}
