// A manager opened an invoice in a given version. Bulk approval accepts only invoices the
// manager has opened in the version being approved, so this is recorded when the invoice page
// is shown to a manager (other roles are not recorded: they cannot approve).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import { hasRole } from "@/lib/authz/actor";

export async function recordInvoiceView({
  actor,
  invoiceId,
  version,
}: {
  actor: Actor;
  invoiceId: string;
  version: number;
}): Promise<{ recorded: boolean }> {
  if (!hasRole(actor, "MANAGER")) return { recorded: false };
  if (!Number.isInteger(version) || version < 1) return { recorded: false };
  await db.invoiceView.upsert({
    where: { invoiceId_version_userId: { invoiceId, version, userId: actor.id } },
    create: { invoiceId, version, userId: actor.id },
    update: { viewedAt: new Date() },
  });
  return { recorded: true };
}

/** The versions of these invoices this person has opened. */
export async function viewedVersions(
  actor: Pick<Actor, "id">,
  invoiceIds: readonly string[],
): Promise<Map<string, number[]>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db.invoiceView.findMany({
    where: { userId: actor.id, invoiceId: { in: [...invoiceIds] } },
    select: { invoiceId: true, version: true },
  });
  const map = new Map<string, number[]>();
  for (const r of rows)
    map.set(
      r.invoiceId,
      [...(map.get(r.invoiceId) ?? []), r.version].sort((a, b) => a - b),
    );
  return map;
}
