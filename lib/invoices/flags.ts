// Flags on a draft that ask finance to look twice.
import { dec } from "@/lib/money/money";

export type DraftFlag = "moved" | "new-project" | "negative-line" | "no-previous";

export function draftFlags(input: {
  totalJpy: bigint;
  previousTotalJpy: bigint | null;
  lines: ReadonlyArray<{ amountJpy: bigint; kind: string }>;
  projectIds: ReadonlyArray<string | null>;
  newProjectIds: ReadonlySet<string>;
  /** Share of last month's total beyond which a change is flagged, e.g. "0.3". */
  changeShare: string;
}): DraftFlag[] {
  const flags: DraftFlag[] = [];
  if (input.previousTotalJpy === null) flags.push("no-previous");
  else if (
    input.previousTotalJpy === 0n
      ? input.totalJpy !== 0n
      : dec(input.totalJpy - input.previousTotalJpy)
          .abs()
          .div(dec(input.previousTotalJpy).abs())
          .gt(input.changeShare)
  )
    flags.push("moved");
  if (input.projectIds.some((p) => p !== null && input.newProjectIds.has(p))) flags.push("new-project");
  // Discounts and credits are negative by nature; a negative charge line is worth a look.
  if (input.lines.some((l) => l.amountJpy < 0n && l.kind !== "DISCOUNT" && l.kind !== "CREDIT"))
    flags.push("negative-line");
  return flags;
}
