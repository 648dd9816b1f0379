"use client";
// The admin's settings form: one save for the gate threshold, the invoice numbers and the
// issuer. Validated on the server (field errors shown next to each field, nothing saved on
// error); the values typed stay in the form when a save is refused.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateSettingsAction } from "@/app/(console)/admin/settings/actions";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatYen } from "@/lib/i18n/format";
import { settingsMessages } from "@/lib/i18n/messages/settings";
import { cx, formField, panel } from "@/components/ui/styles";

const settingField = `${formField} aria-[invalid=true]:border-red-600`;

export type SettingsFormValues = {
  twoApproverThresholdJpy: string;
  invoiceNumberPrefix: string;
  fiscalYearStartMonth: string;
  issuerName: string;
  issuerNameLatin: string;
  issuerRegistrationNumber: string;
  issuerPostalCode: string;
  issuerAddress: string;
  issuerPhone: string;
  issuerBank: string;
};
type Field = keyof SettingsFormValues;
type Key = keyof (typeof settingsMessages)["en"];

export function SettingsForm({ initial, issuerComplete }: { initial: SettingsFormValues; issuerComplete: boolean }) {
  const t = useT(settingsMessages);
  const locale = useLocale();
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const mutation = useMutation({
    mutationFn: () => updateSettingsAction(form),
    onSuccess: (result) => {
      if (result.ok && result.data.changed.length) router.refresh();
    },
  });
  const result = mutation.data;
  // Server messages are keys of settingsMessages; anything else is shown as it came.
  const tr = (message: string) => t(message as Key);
  const error = (name: Field) => (result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined);
  const fiscalError = error("fiscalYearStartMonth");
  const digits = form.twoApproverThresholdJpy.replace(/[\s,_]/g, "");
  const thresholdPreview = /^\d{1,15}$/.test(digits) ? formatYen(digits, locale) : "—";
  const year = new Date().getFullYear();
  const monthName = (n: number) =>
    new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2000, n - 1, 1)),
    );

  const LABELS: Record<Exclude<Field, "fiscalYearStartMonth">, Key> = {
    twoApproverThresholdJpy: "threshold",
    invoiceNumberPrefix: "prefix",
    issuerName: "issuerName",
    issuerNameLatin: "issuerNameLatin",
    issuerRegistrationNumber: "issuerRegistrationNumber",
    issuerPostalCode: "issuerPostalCode",
    issuerAddress: "issuerAddress",
    issuerPhone: "issuerPhone",
    issuerBank: "issuerBank",
  };
  const input = (
    name: Exclude<Field, "fiscalYearStartMonth">,
    props: React.InputHTMLAttributes<HTMLInputElement> & { help?: string; optional?: boolean } = {},
  ) => {
    const { help, optional, className, ...rest } = props;
    const id = `setting-${name}`;
    const message = error(name);
    return (
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={id} className="font-medium">
          {t(LABELS[name])}
          {optional && <span className="ml-1 font-normal text-slate-500">({t("optional")})</span>}
        </label>
        <input
          id={id}
          name={name}
          value={form[name]}
          onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
          aria-invalid={Boolean(message)}
          aria-describedby={`${id}-help ${id}-error`}
          className={cx(settingField, className)}
          {...rest}
        />
        {help && (
          <span id={`${id}-help`} className="text-xs text-slate-500">
            {help}
          </span>
        )}
        {message && (
          <span id={`${id}-error`} className="text-xs text-red-700">
            {tr(message)}
          </span>
        )}
      </div>
    );
  };

  return (
    <form
      className="mt-6 space-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      <fieldset className={`${panel} p-4`}>
        <legend className="px-1 text-base font-semibold">{t("gate")}</legend>
        <div className="grid gap-4 md:grid-cols-2">
          {input("twoApproverThresholdJpy", {
            inputMode: "numeric",
            autoComplete: "off",
            required: true,
            help: t("thresholdHelp", { amount: thresholdPreview }),
          })}
        </div>
        <p className="mt-2 text-xs text-slate-600">{t("thresholdNote")}</p>
      </fieldset>

      <fieldset className={`${panel} p-4`}>
        <legend className="px-1 text-base font-semibold">{t("numbers")}</legend>
        <div className="grid gap-4 md:grid-cols-2">
          {input("invoiceNumberPrefix", {
            required: true,
            maxLength: 10,
            autoComplete: "off",
            help: t("prefixHelp", { example: `${form.invoiceNumberPrefix || "INV"}-${year}-000001` }),
          })}
          <div className="flex flex-col gap-1 text-sm">
            <label htmlFor="setting-fiscalYearStartMonth" className="font-medium">
              {t("fiscalYearStartMonth")}
            </label>
            <select
              id="setting-fiscalYearStartMonth"
              name="fiscalYearStartMonth"
              value={form.fiscalYearStartMonth}
              onChange={(e) => setForm((f) => ({ ...f, fiscalYearStartMonth: e.target.value }))}
              aria-invalid={Boolean(fiscalError)}
              className={settingField}
            >
              {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={String(n)}>
                  {monthName(n)}
                </option>
              ))}
            </select>
            <span className="text-xs text-slate-500">{t("fiscalHelp")}</span>
            {fiscalError && <span className="text-xs text-red-700">{tr(fiscalError)}</span>}
          </div>
        </div>
      </fieldset>

      <fieldset className={`${panel} p-4`}>
        <legend className="px-1 text-base font-semibold">{t("issuer")}</legend>
        <p className="text-xs text-slate-600">{t("issuerHelp")}</p>
        {!issuerComplete && (
          <p
            role="note"
            className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            {t("issuerIncomplete")}
          </p>
        )}
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          {input("issuerName", { required: true })}
          {input("issuerNameLatin", { optional: true })}
          {input("issuerRegistrationNumber", {
            required: true,
            autoComplete: "off",
            help: t("registrationHelp"),
            className: "font-mono",
          })}
          {input("issuerPostalCode", { optional: true })}
          <div className="md:col-span-2">{input("issuerAddress", { required: true })}</div>
          {input("issuerPhone", { optional: true, type: "tel" })}
          <div className="md:col-span-2">{input("issuerBank", { required: true, help: t("bankHelp") })}</div>
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={mutation.isPending}
          className="rounded-md bg-slate-900 px-5 py-2 text-white disabled:opacity-60"
        >
          {mutation.isPending ? t("saving") : t("save")}
        </button>
        {result && (
          <p
            role={result.ok ? "status" : "alert"}
            className={`text-sm ${result.ok ? "text-green-700" : "text-red-700"}`}
            data-testid="settings-result"
          >
            {result.ok
              ? result.data.changed.length
                ? t("saved", {
                    keys: result.data.changed.map((k) => t(`key_${k.replace(/\./g, "_")}` as Key)).join(", "),
                  })
                : t("unchanged")
              : result.code === "INVALID_INPUT"
                ? t("fixErrors")
                : result.message}
          </p>
        )}
      </div>
    </form>
  );
}
