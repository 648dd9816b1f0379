// The audit log for admins and managers: filter, page back in time, export, and open an
// invoice's story. Every view is itself recorded (queryAudit writes "audit.read").
import Link from "next/link";
import { requirePermission } from "@/lib/dal/actor";
import { parseAuditSearchParams } from "@/lib/audit/audit-search-params";
import { queryAudit } from "@/lib/audit/query-audit";
import { auditMessages } from "@/lib/i18n/messages/audit";
import { getT } from "@/lib/i18n/server";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";

export const metadata = { title: "Audit log / 監査ログ" };

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("audit.view");
  const t = await getT(auditMessages);
  const search = parseAuditSearchParams(await searchParams);
  const { events, nextBefore } = await queryAudit({ actor, filter: search.filter, before: search.before, pageSize: PAGE_SIZE });
  const filtered = Object.values(search.filter).some((v) => v !== undefined);
  const link = (before?: string) => {
    const params = new URLSearchParams(search.query);
    if (before) params.set("before", before);
    return `/audit${params.size ? `?${params}` : ""}`;
  };

  return (
    <div>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 max-w-4xl text-slate-600">{t("intro")}</p>
      <AuditFilterForm search={search} />

      {events.length === 0 ? (
        <div className="mt-6 rounded-md border border-slate-200 bg-white p-4" data-testid="audit-empty">
          <p>{search.before ? t("emptyOlder") : filtered ? t("emptyFiltered") : t("emptyAll")}</p>
          {(search.before || filtered) && (
            <p className="mt-2 flex gap-4 text-sm">
              {search.before && <Link href={link()} className="text-blue-800 hover:underline">{t("newest")}</Link>}
              {filtered && <Link href="/audit" className="text-blue-800 hover:underline">{t("reset")}</Link>}
            </p>
          )}
        </div>
      ) : (
        <>
          <AuditTable events={events} />
          <nav className="mt-3 flex items-center gap-4 text-sm" aria-label="pagination">
            {search.before && <Link href={link()} className="text-blue-800 hover:underline">← {t("newest")}</Link>}
            <span className="text-slate-600">{search.before ? t("shownOlder", { n: events.length, seq: search.before }) : t("shown", { n: events.length })}</span>
            {nextBefore && (
              <Link href={link(nextBefore)} className="text-blue-800 hover:underline" rel="next">
                {t("older")} →
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
