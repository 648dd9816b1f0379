import { requirePermission } from "@/lib/dal/actor";
import { findCustomersForAdmin } from "@/lib/customers/set-peppol-participant";
import { einvoiceMessages } from "@/lib/i18n/messages/einvoice";
import { getT } from "@/lib/i18n/server";
import { PeppolParticipantForm } from "@/components/admin/peppol-participant-form";
import { DataTable } from "@/components/ui/data-table";
import { formField } from "@/components/ui/styles";

export const metadata = { title: "Customers / 顧客" };

export default async function AdminCustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("admin.customers");
  const t = await getT(einvoiceMessages);
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw.trim().slice(0, 100) : "";
  const customers = await findCustomersForAdmin(q);
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-semibold">{t("customersTitle")}</h1>
      <p className="mt-1 text-slate-600">{t("customersIntro")}</p>
      <form method="get" className="mt-4 flex gap-2">
        <input
          type="search"
          name="q"
          defaultValue={q}
          placeholder={t("searchCustomers")}
          aria-label={t("searchCustomers")}
          className={`w-72 ${formField} text-sm`}
        />
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white">
          {t("find")}
        </button>
      </form>
      {customers.length === 0 ? (
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-4 text-sm">{t("noCustomers")}</p>
      ) : (
        <DataTable
          className="mt-4"
          columns={[{ label: t("customerCode") }, { label: t("customerName") }, { label: t("participant") }]}
        >
          {customers.map((c) => (
            <tr key={c.id} className="border-t border-slate-100 align-top" data-testid={`customer-${c.code}`}>
              <td className="px-3 py-2 font-mono">{c.code}</td>
              <td className="px-3 py-2">
                {c.name}
                <div className="text-xs text-slate-500">
                  {t("registrationNumber")}: {c.registrationNumber ?? t("notSet")}
                </div>
              </td>
              <td className="px-3 py-2">
                <PeppolParticipantForm customerId={c.id} scheme={c.peppolScheme} value={c.peppolId} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
