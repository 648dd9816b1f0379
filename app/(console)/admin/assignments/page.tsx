import Link from "next/link";
import { requirePermission } from "@/lib/dal/actor";
import { listMonths } from "@/lib/invoices/list-drafts";
import { adminMessages } from "@/lib/i18n/messages/admin";
import { assignmentsMessages } from "@/lib/i18n/messages/assignments";
import { getT } from "@/lib/i18n/server";
import {
  findCustomerGroups,
  latestImportedMonth,
  listProjectsForAssignment,
  searchCustomersForAssignment,
} from "@/lib/projects/assign-project";
import { assignmentsSearchSchema } from "@/lib/projects/list-assignable-projects";
import { parseSearch } from "@/lib/http/search-params";
import { CustomerPicker } from "@/components/admin/customer-picker";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { button, choice, cx, formField, panel } from "@/components/ui/styles";

export default async function AssignmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("admin.assignments");
  const [t, ta] = await Promise.all([getT(adminMessages), getT(assignmentsMessages)]);
  const search = parseSearch(assignmentsSearchSchema, await searchParams);
  if (!search.ok)
    return <InvalidSearch title={t("assignments")} invalid={search.invalid} resetHref="/admin/assignments" />;
  const params = search.value;
  // Each value is trimmed and checked by the schema; an empty one is absent.
  const one = (name: keyof typeof params) => params[name] || undefined;
  const q = one("q");
  const [months, imported] = await Promise.all([listMonths(), latestImportedMonth()]);
  // The unassigned list opens on the month just imported (the usage upload links here with it).
  const requested = one("month");
  const month = requested ?? imported ?? months[0] ?? null;
  const cursor = one("before") ? { before: one("before") } : one("after") ? { after: one("after") } : {};
  const list = await listProjectsForAssignment({ q, month, ...cursor });
  const selected = one("project");
  const customerText = one("customer") ?? "";
  const customerId = one("customerId");
  const [found, chosen] = await Promise.all([
    selected && customerText && !customerId
      ? searchCustomersForAssignment(customerText)
      : Promise.resolve({ hits: [], more: false }),
    selected && customerId ? findCustomerGroups(customerId) : Promise.resolve(null),
  ]);
  // What every link of the page keeps: the list (search or month) and the page of it.
  // A search keeps the month it was asked with (the unassigned usage list links to one project so).
  const listParams: Record<string, string> = q
    ? { q, ...(requested && month ? { month } : {}) }
    : month
      ? { month }
      : {};
  const keep: Record<string, string> = { ...listParams };
  for (const [name, value] of Object.entries(cursor)) if (value) keep[name] = value;
  const href = (extra: Record<string, string>) => `?${new URLSearchParams(extra).toString()}`;
  const assigned = one("assigned");

  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-semibold">{t("assignments")}</h1>
      <p className="mt-1 text-slate-600">{t("assignIntro")}</p>
      {assigned && q && (
        <p
          role="status"
          className="mt-4 rounded-md border border-green-200 bg-green-50 px-4 py-2 text-sm text-green-900"
        >
          {t("assigned", {
            project: q,
            customer: assigned.split(":")[0] ?? "",
            month: assigned.split(":")[1] ?? "",
          })}
        </p>
      )}
      <form method="get" className="mt-4 flex gap-2">
        <input
          type="search"
          name="q"
          defaultValue={q ?? ""}
          placeholder={t("searchProjects")}
          aria-label={t("searchProjects")}
          className={cx("w-72 text-sm", formField)}
        />
        <button type="submit" className={button("primary", "sm")}>
          {t("findProjects")}
        </button>
      </form>
      {!q && months.length > 0 && (
        <nav className="mt-4 flex flex-wrap gap-2 text-sm" aria-label={ta("months")}>
          {months.map((m) => (
            <Link
              key={m}
              href={href({ month: m })}
              aria-current={m === month ? "page" : undefined}
              className={cx("px-3 py-1", choice(m === month))}
            >
              {m}
            </Link>
          ))}
        </nav>
      )}
      <h2 className="mt-4 font-medium" data-testid="assignment-list-title">
        {q ? ta("searchResults", { q }) : month ? ta("unassignedIn", { month }) : ta("neverAssigned")}
      </h2>
      <Pager list={list} listParams={listParams} ta={ta} href={href} />
      {list.projects.length === 0 ? (
        <p className="mt-3 rounded-md border border-slate-200 bg-white p-4 text-sm">
          {list.total > 0 ? (
            <>
              {ta("pastEnd", { total: list.total })}{" "}
              <Link href={href(listParams)} className="text-blue-800 underline">
                {ta("firstPage")}
              </Link>
            </>
          ) : (
            t("noProjects")
          )}
        </p>
      ) : (
        <ul className="mt-3 space-y-2">
          {list.projects.map((p) => (
            <li key={p.id} className={`${panel} p-3 text-sm`} data-testid={`project-${p.id}`}>
              <div className="flex items-start justify-between gap-4">
                <div>
                  <div className="font-medium">{p.id}</div>
                  <div className="text-xs text-slate-500">
                    {p.name} · {p.billingAccountId}
                  </div>
                  <div className="mt-1 text-xs">
                    {t("history")}:{" "}
                    {p.history.length === 0
                      ? t("noHistory")
                      : p.history
                          .map(
                            (h) =>
                              `${h.customer} / ${h.billingGroup} (${h.fromMonth} – ${h.toMonth ?? t("openEnded")})`,
                          )
                          .join("; ")}
                  </div>
                </div>
                {selected !== p.id && (
                  <Link
                    href={href({ ...keep, project: p.id })}
                    className={cx("whitespace-nowrap", button("secondary", "sm"))}
                  >
                    {t("assign")}
                  </Link>
                )}
              </div>
              {selected === p.id && (
                <CustomerPicker
                  projectId={p.id}
                  keep={keep}
                  text={customerText}
                  found={found}
                  chosen={chosen}
                  defaultMonth={month ?? ""}
                  t={t}
                  ta={ta}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Where the page is in the list, and the neighbouring pages (keyset cursors). */
function Pager({
  list,
  listParams,
  ta,
  href,
}: {
  list: Awaited<ReturnType<typeof listProjectsForAssignment>>;
  listParams: Record<string, string>;
  ta: Awaited<ReturnType<typeof getT<keyof typeof assignmentsMessages.en>>>;
  href: (extra: Record<string, string>) => string;
}) {
  if (list.total === 0) return null;
  return (
    <nav className="mt-2 flex flex-wrap items-center gap-3 text-sm" aria-label={ta("pages")}>
      <span data-testid="assignment-range">{ta("showing", { from: list.from, to: list.to, total: list.total })}</span>
      {list.previous && (
        <>
          <Link href={href(listParams)} className="text-blue-800 underline">
            {ta("firstPage")}
          </Link>
          <Link href={href({ ...listParams, before: list.previous })} className="text-blue-800 underline">
            ← {ta("previousPage")}
          </Link>
        </>
      )}
      {list.next && (
        <Link href={href({ ...listParams, after: list.next })} className="text-blue-800 underline">
          {ta("nextPage")} →
        </Link>
      )}
    </nav>
  );
}
