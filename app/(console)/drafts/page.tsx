import Link from "next/link";
import { can } from "@/lib/authz/policy";
import { requirePermission } from "@/lib/dal/actor";
import { APPROVAL_WAIT_ALERT_DAYS } from "@/lib/invoices/approval-wait";
import { DRAFT_FLAGS, LIST_STATES, listDrafts, listDraftsSchema } from "@/lib/invoices/list-drafts";
import { monthStateCounts } from "@/lib/invoices/month-state-counts";
import { chooseMonth } from "@/lib/months/asked-month";
import { formatDecimal } from "@/lib/i18n/format";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import { getLocale, getT } from "@/lib/i18n/server";
import { GenerateDraftsButton } from "@/components/drafts/generate-button";
import { DraftRows } from "@/components/drafts/draft-rows";
import { UnknownMonth } from "@/components/ui/unknown-month";
import { RefreshWhenRestored } from "@/components/ui/refresh-when-restored";
import { cx, formField, filterBar, segment } from "@/components/ui/styles";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { parseSearch } from "@/lib/http/search-params";

export const metadata = { title: "Drafts / 請求書ドラフト" };

export default async function DraftsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("drafts.view");
  const t = await getT(draftsMessages);
  const locale = await getLocale();
  const search = parseSearch(listDraftsSchema, await searchParams);
  if (!search.ok) return <InvalidSearch title={t("title")} invalid={search.invalid} resetHref="/drafts" />;
  const input = search.value;
  // The month's counts by state are read beside the list when the month is named (the usual
  // case: every link names it), after it otherwise.
  let countsRead = input.month ? monthStateCounts(input.month) : null;
  let data = await listDrafts(input);
  // A month the console has nothing for (an old or edited link) shows the newest instead, said.
  const chosen = chooseMonth(input.month, data.months);
  if (chosen.month !== data.month) {
    countsRead?.catch(() => undefined);
    countsRead = null;
    data = await listDrafts({ ...input, month: chosen.month ?? undefined });
  }

  const { month } = data;
  if (!month) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <UnknownMonth asked={chosen.unknown} shown={null} />
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-4">{t("noMonths")}</p>
      </div>
    );
  }

  const counts = await (countsRead ?? monthStateCounts(month));
  const query = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = {
      month,
      status: input.status,
      waiting: input.waiting,
      flag: input.flag,
      q: input.q,
      sort: input.sort,
      dir: input.dir,
      page: input.page,
      ...changes,
    };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== "") next.set(k, String(v));
    return `?${next.toString()}`;
  };
  const sortLink = (column: (typeof input)["sort"], label: string, className = "") => {
    const active = input.sort === column;
    const dir = active && input.dir === "asc" ? "desc" : "asc";
    return (
      <th
        scope="col"
        className={`px-3 py-2 ${className}`}
        aria-sort={active ? (input.dir === "asc" ? "ascending" : "descending") : "none"}
      >
        <Link href={query({ sort: column, dir, page: 1 })} className="hover:underline">
          {label} {active ? (input.dir === "asc" ? "▲" : "▼") : ""}
        </Link>
      </th>
    );
  };
  const from = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const to = Math.min(data.total, data.page * data.pageSize);
  const unassignedProjects = data.unassigned.reduce((s, u) => s + u.projects, 0);
  const exportHref = `/api/drafts/export${query({ page: undefined })}`;

  return (
    <div>
      <RefreshWhenRestored />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-slate-600">{t("intro")}</p>
        </div>
        {can(actor, "drafts.generate") && <GenerateDraftsButton month={month} />}
      </div>
      <UnknownMonth asked={chosen.unknown} shown={month} />

      {unassignedProjects > 0 && (
        <p role="note" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t("unassigned", {
            projects: unassignedProjects,
            amount: data.unassigned.map((u) => formatDecimal(u.net, locale, u.currency)).join(", "),
          })}{" "}
          <Link href={`/usage/unassigned?month=${month}`} className="font-medium underline">
            {t("seeUnassigned")}
          </Link>
        </p>
      )}

      <nav aria-label={t("stateBar", { month })} className="mt-4 flex flex-wrap gap-2" data-testid="state-counts">
        <Link
          href={query({ status: undefined, waiting: undefined, page: 1 })}
          aria-current={!input.status && !input.waiting ? "page" : undefined}
          className={segment(!input.status && !input.waiting ? "current" : "other")}
        >
          {t("allStates")} <span className="num">{Object.values(counts.byState).reduce((a, b) => a + b, 0)}</span>
        </Link>
        {LIST_STATES.map((state) => {
          const current = input.status === state && !input.waiting;
          return (
            <Link
              key={state}
              href={query({ status: state, waiting: undefined, page: 1 })}
              aria-current={current ? "page" : undefined}
              className={cx(
                segment(current ? "current" : "other"),
                state === "REJECTED" && counts.byState.REJECTED > 0 && !current && "border-red-300 text-red-800",
              )}
              data-testid={`state-${state}`}
            >
              {t(`status${state}`)} <span className="num">{counts.byState[state]}</span>
            </Link>
          );
        })}
      </nav>
      {input.waiting && (
        <p role="note" className="mt-3 text-sm text-amber-900">
          {t("waitingFilter", { days: APPROVAL_WAIT_ALERT_DAYS })}{" "}
          <Link href={query({ waiting: undefined, page: 1 })} className="font-medium underline">
            {t("clearWaiting")}
          </Link>
        </p>
      )}

      {/* Keyed by the query: after Reset (or any link) the fields show what the list shows,
          instead of keeping what was typed, which the next Apply would silently send again. */}
      <form key={query({})} method="get" className={`mt-4 items-end ${filterBar}`}>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("month")}</span>
          <select name="month" defaultValue={month} className={formField}>
            {data.months.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("status")}</span>
          <select name="status" defaultValue={input.status ?? ""} className={formField}>
            <option value="">{t("any")}</option>
            {LIST_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`status${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("flag")}</span>
          <select name="flag" defaultValue={input.flag ?? ""} className={formField}>
            <option value="">{t("any")}</option>
            {DRAFT_FLAGS.map((f) => (
              <option key={f} value={f}>
                {t(`flag-${f}`, { share: "30%" })}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("search")}</span>
          <input type="search" name="q" defaultValue={input.q ?? ""} className={`w-56 ${formField}`} />
        </label>
        <input type="hidden" name="sort" value={input.sort} />
        <input type="hidden" name="dir" value={input.dir} />
        {input.waiting && <input type="hidden" name="waiting" value={input.waiting} />}
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-white">
          {t("apply")}
        </button>
        <Link href={`?month=${month}`} className="px-2 py-1.5 text-slate-600 hover:underline">
          {t("reset")}
        </Link>
        <a
          href={exportHref}
          className="ml-auto rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100"
          download
        >
          {t("exportCsv")}
        </a>
      </form>

      {data.total === 0 ? (
        <p className="mt-6 rounded-md border border-slate-200 bg-white p-4">
          {input.status || input.flag || input.q || input.waiting ? t("noRows") : t("noDrafts", { month })}
        </p>
      ) : data.rows.length === 0 ? (
        <p className="mt-6 rounded-md border border-slate-200 bg-white p-4" data-testid="drafts-past-end">
          {t("pastTheEnd", { total: data.total })}{" "}
          <Link href={query({ page: 1 })} className="text-blue-800 hover:underline">
            {t("firstPage")}
          </Link>
        </p>
      ) : (
        <>
          <table className="mt-4 w-full border-collapse bg-white text-sm shadow-sm" data-testid="drafts-table">
            <thead className="bg-slate-100 text-left">
              <tr>
                {sortLink("customer", t("customer"))}
                <th scope="col" className="px-3 py-2">
                  {t("billingGroup")}
                </th>
                {sortLink("status", t("status"))}
                {sortLink("total", t("total"), "text-right")}
                {sortLink("change", t("change"), "text-right")}
                <th scope="col" className="px-3 py-2">
                  {t("flags")}
                </th>
              </tr>
            </thead>
            <DraftRows
              rows={data.rows.map(
                ({
                  id,
                  customerName,
                  customerCode,
                  billingGroup,
                  state,
                  rejectionReason,
                  totalJpy,
                  changeJpy,
                  changeShare,
                  flags,
                }) => ({
                  id,
                  customerName,
                  customerCode,
                  billingGroup,
                  state,
                  rejectionReason,
                  totalJpy,
                  changeJpy,
                  changeShare,
                  flags,
                }),
              )}
            />
          </table>
          <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm">
            <span>{t("showing", { from, to, total: data.total })}</span>
            <span className="flex gap-2">
              {data.page > 1 && (
                <Link
                  className="rounded-md border border-slate-300 bg-white px-3 py-1"
                  href={query({ page: data.page - 1 })}
                >
                  {t("previous")}
                </Link>
              )}
              {to < data.total && (
                <Link
                  className="rounded-md border border-slate-300 bg-white px-3 py-1"
                  href={query({ page: data.page + 1 })}
                >
                  {t("next")}
                </Link>
              )}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
