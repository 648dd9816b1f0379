// Release: one transaction that re-checks the gate under the row lock, takes the next
// gap-free number, freezes the invoice with its issuer, voids the original when this is a
// void, and writes one pending delivery per service (the outbox). Nothing is sent from inside
// the transaction: the release action and the worker deliver after it commits.
import { Refusal } from "@/lib/errors";
import { db, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { creditFits, creditNoteRoom } from "./credit-note-limit";
import { assertReleasable } from "@/lib/gate/assert-releasable";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import type { DeliveryService } from "@/lib/generated/prisma/enums";
import { transition } from "@/lib/invoices/state-machine";
import { dateOnly, fiscalYearOf, formatInvoiceNumber, japanDate } from "./invoice-number";
import { readReleaseSettings } from "./release-settings";

/** Documents first: the CRM record links to the stored PDF. */
export const DELIVERY_SERVICES: readonly DeliveryService[] = ["DOCUMENTS", "CRM"];

/** Stable per invoice and service, so every attempt by anyone sends the same key. */
export function idempotencyKeyFor(invoiceId: string, service: DeliveryService) {
  return `release-${invoiceId}-${service.toLowerCase()}`;
}

/** Takes the next number for the prefix and year; the row stays locked until commit, so numbers have no gaps. */
async function nextSequence(tx: Tx, prefix: string, fiscalYear: number): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ lastNumber: number }>>`
    INSERT INTO "InvoiceNumberSequence" (prefix, "fiscalYear", "lastNumber") VALUES (${prefix}, ${fiscalYear}, 1)
    ON CONFLICT (prefix, "fiscalYear") DO UPDATE SET "lastNumber" = "InvoiceNumberSequence"."lastNumber" + 1
    RETURNING "lastNumber"`;
  const [row] = rows;
  if (!row) throw new Error("invoice numbering: the sequence upsert returned no row");
  return row.lastNumber;
}

export async function releaseInvoice({
  actor,
  invoiceId,
  now = new Date(),
}: {
  actor: Actor;
  invoiceId: string;
  now?: Date;
}) {
  return withRefusalAudit(actor, "invoice.release", { type: "invoice", id: invoiceId }, () =>
    db.$transaction(async (tx) => {
      assertAllowed(actor, "invoice.release");
      const invoice = await assertReleasable(tx, invoiceId);
      const next = transition(invoice.status, "release");
      if (!next.allowed) throw new Refusal("INVALID_STATE", "state", next.reason);
      const settings = await readReleaseSettings(tx);
      if (!settings.ok) throw new Refusal("INVALID_STATE", "settings", settings.problem);
      // The issue date is today in Japan; a customer cannot be asked to pay before it.
      const issueDate = japanDate(now);
      const dueDate = dateOnly(invoice.dueDate);
      if (dueDate !== null && dueDate < issueDate)
        throw new Refusal(
          "INVALID_STATE",
          "due-before-issue",
          `The due date ${dueDate} is before the issue date ${issueDate}; change the due date, then release.`,
          { dueDate, issueDate },
        );

      if (invoice.kind === "CREDIT_NOTE") {
        const room = await creditNoteRoom(tx, invoice, { lock: true });
        if (room && !creditFits(invoice.totalJpy, room)) {
          throw new Refusal(
            "INVALID_STATE",
            "credit-exceeds-original",
            `This credit note credits ${-invoice.totalJpy} yen, ` +
              `but only ${room.availableJpy} yen of the original invoice is left to credit.`,
            { creditJpy: (-invoice.totalJpy).toString(), availableJpy: room.availableJpy.toString() },
          );
        }
      }
      let voided: { id: string; number: string | null } | null = null;
      if (invoice.kind === "VOID") {
        if (!invoice.correctsInvoiceId)
          throw new Refusal("INVALID_STATE", "void-target", "This void does not name the invoice it voids.");
        const [original] = await tx.$queryRaw<
          Array<{
            id: string;
            status: "RELEASED" | "VOIDED" | "DRAFT" | "SUBMITTED" | "APPROVED";
            number: string | null;
          }>
        >`
          SELECT id, status::text AS status, number FROM "Invoice"
          WHERE id = ${invoice.correctsInvoiceId}::uuid FOR UPDATE`;
        const voiding = original ? transition(original.status, "void-original") : null;
        if (!original || !voiding?.allowed)
          throw new Refusal(
            "INVALID_STATE",
            "void-target",
            `The invoice to void is ${original?.status.toLowerCase() ?? "missing"}; ` +
              "only a released invoice can be voided.",
          );
        await tx.invoice.update({ where: { id: original.id }, data: { status: voiding.to } });
        await recordAuditEvent(tx, {
          actor,
          action: "invoice.voided",
          target: { type: "invoice", id: original.id },
          before: { status: original.status },
          after: { status: voiding.to, byVoid: invoiceId },
        });
        voided = { id: original.id, number: original.number };
      }

      const fiscalYear = fiscalYearOf(issueDate, settings.fiscalYearStartMonth);
      const number = formatInvoiceNumber(
        settings.prefix,
        fiscalYear,
        await nextSequence(tx, settings.prefix, fiscalYear),
      );
      await tx.invoice.update({
        where: { id: invoiceId },
        data: {
          status: next.to,
          number,
          issueDate: new Date(`${issueDate}T00:00:00Z`),
          issuer: settings.issuer,
          releasedById: actor.id,
          releasedAt: now,
        },
      });
      await tx.delivery.createMany({
        data: DELIVERY_SERVICES.map((service) => ({
          invoiceId,
          service,
          idempotencyKey: idempotencyKeyFor(invoiceId, service),
          nextAttemptAt: now,
        })),
      });
      await recordAuditEvent(tx, {
        actor,
        action: "invoice.release",
        target: { type: "invoice", id: invoiceId },
        before: { status: invoice.status },
        after: {
          status: next.to,
          number,
          issueDate,
          kind: invoice.kind,
          version: invoice.version,
          contentHash: invoice.contentHash,
          approvers: invoice.approverIds,
          totalJpy: invoice.totalJpy,
          voided: voided?.number ?? undefined,
          deliveries: DELIVERY_SERVICES,
        },
      });
      return { id: invoiceId, number, issueDate, kind: invoice.kind, voidedInvoiceId: voided?.id ?? null };
    }),
  );
}
