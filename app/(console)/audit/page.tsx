// The audit log for admins and managers: filter, page back in time, export, and open an
// invoice's story. Every view is itself recorded (queryAudit writes "audit.read").
// Authorization runs before anything streams (so a refusal is a real 403); the results then
// stream in behind a loading state.
import { Suspense } from "react";
import { requirePermission } from "@/lib/dal/actor";
import { auditQueryTextSchema, parseAuditSearchParams } from "@/lib/audit/audit-search-params";
import { parseSearch } from "@/lib/http/search-params";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { auditMessages } from "@/lib/i18n/messages/audit";
import { getT } from "@/lib/i18n/server";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditResults, AuditResultsLoading } from "@/components/audit/audit-results";

export const metadata = { title: "Audit log / 監査ログ" };

const PAGE_SIZE = 50;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("audit.view");
  const t = await getT(auditMessages);
  const raw = await searchParams;
  const text = parseSearch(auditQueryTextSchema, raw);
  if (!text.ok) return <InvalidSearch title={t("title")} invalid={text.invalid} resetHref="/audit" />;
  const search = parseAuditSearchParams(raw);
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 max-w-4xl text-slate-600">{t("intro")}</p>
      <AuditFilterForm search={search} />
      <Suspense key={`${search.query}|${search.before ?? ""}`} fallback={<AuditResultsLoading />}>
        <AuditResults actor={actor} search={search} pageSize={PAGE_SIZE} />
      </Suspense>
    </div>
  );
}
