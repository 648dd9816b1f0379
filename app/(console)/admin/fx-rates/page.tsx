import { requirePermission } from "@/lib/dal/actor";
import { listFxRates } from "@/lib/fx/set-fx-rate";
import { getT } from "@/lib/i18n/server";
import { adminMessages } from "@/lib/i18n/messages/admin";
import { FxRateForm } from "@/components/admin/fx-rate-form";
import { panel } from "@/components/ui/styles";

export default async function FxRatesPage() {
  await requirePermission("admin.fxRates");
  const t = await getT(adminMessages);
  const rates = await listFxRates();
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">{t("fxRates")}</h1>
      <p className="mt-2 text-slate-600">{t("fxRatesDesc")}</p>
      <div className={`mt-6 ${panel} p-4`}>
        <FxRateForm />
      </div>
      {rates.length === 0 ? (
        <p className="mt-6 rounded-md border border-slate-200 bg-white p-4">{t("noRates")}</p>
      ) : (
        <table className="mt-6 w-full bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2">{t("month")}</th>
              <th className="px-3 py-2">{t("currency")}</th>
              <th className="px-3 py-2 text-right">{t("rate")}</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((r) => (
              <tr key={`${r.month}-${r.fromCurrency}`} className="border-t border-slate-100">
                <td className="px-3 py-2">{r.month}</td>
                <td className="px-3 py-2">
                  {r.fromCurrency} → {r.toCurrency}
                </td>
                <td className="num px-3 py-2">{r.rate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
