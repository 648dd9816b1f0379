// One kind of search result (customers, projects, billing accounts, invoices) with its count.
// An empty kind stays visible as one muted line, so "no projects matched" is said, not implied.
import { getT } from "@/lib/i18n/server";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { countBadge, cx, panel } from "@/components/ui/styles";

export async function ResultGroup({
  kind,
  title,
  count,
  more,
  children,
}: {
  kind: string;
  title: string;
  count: number;
  more: string | null;
  children: React.ReactNode;
}) {
  const t = await getT(lookupMessages);
  const id = `results-${kind}`;
  return (
    <section aria-labelledby={id} data-testid={id} className={count ? panel : ""}>
      <h3
        id={id}
        className={cx(
          "flex items-center gap-2 font-semibold",
          count ? "border-b border-slate-100 px-4 py-2" : "px-1 text-sm text-slate-500",
        )}
      >
        {title}
        <span
          className={cx(countBadge, count ? "bg-slate-900 text-white" : "bg-slate-200 text-slate-600")}
          data-testid="result-count"
        >
          {count}
          {more ? "+" : ""}
        </span>
        {!count && <span className="font-normal">{t("noneOfKind")}</span>}
      </h3>
      {count > 0 && <ul className="divide-y divide-slate-100">{children}</ul>}
      {more && <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600">{more}</p>}
    </section>
  );
}
