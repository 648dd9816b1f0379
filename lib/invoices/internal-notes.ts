// Finance's internal notes (社内メモ, Invoice.notesInternal) as each role may see them. The
// policy decides (invoice.viewInternalNotes); these functions build what leaves the server, so
// a role that may not read the notes never gets them: not in the HTML, the RSC payload, a CSV,
// an API answer or a PDF. Every read model that carries invoice content goes through here:
// the invoice page (get-invoice-for-edit.ts), the history and its diffs (get-invoice-history.ts)
// and audit events (lib/audit/query-audit.ts). Pure.
import { decide, type PolicyActor } from "@/lib/authz/policy";

export function canViewInternalNotes(actor: PolicyActor): boolean {
  return decide(actor, "invoice.viewInternalNotes").allowed;
}

/** An invoice snapshot (a version, last month's invoice) as this actor may see it. */
export function toInvoiceSnapshotFor<T extends { notesInternal: string | null }>(actor: PolicyActor, snapshot: T): T {
  return canViewInternalNotes(actor) ? snapshot : { ...snapshot, notesInternal: null };
}

const NOTE_KEYS = new Set(["notesInternal"]);

/**
 * JSON as recorded in audit events (an edit's before and after, a version's snapshot) with every
 * internal-notes value taken out, however deep.
 */
export function withoutInternalNotes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutInternalNotes);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !NOTE_KEYS.has(key))
      .map(([key, v]) => [key, withoutInternalNotes(v)]),
  );
}

/** An audit event's recorded values as this actor may see them. */
export function toAuditValuesFor<T extends { before: unknown; after: unknown; metadata: unknown }>(
  actor: PolicyActor,
  event: T,
): T {
  if (canViewInternalNotes(actor)) return event;
  return {
    ...event,
    before: withoutInternalNotes(event.before),
    after: withoutInternalNotes(event.after),
    metadata: withoutInternalNotes(event.metadata),
  };
}
