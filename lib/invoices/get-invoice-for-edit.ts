// What the invoice page's edit mode needs: the lines with every editable field as stored,
// the notes and due date, whether this person may edit now, and the approvals an edit voided.
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import type { InvoiceStatus, LineKind, TaxRate, TaxRounding } from "@/lib/generated/prisma/enums";
import { canViewInternalNotes } from "./internal-notes";
import { transition } from "./state-machine";

/** What the edit mode is built from (read by lib/invoices/get-invoice-page.ts). */
export interface EditFacts {
  id: string;
  version: number;
  status: InvoiceStatus;
  kind: "INVOICE" | "CREDIT_NOTE" | "VOID";
  taxRounding: TaxRounding;
  dueDate: Date | null;
  notesInternal: string | null;
  notesPrinted: string | null;
  /** By position. */
  lines: Array<{
    id: string;
    position: number;
    kind: LineKind;
    manual: boolean;
    edited: boolean;
    projectId: string | null;
    description: string;
    quantity: string;
    unit: string | null;
    unitPriceJpy: string | null;
    amountJpy: string;
    taxRate: TaxRate;
    reason: string | null;
    computedAmountJpy: string | null;
  }>;
  /** Approvals voided by an edit ("edited after approval"), oldest first, with the approver's name when known. */
  voidedByEdit: Array<{ approverId: string; approverName: string | null; version: number; voidedAt: Date | null }>;
}

/** The invoice page's edit part for this actor (internal notes only for roles allowed to read them). */
export function invoiceForEditFrom(invoice: EditFacts, actor: Actor) {
  const canEdit =
    invoice.kind !== "VOID" && transition(invoice.status, "edit").allowed && decide(actor, "invoice.edit").allowed;
  const internalNotesVisible = canViewInternalNotes(actor);
  return {
    id: invoice.id,
    version: invoice.version,
    status: invoice.status,
    kind: invoice.kind,
    taxRounding: invoice.taxRounding,
    dueDate: invoice.dueDate?.toISOString().slice(0, 10) ?? null,
    notesInternal: internalNotesVisible ? invoice.notesInternal : null,
    internalNotesVisible,
    notesPrinted: invoice.notesPrinted,
    canEdit,
    lines: invoice.lines.map((l) => ({
      id: l.id,
      position: l.position,
      kind: l.kind,
      manual: l.manual,
      edited: l.edited,
      projectId: l.projectId,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPriceJpy: l.unitPriceJpy,
      amountJpy: l.amountJpy,
      taxRate: l.taxRate,
      reason: l.reason,
      computedAmountJpy: l.computedAmountJpy,
    })),
    /** Approvals an edit voided, newest version first: who must look again. */
    voidedByEdit: invoice.voidedByEdit
      .map((a) => ({
        approver: a.approverName ?? a.approverId,
        version: a.version,
        voidedAt: a.voidedAt?.toISOString() ?? null,
      }))
      .reverse(),
  };
}

export type InvoiceForEdit = ReturnType<typeof invoiceForEditFrom>;
export type EditableLine = InvoiceForEdit["lines"][number];
