import Link from "next/link";
import { requirePermission } from "@/lib/dal/actor";
import { listMonths } from "@/lib/invoices/list-drafts";
import { adminMessages } from "@/lib/i18n/messages/admin";
import { getT } from "@/lib/i18n/server";
import { findCustomerGroups, listProjectsForAssignment } from "@/lib/projects/assign-project";
import { AssignForm } from "@/components/admin/assign-form";
import { formField, panel } from "@/components/ui/styles";

export default async function AssignmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("admin.assignments");
  const t = await getT(adminMessages);
  const params = await searchParams;
  const q = params.q?.trim() || undefined;
  const projects = await listProjectsForAssignment(q);
  const selected = params.project;
  const customer = selected && params.customer ? await findCustomerGroups(params.customer.trim()) : null;
  const defaultMonth = (await listMonths())[0] ?? "";
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-semibold">{t("assignments")}</h1>
      <p className="mt-1 text-slate-600">{t("assignIntro")}</p>
      {params.assigned && q && (
        <p
          role="status"
          className="mt-4 rounded-md border border-green-200 bg-green-50 px-4 py-2 text-sm text-green-900"
        >
          {t("assigned", {
            project: q,
            customer: params.assigned.split(":")[0] ?? "",
            month: params.assigned.split(":")[1] ?? "",
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
          className={`w-72 ${formField} text-sm`}
        />
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white">
          {t("findProjects")}
        </button>
      </form>
      {!q && <h2 className="mt-4 font-medium">{t("unassignedOnly")}</h2>}
      {projects.length === 0 ? (
        <p className="mt-3 rounded-md border border-slate-200 bg-white p-4 text-sm">{t("noProjects")}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {projects.map((p) => (
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
                    href={`?${new URLSearchParams({ ...(q ? { q } : {}), project: p.id }).toString()}`}
                    className="whitespace-nowrap rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100"
                  >
                    {t("assign")}
                  </Link>
                )}
              </div>
              {selected === p.id && (
                <div className="mt-3 border-t border-slate-100 pt-3">
                  <form method="get" className="flex items-end gap-2">
                    {q && <input type="hidden" name="q" value={q} />}
                    <input type="hidden" name="project" value={p.id} />
                    <label className="flex flex-col gap-1">
                      <span className="font-medium">{t("customerCode")}</span>
                      <input
                        name="customer"
                        defaultValue={params.customer ?? ""}
                        placeholder="C00012"
                        className={`w-32 ${formField}`}
                      />
                    </label>
                    <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5">
                      {t("findCustomer")}
                    </button>
                  </form>
                  {params.customer && !customer && (
                    <p className="mt-2 text-red-700">{t("noCustomer", { code: params.customer })}</p>
                  )}
                  {customer && (
                    <>
                      <p className="mt-2">
                        {customer.code} {customer.name}
                      </p>
                      <AssignForm
                        projectId={p.id}
                        customer={{ code: customer.code, name: customer.name, groups: customer.billingGroups }}
                        defaultMonth={defaultMonth}
                      />
                    </>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
