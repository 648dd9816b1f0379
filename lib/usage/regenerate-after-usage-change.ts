// After billed usage changed (a replacement or an append committed), the drafts it reaches are
// generated again from the current usage, keeping finance's manual lines and edits. Runs after
// the change committed: generation reads committed usage and writes in its own transactions.
import type { Actor, SystemActor } from "@/lib/authz/actor";
import { generateDrafts } from "@/lib/invoices/generate-drafts";

/** Regenerates the given billing groups' drafts, month by month; returns how many changed. */
export async function regenerateAfterUsageChange(
  actor: Actor | SystemActor,
  invoices: ReadonlyArray<{ month: string; billingGroupId: string }>,
): Promise<number> {
  const byMonth = new Map<string, Set<string>>();
  for (const i of invoices) byMonth.set(i.month, (byMonth.get(i.month) ?? new Set()).add(i.billingGroupId));
  let changed = 0;
  for (const [month, groups] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    const summary = await generateDrafts({ actor, month, billingGroupIds: [...groups] });
    changed += summary.created + summary.updated;
  }
  return changed;
}
