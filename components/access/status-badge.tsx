import type { Translate } from "@/lib/i18n/define";

type Status = "REQUESTED" | "APPROVED" | "REJECTED" | "EXPIRED";
const STYLE: Record<Status, string> = {
  REQUESTED: "bg-amber-100 text-amber-900",
  APPROVED: "bg-green-100 text-green-900",
  REJECTED: "bg-red-100 text-red-900",
  EXPIRED: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status, t }: { status: Status; t: Translate<`status_${Status}`> }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[status]}`} data-testid="request-status">
      {t(`status_${status}`)}
    </span>
  );
}
