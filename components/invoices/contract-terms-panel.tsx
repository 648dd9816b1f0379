// The contract terms an invoice was computed with, beside its lines, so a reviewer can follow
// each amount by hand: markup, operations fee and its minimum, discount, fixed fees, tax, and
// the FX rates of the month. Rates are shown exactly as stored (no float rounding).
import { formatRatePercent, formatYen } from "@/lib/i18n/format";
import { invoiceViewMessages } from "@/lib/i18n/messages/invoice-view";
import { getLocale, getT } from "@/lib/i18n/server";
import { dec } from "@/lib/money/money";
import type { ContractTermsView } from "@/lib/pricing/get-invoice-contract-terms";
import { panel } from "@/components/ui/styles";

const percent = (rate: string) => formatRatePercent(rate);

export async function ContractTermsPanel({
  terms,
  fxRates,
  month,
}: {
  terms: ContractTermsView | null;
  fxRates: Array<{ currency: string; rate: string }>;
  month: string;
}) {
  const t = await getT(invoiceViewMessages);
  const locale = await getLocale();
  const rate = (code: string) => t(`rate_${code as "STANDARD_10"}`);
  const row = (label: string, value: React.ReactNode, testId: string) => (
    <div className="flex flex-wrap justify-between gap-x-4 border-t border-slate-100 py-1.5" data-testid={testId}>
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium">{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="terms-title" className={`mt-6 ${panel} p-4 text-sm`} data-testid="contract-terms">
      <h2 id="terms-title" className="font-semibold">
        {t("termsTitle")}
      </h2>
      {terms ? (
        <>
          <p className="mt-0.5 text-slate-600">
            {terms.toMonth
              ? t("termsContractUntil", { name: terms.name, from: terms.fromMonth, to: terms.toMonth })
              : t("termsContract", { name: terms.name, from: terms.fromMonth })}
          </p>
          <dl className="mt-2 grid gap-x-8 md:grid-cols-2">
            {row(t("termsMarkup"), formatRatePercent(terms.markupRate, true), "terms-markup")}
            {row(
              t("termsOpsFee"),
              dec(terms.opsFeeRate).isZero() && terms.opsFeeMinimumJpy === "0"
                ? t("termsNoneValue")
                : t("termsOpsFeeValue", {
                    rate: percent(terms.opsFeeRate),
                    minimum: formatYen(terms.opsFeeMinimumJpy, locale),
                  }),
              "terms-ops-fee",
            )}
            {row(
              t("termsDiscount"),
              dec(terms.discountRate).isZero()
                ? t("termsNoneValue")
                : t("termsDiscountValue", { rate: percent(terms.discountRate) }),
              "terms-discount",
            )}
            {row(
              t("termsFixedFees"),
              terms.fixedFees.length === 0
                ? t("termsNoneValue")
                : terms.fixedFees.map((f) => `${f.description} ${formatYen(f.amountJpy, locale)}`).join(", "),
              "terms-fixed-fees",
            )}
            {row(
              t("termsTax"),
              t("termsTaxValue", { rate: rate(terms.taxRate), mode: t(`rounding_${terms.taxRounding}`) }),
              "terms-tax",
            )}
            {row(
              t("termsFx", { month }),
              fxRates.length ? fxRates.map((f) => `1 ${f.currency} = ${f.rate} JPY`).join(", ") : t("noFx"),
              "terms-fx",
            )}
          </dl>
          <p className="mt-2 text-xs text-slate-500">{t("termsHow")}</p>
        </>
      ) : (
        <>
          <p className="mt-1 text-slate-600">{t("termsNone")}</p>
          {fxRates.length > 0 && (
            <p className="mt-1">{fxRates.map((f) => `1 ${f.currency} = ${f.rate} JPY`).join(", ")}</p>
          )}
        </>
      )}
    </section>
  );
}
