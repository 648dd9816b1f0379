import Link from "next/link";
import { can } from "@/lib/authz/policy";
import { requirePermission } from "@/lib/dal/actor";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import { releasesMessages } from "@/lib/i18n/messages/releases";
import { getLocale, getT } from "@/lib/i18n/server";
import { listMonths } from "@/lib/invoices/list-drafts";
import { chooseMonth } from "@/lib/months/asked-month";
import { listReadyToRelease } from "@/lib/release/list-ready-to-release";
import { listReleases, releasesQuerySchema } from "@/lib/release/list-releases";
import { DeliveryStatus, RefreshWhilePending } from "@/components/releases/delivery-status";
import { ReadyToReleaseTable } from "@/components/releases/ready-to-release-table";
import { DataTable } from "@/components/ui/data-table";
import { UnknownMonth } from "@/components/ui/unknown-month";
import { RefreshWhenRestored } from "@/components/ui/refresh-when-restored";
import { einvoiceMessages } from "@/lib/i18n/messages/einvoice";
import { badge, button, formField, segment } from "@/components/ui/styles";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { parseSearch } from "@/lib/http/search-params";

export const metadata = { title: "Releases / 発行" };

export default async function ReleasesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("releases.view");
  const t = await getT(releasesMessages);
  const te = await getT(einvoiceMessages);
  const locale = await getLocale();
  const search = parseSearch(releasesQuerySchema, await searchParams);
  if (!search.ok) return <InvalidSearch title={t("title")} invalid={search.invalid} resetHref="/releases" />;
  const query = search.value;
  const ready = query.show === "ready";
  // The ready-to-release tab and the released tabs read different lists; both need the months.
  const read = () =>
    Promise.all([
      ready ? null : listReleases(query),
      ready ? listReadyToRelease({ month: query.month, after: query.after, before: query.before }) : null,
    ]);
  let [months, [data, readyData]] = await Promise.all([listMonths(), read()]);
  // A month filter the console has no month for (an old or edited link) shows every month, said.
  const unknownMonth = query.month ? chooseMonth(query.month, months).unknown : null;
  if (unknownMonth !== null && query.month !== undefined) {
    query.month = undefined;
    query.page = 1;
    [data, readyData] = await read();
  }
  const canRetry = can(actor, "delivery.retry");
  const href = (changes: Partial<typeof query>) => {
    const next = { ...query, ...changes };
    const params = new URLSearchParams();
    if (next.show !== "all") params.set("show", next.show);
    if (next.month) params.set("month", next.month);
    if (next.q && next.show !== "ready") params.set("q", next.q);
    if (next.page > 1) params.set("page", String(next.page));
    return `/releases${params.size ? `?${params}` : ""}`;
  };
  const tab = (show: typeof query.show, label: string) => (
    <Link
      href={href({ show, page: 1 })}
      aria-current={query.show === show ? "page" : undefined}
      className={segment(query.show === show ? "current" : "other")}
      data-testid={`tab-${show}`}
    >
      {label}
    </Link>
  );
  const pending = data?.rows.some((r) => r.deliveries.some((d) => d.status === "PENDING")) ?? false;
  const pages = data?.pages ?? 1;
  const total = data?.total ?? 0;
  // The ready tab pages by keyset cursors (lib/release/list-ready-to-release.ts).
  const readyHref = (cursor: { after?: string; before?: string }) => {
    const params = new URLSearchParams({ show: "ready" });
    if (query.month) params.set("month", query.month);
    if (cursor.after) params.set("after", cursor.after);
    if (cursor.before) params.set("before", cursor.before);
    return `/releases?${params}`;
  };

  return (
    <div>
      <RefreshWhenRestored />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 max-w-4xl text-slate-600">{ready ? t("readyIntro") : t("intro")}</p>
      <nav className="mt-4 flex flex-wrap items-center gap-2" aria-label={t("title")}>
        {tab("ready", t("showReady"))}
        {tab("all", t("showAll"))}
        {tab("problems", t("showProblems"))}
        {tab("failed", t("showFailed"))}
      </nav>
      <UnknownMonth asked={unknownMonth} shown="all" />
      <div className="mt-3 flex flex-wrap items-end gap-3">
        {/* Keyed by the query, so the fields always show what the list shows. */}
        <form key={href({})} className="flex flex-wrap items-end gap-2 text-sm" action="/releases">
          {query.show !== "all" && <input type="hidden" name="show" value={query.show} />}
          <label className="flex flex-col gap-1">
            <span className="font-medium">{t("monthFilter")}</span>
            <select name="month" defaultValue={query.month ?? ""} className={formField}>
              <option value="">{t("allMonths")}</option>
              {months.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          {!ready && (
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t("search")}</span>
              <input id="release-search" name="q" defaultValue={query.q} className={formField} />
            </label>
          )}
          <button type="submit" className={button("secondary", "sm")}>
            {t("filter")}
          </button>
        </form>
        {data && (
          <span className="text-sm text-slate-600" data-testid="delivery-counts">
            {t("countSent", { n: data.counts.SENT ?? 0 })} · {t("countPending", { n: data.counts.PENDING ?? 0 })} ·{" "}
            <span className={data.counts.FAILED ? "font-medium text-red-800" : ""}>
              {t("countFailed", { n: data.counts.FAILED ?? 0 })}
            </span>
          </span>
        )}
      </div>
      <RefreshWhilePending active={pending} />

      {readyData ? (
        <ReadyToReleaseTable rows={readyData.rows} canRelease={can(actor, "invoice.release")} />
      ) : !data || data.rows.length === 0 ? (
        <p className="mt-6 rounded-md border border-slate-200 bg-white p-4">
          {query.show === "problems" ? t("emptyProblems") : query.show === "failed" ? t("emptyFailed") : t("empty")}
        </p>
      ) : (
        <DataTable
          className="mt-4"
          columns={[
            { label: t("number") },
            { label: t("customer") },
            { label: t("month") },
            { label: t("total"), numeric: true },
            { label: t("releasedAt") },
            { label: t("deliveries") },
            { label: t("pdf") },
            { label: te("xml") },
          ]}
        >
          {data.rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="release-row">
              <td className="px-3 py-2">
                <Link href={`/invoices/${r.id}`} className="font-mono text-blue-800 hover:underline">
                  {r.number}
                </Link>
                {r.kind !== "INVOICE" && (
                  <span className={`ml-2 ${badge} bg-purple-100 text-purple-900`}>{t(`kind_${r.kind}`)}</span>
                )}
                {r.status === "VOIDED" && <span className={`ml-2 ${badge} bg-slate-200`}>{t("kind_VOID")}</span>}
              </td>
              <td className="px-3 py-2">
                {r.customer.name}
                <div className="text-xs text-slate-500">{r.customer.code}</div>
              </td>
              <td className="px-3 py-2">{r.month}</td>
              <td className="num px-3 py-2">{formatYen(r.totalJpy, locale)}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {r.releasedAt ? formatDateTime(r.releasedAt, locale) : "—"}
              </td>
              <td className="px-3 py-2">
                <DeliveryStatus deliveries={r.deliveries} canRetry={canRetry} compact />
              </td>
              <td className="px-3 py-2">
                <a href={`/api/invoices/${r.id}/pdf`} className="text-blue-800 hover:underline">
                  {t("pdf")}
                </a>
              </td>
              <td className="px-3 py-2">
                <a
                  href={`/api/invoices/${r.id}/einvoice`}
                  className="text-blue-800 hover:underline"
                  aria-label={`${te("download")} ${r.number}`}
                >
                  {te("xml")}
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {readyData && readyData.total > 0 && (
        <nav className="mt-3 flex items-center gap-3 text-sm" aria-label="pagination">
          {readyData.previous && (
            <>
              <Link href={readyHref({})} className="hover:underline">
                « {t("first")}
              </Link>
              <Link href={readyHref({ before: readyData.previous })} className="hover:underline">
                ← {t("previous")}
              </Link>
            </>
          )}
          <span>{t("readyTotal", { total: readyData.total })}</span>
          {readyData.next && (
            <Link href={readyHref({ after: readyData.next })} className="hover:underline">
              {t("next")} →
            </Link>
          )}
        </nav>
      )}
      {total > 0 && (
        <nav className="mt-3 flex items-center gap-3 text-sm" aria-label="pagination">
          {query.page > 1 && (
            <Link href={href({ page: query.page - 1 })} className="hover:underline">
              ← {t("previous")}
            </Link>
          )}
          <span>{t("pageOf", { page: query.page, pages, total })}</span>
          {query.page < pages && (
            <Link href={href({ page: query.page + 1 })} className="hover:underline">
              {t("next")} →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
