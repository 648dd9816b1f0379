import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { shellMessages } from "@/lib/i18n/messages/shell";

export default async function Forbidden() {
  const t = await getT(shellMessages);
  return (
    <div
      className="mx-auto mt-24 max-w-lg rounded-lg border border-red-200 bg-white p-8 text-center shadow-sm"
      role="alert"
    >
      <h1 className="text-xl font-semibold text-red-800">{t("forbiddenTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("forbiddenBody")}</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-slate-900 px-4 py-2 text-white">
        {t("backHome")}
      </Link>
    </div>
  );
}
