import Link from "next/link";
import { can } from "@/lib/authz/policy";
import { requirePermission } from "@/lib/dal/actor";
import { DRAFT_FLAGS, listDrafts, listDraftsSchema } from "@/lib/invoices/list-drafts";
import { formatDecimal } from "@/lib/i18n/format";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import { getLocale, getT } from "@/lib/i18n/server";
import { GenerateDraftsButton } from "@/components/drafts/generate-button";
import { DraftRows } from "@/components/drafts/draft-rows";
import { formField, filterBar } from "@/components/ui/styles";

export const metadata = { title: "Drafts / 請求書ドラフト" };

const STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "RELEASED", "VOIDED"] as const;

export default async function DraftsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requirePermission("drafts.view");
  const t = await getT(draftsMessages);
  const locale = await getLocale();
  const params = await searchParams;
  const input = listDraftsSchema.parse(params);
  const data = await listDrafts(input);

  const { month } = data;
  if (!month) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-4">{t("noMonths")}</p>
      </div>
    );
  }

  const query = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = {
      month,
      status: input.status,
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
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-slate-600">{t("intro")}</p>
        </div>
        {can(actor, "drafts.generate") && <GenerateDraftsButton month={month} />}
      </div>

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

      <form method="get" className={`mt-6 items-end ${filterBar}`}>
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
            {STATUSES.map((s) => (
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
          {input.status || input.flag || input.q ? t("noRows") : t("noDrafts", { month })}
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
                  status,
                  totalJpy,
                  changeJpy,
                  changeShare,
                  flags,
                }) => ({
                  id,
                  customerName,
                  customerCode,
                  billingGroup,
                  status,
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
