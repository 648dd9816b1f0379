import Link from "next/link";
import { Suspense } from "react";
import { requirePermission } from "@/lib/dal/actor";
import { getT } from "@/lib/i18n/server";
import { adminMessages } from "@/lib/i18n/messages/admin";
import { auditMessages } from "@/lib/i18n/messages/audit";
import { einvoiceMessages } from "@/lib/i18n/messages/einvoice";
import { jobsMessages } from "@/lib/i18n/messages/jobs";
import { ChainStatus, ChainStatusLoading } from "@/components/audit/chain-status";
import { CheckpointStatus, CheckpointStatusLoading } from "@/components/audit/checkpoint-status";
import { panel } from "@/components/ui/styles";

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("admin.view");
  const t = await getT(adminMessages);
  const ta = await getT(auditMessages);
  const te = await getT(einvoiceMessages);
  const tj = await getT(jobsMessages);
  // "Verify again" asks for a fresh walk; the key makes the section suspend (and show that it is verifying) each time.
  const verify = (await searchParams).verifyChain;
  const force = typeof verify === "string" && /^\d{1,15}$/.test(verify);
  const sections = [
    { href: "/admin/users", title: t("users"), description: t("usersDesc") },
    { href: "/admin/assignments", title: t("assignments"), description: t("assignmentsDesc") },
    { href: "/admin/customers", title: te("customersTitle"), description: te("customersDesc") },
    { href: "/admin/fx-rates", title: t("fxRates"), description: t("fxRatesDesc") },
    { href: "/admin/settings", title: t("settings"), description: t("settingsDesc") },
    { href: "/admin/jobs", title: tj("title"), description: tj("intro") },
  ];
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("intro")}</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className={`block h-full ${panel} p-4 hover:border-slate-400`}>
              <div className="font-medium">{s.title}</div>
              <div className="mt-1 text-sm text-slate-600">{s.description}</div>
            </Link>
          </li>
        ))}
      </ul>
      <section className={`mt-8 ${panel} p-4`} aria-labelledby="audit-chain">
        <h2 id="audit-chain" className="text-lg font-semibold">
          {ta("chainTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{ta("chainIntro")}</p>
        <Suspense key={force ? verify : "kept"} fallback={<ChainStatusLoading />}>
          <ChainStatus force={force} verifyAgainHref={`/admin?verifyChain=${Date.now()}#audit-chain`} />
        </Suspense>
        <h3 id="audit-checkpoint" className="mt-6 font-semibold">
          {ta("checkpointTitle")}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{ta("checkpointIntro")}</p>
        <Suspense fallback={<CheckpointStatusLoading />}>
          <CheckpointStatus />
        </Suspense>
      </section>
    </div>
  );
}
