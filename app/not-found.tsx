import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { shellMessages } from "@/lib/i18n/messages/shell";
import { panel } from "@/components/ui/styles";

export default async function NotFound() {
  const t = await getT(shellMessages);
  return (
    <div className={`mx-auto mt-24 max-w-lg ${panel} p-8 text-center`}>
      <h1 className="text-xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("notFoundBody")}</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-slate-900 px-4 py-2 text-white">
        {t("backHome")}
      </Link>
    </div>
  );
}
