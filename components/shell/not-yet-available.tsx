import { getT } from "@/lib/i18n/server";
import { pendingMessages } from "@/lib/i18n/messages/pending";
import { panel } from "@/components/ui/styles";

type Area = "releases" | "lookup" | "access" | "audit" | "settings";

/** Says plainly that a page of the navigation is not built yet (instead of a dead link). */
export async function NotYetAvailable({ area }: { area: Area }) {
  const t = await getT(pendingMessages);
  return (
    <div className={`max-w-2xl ${panel} p-6`}>
      <h1 className="text-xl font-semibold">{t("notYet")}</h1>
      <p className="mt-2 text-slate-700">{t("body", { area: t(area) })}</p>
    </div>
  );
}
