// The audit page's results: one page of events (read through queryAudit, which records the
// read) with links to newer and older pages, or an empty state that says what to try next.
import Link from "next/link";
import type { Actor } from "@/lib/authz/actor";
import type { ParsedAuditSearch } from "@/lib/audit/audit-search-params";
import { queryAudit } from "@/lib/audit/query-audit";
import { auditMessages } from "@/lib/i18n/messages/audit";
import { getT } from "@/lib/i18n/server";
import { AuditTable } from "./audit-table";

export async function AuditResults({
  actor,
  search,
  pageSize,
}: {
  actor: Actor;
  search: ParsedAuditSearch;
  pageSize: number;
}) {
  const t = await getT(auditMessages);
  const { events, names, nextBefore } = await queryAudit({
    actor,
    filter: search.filter,
    before: search.before,
    pageSize,
  });
  const filtered = Object.values(search.filter).some((v) => v !== undefined);
  const link = (before?: string) => {
    const params = new URLSearchParams(search.query);
    if (before) params.set("before", before);
    return `/audit${params.size ? `?${params}` : ""}`;
  };

  if (events.length === 0) {
    return (
      <div className="mt-6 rounded-md border border-slate-200 bg-white p-4" data-testid="audit-empty">
        <p>{search.before ? t("emptyOlder") : filtered ? t("emptyFiltered") : t("emptyAll")}</p>
        {(search.before || filtered) && (
          <p className="mt-2 flex gap-4 text-sm">
            {search.before && (
              <Link href={link()} className="text-blue-800 hover:underline">
                {t("newest")}
              </Link>
            )}
            {filtered && (
              <Link href="/audit" className="text-blue-800 hover:underline">
                {t("reset")}
              </Link>
            )}
          </p>
        )}
      </div>
    );
  }
  return (
    <>
      <AuditTable events={events} names={names} />
      <nav className="mt-3 flex items-center gap-4 text-sm" aria-label="pagination">
        {search.before && (
          <Link href={link()} className="text-blue-800 hover:underline">
            ← {t("newest")}
          </Link>
        )}
        <span className="text-slate-600">
          {search.before ? t("shownOlder", { n: events.length, seq: search.before }) : t("shown", { n: events.length })}
        </span>
        {nextBefore && (
          <Link href={link(nextBefore)} className="text-blue-800 hover:underline" rel="next">
            {t("older")} →
          </Link>
        )}
      </nav>
    </>
  );
}

export async function AuditResultsLoading() {
  const t = await getT(auditMessages);
  return (
    <div role="status" aria-live="polite" className="mt-4">
      <p className="flex items-center gap-2 text-slate-600">
        <span
          className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700"
          aria-hidden
        />
        {t("loading")}
      </p>
      <div className="mt-3 space-y-2" aria-hidden>
        {Array.from({ length: 6 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders that never move
          <div key={i} className="h-10 animate-pulse rounded bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
