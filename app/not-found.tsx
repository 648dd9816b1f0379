import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { shellMessages } from "@/lib/i18n/messages/shell";

export default async function NotFound() {
  const t = await getT(shellMessages);
  return (
    <div className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("notFoundBody")}</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-slate-900 px-4 py-2 text-white">
        {t("backHome")}
      </Link>
    </div>
  );
}
