import Link from "next/link";
import { requirePermission } from "@/lib/dal/actor";
import { getT } from "@/lib/i18n/server";
import { adminMessages } from "@/lib/i18n/messages/admin";

export default async function AdminPage() {
  await requirePermission("admin.view");
  const t = await getT(adminMessages);
  const sections = [
    { href: "/admin/users", title: t("users"), description: t("usersDesc") },
    { href: "/admin/assignments", title: t("assignments"), description: t("assignmentsDesc") },
    { href: "/admin/fx-rates", title: t("fxRates"), description: t("fxRatesDesc") },
    { href: "/admin/settings", title: t("settings"), description: t("settingsDesc") },
  ];
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("intro")}</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400">
              <div className="font-medium">{s.title}</div>
              <div className="mt-1 text-sm text-slate-600">{s.description}</div>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
