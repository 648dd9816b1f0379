// One number of the home page, opening the list behind it. A tone draws the eye to what needs
// work (attention) or went wrong (problem) only when the number is not zero.
import Link from "next/link";
import { cx } from "@/components/ui/styles";

const TONE = {
  neutral: "border-slate-200 bg-white",
  attention: "border-amber-400 bg-amber-50",
  problem: "border-red-400 bg-red-50",
} as const;

export function CountTile({
  label,
  count,
  href,
  tone = "neutral",
  testId,
}: {
  label: string;
  count: number;
  href: string;
  tone?: keyof typeof TONE;
  testId: string;
}) {
  return (
    <Link
      href={href}
      className={cx(
        "block rounded-lg border p-4 shadow-sm hover:border-slate-500 focus-visible:ring-2 focus-visible:ring-blue-700",
        TONE[count > 0 ? tone : "neutral"],
      )}
      data-testid={testId}
    >
      <span className={cx("block text-3xl font-semibold tabular-nums", count === 0 && "text-slate-400")}>{count}</span>
      <span className="mt-1 block text-sm text-slate-700">{label}</span>
    </Link>
  );
}
