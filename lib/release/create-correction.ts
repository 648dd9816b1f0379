// Corrections after release: a void cancels a released invoice whole; a credit note returns
// part or all of it. Both start as drafts holding the original's lines negated, and then go
// through the same gate (submit, approve by someone else, release with its own number).
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { AppError, Refusal } from "@/lib/errors";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { recordParticipant } from "@/lib/gate/participants";
import { Prisma } from "@/lib/generated/prisma/client";
import { contentHash, snapshotOf } from "@/lib/invoices/snapshot";

export type CorrectionKind = "VOID" | "CREDIT_NOTE";

type TaxBreakdownEntry = { taxRate: string; baseJpy: string; taxJpy: string };

/** Printed on the correction before the number of the invoice it corrects. */
const VOID_NOTE = "次の請求書を取り消します / This voids invoice";
const CREDIT_NOTE_NOTE = "次の請求書に対する返還 / Credit against invoice";

const negate = (value: string) => (value.startsWith("-") ? value.slice(1) : value === "0" ? "0" : `-${value}`);

export async function createCorrection({
  actor,
  invoiceId,
  kind,
  reason,
}: {
  actor: Actor;
  invoiceId: string;
  kind: CorrectionKind;
  reason: string;
}) {
  const why = reason.trim();
  return withRefusalAudit(actor, "invoice.correct", { type: "invoice", id: invoiceId }, () =>
    db.$transaction(async (tx) => {
      assertAllowed(actor, "invoice.correct");
      if (why.length < 5)
        throw new AppError("INVALID_INPUT", "Say why the invoice is corrected.", {
          fieldErrors: { reason: ["correction-reason"] },
          details: { rule: "correction-reason", params: { min: 5 } },
        });
      const locked = await tx.$queryRaw<
        Array<{ id: string }>
      >`SELECT id FROM "Invoice" WHERE id = ${invoiceId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new Refusal("NOT_FOUND", "not-found", "No such invoice.");
      const original = await tx.invoice.findUniqueOrThrow({
        where: { id: invoiceId },
        include: { lines: { orderBy: { position: "asc" } } },
      });
      if (original.kind !== "INVOICE" || original.status !== "RELEASED") {
        const what = original.kind === "INVOICE" ? original.status.toLowerCase() : "itself a correction";
        throw new Refusal(
          "INVALID_STATE",
          "not-released",
          `Only a released invoice can be corrected; this one is ${what}.`,
        );
      }
      if (kind === "VOID") {
        const open = await tx.invoice.findFirst({
          where: { correctsInvoiceId: invoiceId, kind: "VOID" },
          select: { id: true, status: true },
        });
        if (open)
          throw new Refusal(
            "ALREADY_DONE",
            "void-exists",
            `A void of ${original.number} already exists (${open.status.toLowerCase()}).`,
            { number: original.number ?? "" },
          );
      }

      const label = kind === "VOID" ? "取消 / Void" : "返還 / Credit";
      const lines = original.lines.map((l) => ({
        position: l.position,
        kind: l.kind,
        manual: true,
        edited: false,
        projectId: l.projectId,
        serviceId: l.serviceId,
        serviceDescription: l.serviceDescription,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit,
        unitPriceJpy: l.unitPriceJpy === null ? null : new Prisma.Decimal(l.unitPriceJpy).negated(),
        amountJpy: -l.amountJpy,
        taxRate: l.taxRate,
        reason: `${label} ${original.number}: ${why}`,
        sourceCost: null,
        sourceCurrency: null,
        fxRate: null,
      }));
      const taxBreakdown = (original.taxBreakdown as TaxBreakdownEntry[]).map((t) => ({
        taxRate: t.taxRate,
        baseJpy: negate(String(t.baseJpy)),
        taxJpy: negate(String(t.taxJpy)),
      }));
      const header = {
        kind,
        month: original.month,
        customerId: original.customerId,
        billingGroupId: original.billingGroupId,
        correctsInvoiceId: original.id,
        recipientName: original.recipientName,
        recipientDept: original.recipientDept,
        recipientAddress: original.recipientAddress,
        dueDate: null,
        notesPrinted: `${kind === "VOID" ? VOID_NOTE : CREDIT_NOTE_NOTE} ${original.number}`,
        notesInternal: why,
        currency: original.currency,
        fxRates: original.fxRates,
        taxRounding: original.taxRounding,
        subtotalJpy: -original.subtotalJpy,
        taxJpy: -original.taxJpy,
        totalJpy: -original.totalJpy,
        taxBreakdown,
      };
      const snapshot = snapshotOf({ ...header, lines });
      const hash = contentHash(snapshot);
      const correction = await tx.invoice.create({
        data: {
          ...header,
          fxRates: header.fxRates as Prisma.InputJsonValue,
          taxBreakdown: header.taxBreakdown as Prisma.InputJsonValue,
          contractId: original.contractId,
          contentHash: hash,
          version: 1,
          flags: [],
          lines: { create: lines },
          versions: {
            create: {
              version: 1,
              cause: "correction",
              contentHash: hash,
              snapshot: snapshot as unknown as Prisma.InputJsonValue,
              createdById: actor.id,
            },
          },
        },
      });
      // Whoever asked for the correction may not approve it.
      await recordParticipant(tx, {
        invoiceId: correction.id,
        userId: actor.id,
        act: "CORRECTION_REQUESTED",
        version: 1,
      });
      await recordAuditEvent(tx, {
        actor,
        action: "invoice.correct",
        target: { type: "invoice", id: correction.id },
        after: {
          kind,
          corrects: original.number,
          correctsInvoiceId: original.id,
          totalJpy: header.totalJpy,
          reason: why,
        },
      });
      return { id: correction.id, kind, correctsNumber: original.number };
    }),
  );
}
