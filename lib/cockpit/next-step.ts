// The one thing the home page suggests doing next, for the people who close a month. Pure:
// from the month's counts, its blockers and the person's roles, the first of these that
// applies, in the order the month is closed:
//   a manager with invoices waiting for them decides them (nothing moves without them);
//   finance fixes rejected drafts, then submits the drafts, then releases what is approved,
//   then retries failed deliveries; for an admin, unassigned usage and a missing FX rate come
//   before all of that, since drafts generated without them are wrong or missing. (Finance sees
//   those among the blockers, but cannot fix them: they do not hold up finance's own steps.)
import type { Role } from "@/lib/generated/prisma/enums";
import type { MonthStateCounts } from "@/lib/invoices/month-state-counts";
import type { MonthBlockers } from "./month-blockers";

export type NextStep =
  | { key: "decide"; count: number; href: string }
  | { key: "setFxRate"; currencies: string[]; href: string }
  | { key: "assignProjects"; count: number; href: string }
  | { key: "fixRejected" | "submitDrafts" | "release" | "retryDeliveries"; count: number; href: string }
  | { key: "done"; href: null };

export function nextStep(input: {
  month: string;
  roles: readonly Role[];
  counts: MonthStateCounts | null;
  blockers: MonthBlockers | null;
  /** Invoices waiting for this manager's decision (any month), when they are a manager. */
  queue: number | null;
}): NextStep {
  const { month, roles, counts, blockers, queue } = input;
  const finance = roles.includes("FINANCE");
  const admin = roles.includes("ADMIN");
  if (queue !== null && queue > 0) return { key: "decide", count: queue, href: "/approvals" };
  if (blockers && admin) {
    if (blockers.missingFxRates.length > 0)
      return { key: "setFxRate", currencies: blockers.missingFxRates, href: "/admin/fx-rates" };
    const projects = blockers.unassigned.reduce((sum, u) => sum + u.projects, 0);
    if (projects > 0) return { key: "assignProjects", count: projects, href: "/admin/assignments" };
  }
  if (counts && finance) {
    const m = `month=${month}`;
    if (counts.byState.REJECTED > 0)
      return { key: "fixRejected", count: counts.byState.REJECTED, href: `/drafts?${m}&status=REJECTED` };
    if (counts.byState.DRAFT > 0)
      return { key: "submitDrafts", count: counts.byState.DRAFT, href: `/drafts?${m}&status=DRAFT` };
    if (counts.readyToRelease > 0)
      return { key: "release", count: counts.readyToRelease, href: `/releases?show=ready&${m}` };
    if (counts.deliveryFailed > 0)
      return { key: "retryDeliveries", count: counts.deliveryFailed, href: `/releases?show=failed&${m}` };
  }
  return { key: "done", href: null };
}
