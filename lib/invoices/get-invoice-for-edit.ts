// What the invoice page's edit mode needs: the lines with every editable field as stored,
// the notes and due date, whether this person may edit now, and the approvals an edit voided.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { transition } from "./state-machine";

export async function getInvoiceForEdit(invoiceId: string, actor: Actor) {
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice.");
  const invoice = await db.invoice.findUnique({
    where: { id: invoiceId },
    include: { lines: { orderBy: { position: "asc" } }, approvals: { where: { voidReason: "edited after approval" }, orderBy: { createdAt: "asc" } } },
  });
  if (!invoice) throw new AppError("NOT_FOUND", "No such invoice.");
  const people = await db.user.findMany({ where: { id: { in: invoice.approvals.map((a) => a.approverId) } }, select: { id: true, name: true } });
  const name = new Map(people.map((p) => [p.id, p.name]));
  const canEdit = invoice.kind !== "VOID" && transition(invoice.status, "edit").allowed && decide(actor, "invoice.edit").allowed;
  return {
    id: invoice.id,
    version: invoice.version,
    status: invoice.status,
    kind: invoice.kind,
    taxRounding: invoice.taxRounding,
    dueDate: invoice.dueDate?.toISOString().slice(0, 10) ?? null,
    notesInternal: invoice.notesInternal,
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
      quantity: l.quantity.toString(),
      unit: l.unit,
      unitPriceJpy: l.unitPriceJpy?.toString() ?? null,
      amountJpy: l.amountJpy.toString(),
      taxRate: l.taxRate,
      reason: l.reason,
      computedAmountJpy: (l.computed as { amountJpy?: string } | null)?.amountJpy ?? null,
    })),
    /** Approvals an edit voided, newest version first: who must look again. */
    voidedByEdit: invoice.approvals
      .map((a) => ({ approver: name.get(a.approverId) ?? a.approverId, version: a.version, voidedAt: a.voidedAt?.toISOString() ?? null }))
      .reverse(),
  };
}

export type InvoiceForEdit = Awaited<ReturnType<typeof getInvoiceForEdit>>;
export type EditableLine = InvoiceForEdit["lines"][number];
