// The invoices a change of billed usage reaches: those of the billing groups the changed
// projects are assigned to for the month. A released invoice is frozen (a change needs a credit
// note); a submitted or approved one goes back to draft with its approvals voided, so it is
// regenerated from the new usage and decided again. Runs in the importer's transaction.
import type pg from "pg";
import { recordAuditEventPg } from "@/lib/audit/record-audit-event-pg";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { transition } from "@/lib/invoices/state-machine";
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";

export interface AffectedInvoice {
  id: string;
  month: string;
  billingGroupId: string;
  status: InvoiceStatus;
  number: string | null;
  customerCode: string;
  customerName: string;
}

/** The invoices (not voided) of the billing groups the projects belong to in their months, locked. */
export async function lockAffectedInvoices(
  client: pg.ClientBase,
  projects: ReadonlyArray<{ projectId: string; month: string }>,
): Promise<AffectedInvoice[]> {
  if (!projects.length) return [];
  const { rows } = await client.query<AffectedInvoice>(
    `SELECT i.id::text, i.month, i."billingGroupId"::text AS "billingGroupId", i.status::text AS status, i.number,
            c.code AS "customerCode", c.name AS "customerName"
     FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
     WHERE i.kind = 'INVOICE' AND i.status <> 'VOIDED'
       AND (i.month, i."billingGroupId") IN (
         SELECT x.month, a."billingGroupId"
         FROM unnest($1::text[], $2::text[]) AS x(project, month)
         JOIN "ProjectAssignment" a ON a."projectId" = x.project AND a."fromMonth" <= x.month
           AND (a."toMonth" IS NULL OR x.month < a."toMonth"))
     ORDER BY i.id
     FOR UPDATE OF i`,
    [projects.map((p) => p.projectId), projects.map((p) => p.month)],
  );
  return rows;
}

/**
 * Sends submitted and approved invoices back to draft, voiding their approvals, each with its
 * audit event and the reason. Returns the invoices it changed.
 */
export async function returnToDraft(
  client: pg.ClientBase,
  actor: AuditActor,
  invoices: readonly AffectedInvoice[],
  reason: string,
): Promise<AffectedInvoice[]> {
  const changed: AffectedInvoice[] = [];
  for (const invoice of invoices) {
    if (invoice.status === "DRAFT") continue;
    const next = transition(invoice.status, "usage-change");
    // The caller refused released invoices before; nothing else can be left here.
    if (!next.allowed) continue;
    const voided = await client.query(
      `UPDATE "Approval" SET "voidedAt" = now(), "voidReason" = $2
       WHERE "invoiceId" = $1::uuid AND "voidedAt" IS NULL AND decision = 'APPROVED'`,
      [invoice.id, reason],
    );
    await client.query(`UPDATE "Invoice" SET status = $2::"InvoiceStatus", "updatedAt" = now() WHERE id = $1::uuid`, [
      invoice.id,
      next.to,
    ]);
    await recordAuditEventPg(client, {
      actor,
      action: "invoice.return-to-draft",
      target: { type: "invoice", id: invoice.id },
      reason,
      before: { status: invoice.status },
      after: { status: next.to, approvalsVoided: voided.rowCount ?? 0 },
    });
    changed.push(invoice);
  }
  return changed;
}
