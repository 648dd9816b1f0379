"use client";
// The drafts list's rows. A client component on purpose, like the audit table: the page then
// carries the 50 rows once as data instead of their whole element tree in the server
// component payload as well as in the HTML. Nothing here fetches: the server read them.
import Link from "next/link";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatPercent, formatYen } from "@/lib/i18n/format";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import type { DRAFT_FLAGS, DraftRow } from "@/lib/invoices/list-drafts";
import { badge, cx } from "@/components/ui/styles";

type Flag = (typeof DRAFT_FLAGS)[number];

/** What a row shows (the page passes only these fields). */
export type DraftRowView = Pick<
  DraftRow,
  | "id"
  | "customerName"
  | "customerCode"
  | "billingGroup"
  | "state"
  | "rejectionReason"
  | "totalJpy"
  | "changeJpy"
  | "changeShare"
  | "flags"
>;

/**
 * "Rejected", with the manager's reason on hover and on keyboard focus (a tooltip), in the
 * title, and read out by screen readers as the badge's description.
 */
function RejectedBadge({ id, reason }: { id: string; reason: string }) {
  const t = useT(draftsMessages);
  const tip = `rejection-${id}`;
  const text = t("rejectedReason", { reason });
  return (
    <span className="group relative inline-block">
      {/* A button only to be reachable by keyboard: focusing it shows the reason, as hovering does. */}
      <button
        type="button"
        title={text}
        aria-describedby={tip}
        className={cx(badge, "cursor-help bg-red-100 font-medium text-red-900 focus:ring-2 focus:ring-red-700")}
      >
        {t("statusREJECTED")}
      </button>
      <span
        id={tip}
        role="tooltip"
        className={cx(
          "absolute top-full left-0 z-10 mt-1 hidden w-72 rounded-md bg-slate-900 px-2 py-1.5 text-xs text-white",
          "shadow-lg group-focus-within:block group-hover:block",
        )}
      >
        {text}
      </span>
    </span>
  );
}

export function DraftRows({ rows }: { rows: DraftRowView[] }) {
  const t = useT(draftsMessages);
  const locale = useLocale();
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.id} className="border-t border-slate-100 hover:bg-slate-50">
          <td className="px-3 py-2">
            <Link href={`/invoices/${row.id}`} className="font-medium text-blue-800 hover:underline">
              {row.customerName}
            </Link>
            <div className="text-xs text-slate-500">{row.customerCode}</div>
          </td>
          <td className="px-3 py-2">{row.billingGroup}</td>
          <td className="px-3 py-2" data-testid="draft-state" data-state={row.state}>
            {row.state === "REJECTED" ? (
              <RejectedBadge id={row.id} reason={row.rejectionReason ?? ""} />
            ) : (
              t(`status${row.state}`)
            )}
          </td>
          <td className="num px-3 py-2">{formatYen(row.totalJpy, locale)}</td>
          <td className={`num px-3 py-2 ${row.changeJpy?.startsWith("-") ? "text-red-700" : ""}`}>
            {row.changeJpy === null
              ? "—"
              : `${row.changeJpy.startsWith("-") ? "" : "+"}${formatYen(row.changeJpy, locale)}`}
            {row.changeShare !== null && (
              <span className="ml-1 text-xs text-slate-500">({formatPercent(row.changeShare, locale)})</span>
            )}
          </td>
          <td className="px-3 py-2">
            <ul className="flex flex-wrap gap-1">
              {row.flags.map((f) => (
                <li
                  key={f}
                  className={cx(
                    badge,
                    f === "no-previous" ? "bg-slate-100 text-slate-700" : "bg-amber-100 text-amber-900",
                  )}
                >
                  {t(`flag-${f as Flag}`, { share: "30%" })}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </tbody>
  );
}
