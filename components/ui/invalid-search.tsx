import Link from "next/link";
import { MAX_SEARCH_LENGTH } from "@/lib/http/search-params";
import { searchMessages } from "@/lib/i18n/messages/search";
import { getT } from "@/lib/i18n/server";

/** A page's query string did not parse (lib/http/search-params.ts): an empty result and why. */
export async function InvalidSearch({
  title,
  invalid,
  resetHref,
}: {
  title: string;
  invalid: string[];
  resetHref: string;
}) {
  const t = await getT(searchMessages);
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div
        role="alert"
        className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900"
        data-testid="invalid-search"
      >
        <p className="font-medium">{t("invalidTitle")}</p>
        <p className="mt-1 text-sm">
          {t("invalidBody", { fields: invalid.map((f) => `“${f}”`).join(", "), max: MAX_SEARCH_LENGTH })}
        </p>
        <Link href={resetHref} className="mt-2 inline-block text-sm font-medium underline">
          {t("startOver")}
        </Link>
      </div>
    </div>
  );
}
