import Link from "next/link";
import { SettingsForm } from "@/components/admin/settings-form";
import { requirePermission } from "@/lib/dal/actor";
import { formatDateTime } from "@/lib/i18n/format";
import { settingsMessages } from "@/lib/i18n/messages/settings";
import { getLocale, getT } from "@/lib/i18n/server";
import { readSettings } from "@/lib/settings/update-settings";

export const metadata = { title: "Settings / 設定" };

export default async function SettingsPage() {
  await requirePermission("admin.settings");
  const t = await getT(settingsMessages);
  const locale = await getLocale();
  const settings = await readSettings();
  const issuer = settings.issuer ?? settings.issuerDraft;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return (
    <div className="max-w-4xl">
      <div className="text-sm text-slate-500">
        <Link href="/admin" className="hover:underline">
          {t("admin")}
        </Link>{" "}
        / {t("title")}
      </div>
      <h1 className="mt-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-slate-600">{t("intro")}</p>
      {settings.updatedAt && (
        <p className="mt-1 text-xs text-slate-500">
          {t("lastUpdated", { when: formatDateTime(settings.updatedAt, locale) })}
        </p>
      )}
      <SettingsForm
        issuerComplete={settings.issuer !== null}
        initial={{
          twoApproverThresholdJpy: settings.twoApproverThresholdJpy,
          invoiceNumberPrefix: settings.invoiceNumberPrefix,
          fiscalYearStartMonth: String(settings.fiscalYearStartMonth),
          issuerName: text(issuer.name),
          issuerNameLatin: text(issuer.nameLatin),
          issuerRegistrationNumber: text(issuer.registrationNumber),
          issuerPostalCode: text(issuer.postalCode),
          issuerAddress: text(issuer.address),
          issuerPhone: text(issuer.phone),
          issuerBank: text(issuer.bank),
        }}
      />
    </div>
  );
}
