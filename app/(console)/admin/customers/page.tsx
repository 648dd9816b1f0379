import { requirePermission } from "@/lib/dal/actor";
import { adminCustomersSearchSchema, findCustomersForAdmin } from "@/lib/customers/set-peppol-participant";
import { parseSearch } from "@/lib/http/search-params";
import type { Translate } from "@/lib/i18n/define";
import { type ContractMessageKey, contractMessages } from "@/lib/i18n/messages/contracts";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { einvoiceMessages } from "@/lib/i18n/messages/einvoice";
import { getT } from "@/lib/i18n/server";
import { type ContractFeeGroupChoice, listContractFeeGroups } from "@/lib/pricing/set-contract-fee-group";
import { ContractFeeGroupForm } from "@/components/admin/contract-fee-group-form";
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
  const search = parseSearch(adminCustomersSearchSchema, await searchParams);
  if (!search.ok)
    return <InvalidSearch title={t("customersTitle")} invalid={search.invalid} resetHref="/admin/customers" />;
  const q = search.value.q ?? "";
  const customers = await findCustomersForAdmin(q);
  const [contracts, tc] = await Promise.all([
    listContractFeeGroups(customers.map((c) => c.id)),
    getT(contractMessages),
  ]);
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
          columns={[
            { label: t("customerCode") },
            { label: t("customerName") },
            { label: t("participant") },
            { label: tc("feeGroup") },
          ]}
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
              <td className="px-3 py-2" data-testid={`fee-group-${c.code}`}>
                <ContractFeeGroupCell contract={contracts.get(c.id)} t={tc} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="mt-3 text-xs text-slate-600">
        <span className="font-medium">{tc("feeGroup")}:</span> {tc("feeGroupHelp")}
      </p>
    </div>
  );
}

function ContractFeeGroupCell({
  contract,
  t,
}: {
  contract: ContractFeeGroupChoice | undefined;
  t: Translate<ContractMessageKey>;
}) {
  if (!contract) return <span className="text-slate-500">{t("noContract")}</span>;
  return (
    <>
      <div className="mb-1 text-xs text-slate-500">
        {t("contractOf", { name: contract.contractName, month: contract.fromMonth })}
      </div>
      {contract.groups.length > 1 || contract.feeGroupId ? (
        <ContractFeeGroupForm
          contractId={contract.contractId}
          feeGroupId={contract.feeGroupId}
          groups={contract.groups}
        />
      ) : (
        <span className="text-xs text-slate-600">{t("oneGroup")}</span>
      )}
    </>
  );
}
