// The assignments page's customer choice for one project: search customers by name, kana or
// code (a plain GET form, as the lookup finds them), choose one, then its billing groups and
// the month in the assign form.
import Link from "next/link";
import { AssignForm } from "@/components/admin/assign-form";
import { button, cx, formField } from "@/components/ui/styles";
import type { Translate } from "@/lib/i18n/define";
import type { assignmentsMessages } from "@/lib/i18n/messages/assignments";
import type { adminMessages } from "@/lib/i18n/messages/admin";
import type { findCustomerGroups, searchCustomersForAssignment } from "@/lib/projects/assign-project";

type AdminKey = keyof typeof adminMessages.en;
type AssignmentsKey = keyof typeof assignmentsMessages.en;

export function CustomerPicker({
  projectId,
  keep,
  text,
  found,
  chosen,
  defaultMonth,
  t,
  ta,
}: {
  projectId: string;
  /** The page's own parameters (list, month, cursor) that every link and form keeps. */
  keep: Record<string, string>;
  text: string;
  found: Awaited<ReturnType<typeof searchCustomersForAssignment>>;
  chosen: Awaited<ReturnType<typeof findCustomerGroups>>;
  defaultMonth: string;
  t: Translate<AdminKey>;
  ta: Translate<AssignmentsKey>;
}) {
  const href = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...keep, project: projectId, ...extra }).toString()}`;
  return (
    <div className="mt-3 border-t border-slate-100 pt-3">
      <form method="get" className="flex flex-wrap items-end gap-2">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="project" value={projectId} />
        <label className="flex flex-col gap-1">
          <span className="font-medium">{ta("customer")}</span>
          <input
            type="search"
            name="customer"
            defaultValue={text}
            placeholder={ta("customerPlaceholder")}
            className={cx("w-64", formField)}
          />
        </label>
        <button type="submit" className={button("secondary", "sm")}>
          {t("findCustomer")}
        </button>
      </form>
      {text && !chosen && found.hits.length === 0 && (
        <p className="mt-2 text-red-700">{ta("noCustomerMatch", { text })}</p>
      )}
      {!chosen && found.hits.length > 0 && (
        <ul className="mt-2 divide-y divide-slate-100" data-testid="customer-matches">
          {found.hits.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-3 py-1.5">
              <span>
                <span className="font-mono">{c.code}</span> {c.name}
                <span className="ml-2 text-xs text-slate-500">{c.nameKana}</span>
              </span>
              <Link href={href({ customer: text, customerId: c.id })} className={button("secondary", "xs")}>
                {ta("choose")}
                <span className="sr-only"> {c.code}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {!chosen && found.more && <p className="mt-1 text-xs text-slate-600">{ta("moreCustomers")}</p>}
      {chosen && (
        <div className="mt-2">
          <p>
            {ta("chosen", { code: chosen.code, name: chosen.name })}{" "}
            <Link href={href({ customer: text })} className="text-blue-800 underline">
              {ta("otherCustomer")}
            </Link>
          </p>
          <AssignForm
            projectId={projectId}
            customer={{ code: chosen.code, name: chosen.name, groups: chosen.billingGroups }}
            defaultMonth={defaultMonth}
          />
        </div>
      )}
    </div>
  );
}
