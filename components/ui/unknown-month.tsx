// Said at the top of a page whose address named a month it has nothing for: which month was
// asked for, and which one is shown instead (see lib/months/asked-month.ts).
import { shellMessages } from "@/lib/i18n/messages/shell";
import { getT } from "@/lib/i18n/server";

export async function UnknownMonth({
  asked,
  shown,
  className = "mt-4",
}: {
  asked: string | null;
  /** The month shown instead, "all" when the page shows every month, null when it has none. */
  shown: string | null | "all";
  className?: string;
}) {
  if (!asked) return null;
  const t = await getT(shellMessages);
  const text =
    shown === "all"
      ? t("unknownMonthAll", { asked })
      : shown
        ? t("unknownMonth", { asked, month: shown })
        : t("unknownMonthNone", { asked });
  return (
    <p
      role="status"
      data-testid="unknown-month"
      className={`${className} rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900`}
    >
      {text}
    </p>
  );
}
