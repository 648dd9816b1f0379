// Finance edits an invoice: line fields, added manual lines, adjustments, discounts and
// credits (each with a reason), removal of manual lines, notes and the due date.
//
// One transaction: the policy, the row lock, the state machine, the version the form was
// opened on (a stale save is refused saying who changed what since), then the change, the
// totals recomputed per tax rate with the invoice's rounding, a new version with its snapshot
// and content hash, the approvals voided (an approved invoice goes back to submitted), and an
// audit event with before and after of exactly what changed. Refusals are audited.
//
// Input errors that need no database (the schema in edit-changes.ts) are answered with field
// errors and not audited, like any form's; checks against the invoice's rows are refusals.
import { db, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { AppError, Refusal } from "@/lib/errors";
import { lockInvoiceForGate } from "@/lib/gate/load-for-gate";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { recordParticipant } from "@/lib/gate/participants";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LineKind, TaxRate } from "@/lib/generated/prisma/enums";
import { translator, type Locale } from "@/lib/i18n/define";
import { invoiceEditMessages, type InvoiceEditKey } from "@/lib/i18n/messages/invoice-edit";
import { computeInvoiceTotals, taxBreakdownJson } from "@/lib/money/invoice-totals";
import { creditFits, creditNoteRoom } from "@/lib/release/credit-note-limit";
import { dec } from "@/lib/money/money";
import { conflictMessage, diffSnapshots, type VersionChange } from "./describe-changes";
import { editChangesSchema, fieldErrorsOf, lineAmount, NEGATIVE_KINDS } from "./edit-changes";
import { draftFlags } from "./flags";
import { contentHash, snapshotOf } from "./snapshot";
import { transition } from "./state-machine";

export interface EditInvoiceOptions {
  actor: Actor;
  invoiceId: string;
  /** The version the form was opened on. */
  expectedVersion: number;
  /** See editChangesSchema; validated here whatever the caller did. */
  changes: unknown;
  /** Language of the messages for the person (field errors, who changed what). */
  locale?: Locale;
  now?: Date;
}

export interface EditInvoiceResult {
  id: string;
  changed: boolean;
  version: number;
  status: string;
  subtotalJpy: string;
  taxJpy: string;
  totalJpy: string;
  contentHash: string;
  voidedApprovals: number;
}

/** A refusal of a stale save: the message says who changed what; details carry it as data. */
export class EditConflict extends AppError {
  readonly rule = "stale-version";
  constructor(
    message: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
    readonly changes: VersionChange[],
  ) {
    // The message, in the person's language, says who changed what: shown as it is.
    super("CONFLICT", message, {
      details: { rule: "stale-version", localized: true, expectedVersion, currentVersion, changes },
    });
  }
}

const LINE_COLUMNS = ["description", "quantity", "unitPriceJpy", "amountJpy", "taxRate", "reason"] as const;
type LineColumn = (typeof LINE_COLUMNS)[number];
type LineValues = {
  description: string;
  quantity: string;
  unitPriceJpy: string | null;
  amountJpy: string;
  taxRate: TaxRate;
  reason: string | null;
};

const numericColumn = (c: LineColumn) => c === "quantity" || c === "unitPriceJpy" || c === "amountJpy";
function sameValue(column: LineColumn, a: string | null, b: string | null) {
  if (a === null || b === null || !numericColumn(column)) return a === b;
  return dec(a).eq(dec(b));
}

export async function editInvoice({
  actor,
  invoiceId,
  expectedVersion,
  changes: input,
  locale = "en",
  now = new Date(),
}: EditInvoiceOptions): Promise<EditInvoiceResult> {
  const t = translator(invoiceEditMessages, locale);
  const parsed = editChangesSchema.safeParse(input);
  if (!parsed.success) {
    const { formErrors, fieldErrors } = fieldErrorsOf(parsed.error, locale);
    // Written in the person's language already (fieldErrorsOf).
    throw new AppError("INVALID_INPUT", formErrors[0] ?? t("err_invalid"), {
      fieldErrors,
      details: { rule: "invalid-line", localized: true },
    });
  }
  const changes = parsed.data;

  return withRefusalAudit(actor, "invoice.edit", { type: "invoice", id: invoiceId }, () =>
    db.$transaction(async (tx) => {
      assertAllowed(actor, "invoice.edit");
      const { invoice, currentHash } = await lockInvoiceForGate(tx, invoiceId);
      const next = transition(invoice.status, "edit");
      if (!next.allowed) throw new Refusal("INVALID_STATE", "state", next.reason);
      if (invoice.kind === "VOID") throw new Refusal("INVALID_STATE", "void-fixed", "A void cannot be edited.");
      if (invoice.version !== expectedVersion)
        throw await staleVersion(tx, invoiceId, expectedVersion, invoice.version, t);
      if (currentHash !== invoice.contentHash)
        throw new Refusal(
          "INVALID_STATE",
          "content-mismatch",
          "The invoice's content does not match its recorded version; it cannot be edited until that is explained.",
        );

      // Apply the changes to the rows in memory, checking them against what the rows are.
      const fieldErrors: Record<string, string[]> = {};
      const fail = (key: string, message: InvoiceEditKey, vars?: Record<string, string>) => {
        fieldErrors[key] = [...(fieldErrors[key] ?? []), t(message, vars)];
      };
      const byId = new Map(invoice.lines.map((l) => [l.id, l]));
      const removed = new Set<string>();
      (changes.removed ?? []).forEach((id, i) => {
        const line = byId.get(id);
        if (!line) fail(`removed.${i}`, "err_no_such_line");
        else if (!line.manual) fail(`removed.${i}`, "err_not_removable");
        else removed.add(id);
      });

      const valuesOf = (l: (typeof invoice.lines)[number]): LineValues => ({
        description: l.description,
        quantity: l.quantity.toString(),
        unitPriceJpy: l.unitPriceJpy?.toString() ?? null,
        amountJpy: l.amountJpy.toString(),
        taxRate: l.taxRate,
        reason: l.reason,
      });
      const lineChanges: Array<{
        id: string;
        position: number;
        manual: boolean;
        before: Partial<LineValues>;
        after: Partial<LineValues>;
      }> = [];
      for (const [id, update] of Object.entries(changes.lines ?? {})) {
        const line = byId.get(id);
        if (!line) {
          fail(`lines.${id}`, "err_no_such_line");
          continue;
        }
        const was = valuesOf(line);
        const will: LineValues = { ...was, ...update, reason: update.reason ?? was.reason } as LineValues;
        // The amount rule (edit-changes.ts): with a unit price, amount = round(quantity x unit price).
        if (will.unitPriceJpy !== null) {
          const expected = lineAmount(will.quantity, will.unitPriceJpy).toString();
          const priceTouched = update.quantity !== undefined || update.unitPriceJpy !== undefined;
          if (update.amountJpy === undefined && priceTouched) will.amountJpy = expected;
          else if (will.amountJpy !== expected) fail(`lines.${id}.amountJpy`, "err_amount_mismatch", { expected });
        }
        const amountTouched =
          update.amountJpy !== undefined || update.quantity !== undefined || update.unitPriceJpy !== undefined;
        if (
          amountTouched &&
          invoice.kind === "INVOICE" &&
          NEGATIVE_KINDS.has(line.kind) &&
          BigInt(will.amountJpy) >= 0n
        )
          fail(`lines.${id}.amountJpy`, `err_negative_${line.kind as "DISCOUNT" | "CREDIT"}`);
        const columns = LINE_COLUMNS.filter((c) => !sameValue(c, was[c], will[c]));
        if (columns.length === 0) continue;
        lineChanges.push({
          id,
          position: line.position,
          manual: line.manual,
          before: Object.fromEntries(columns.map((c) => [c, was[c]])),
          after: Object.fromEntries(columns.map((c) => [c, will[c]])),
        });
      }

      const header: Partial<
        Record<"notesInternal" | "notesPrinted" | "dueDate", { before: string | null; after: string | null }>
      > = {};
      const dueNow = invoice.dueDate?.toISOString().slice(0, 10) ?? null;
      if (changes.notesInternal !== undefined && changes.notesInternal !== invoice.notesInternal)
        header.notesInternal = { before: invoice.notesInternal, after: changes.notesInternal };
      if (changes.notesPrinted !== undefined && changes.notesPrinted !== invoice.notesPrinted)
        header.notesPrinted = { before: invoice.notesPrinted, after: changes.notesPrinted };
      if (changes.dueDate !== undefined && changes.dueDate !== dueNow)
        header.dueDate = { before: dueNow, after: changes.dueDate };

      // The new set of lines and its totals.
      const kept = invoice.lines.filter((l) => !removed.has(l.id));
      const updated = new Map(lineChanges.map((c) => [c.id, c.after]));
      let position = Math.max(0, ...invoice.lines.map((l) => l.position));
      const added = (changes.added ?? []).map((a) => ({ ...a, position: ++position }));
      const amounts = [
        ...kept.map((l) => ({
          amountJpy: BigInt(updated.get(l.id)?.amountJpy ?? l.amountJpy),
          taxRate: (updated.get(l.id)?.taxRate ?? l.taxRate) as TaxRate,
        })),
        ...added.map((a) => ({ amountJpy: a.amountJpy, taxRate: a.taxRate })),
      ];
      const totals = computeInvoiceTotals(amounts, invoice.taxRounding);
      if (invoice.kind === "CREDIT_NOTE" && totals.totalJpy > 0n) fail("form", "err_credit_note_positive");
      if (invoice.kind === "CREDIT_NOTE" && totals.totalJpy < 0n) {
        const room = await creditNoteRoom(tx, invoice);
        if (room && !creditFits(totals.totalJpy, room))
          fail("form", "err_credit_note_exceeds", {
            available: room.availableJpy.toLocaleString("en-US"),
            original: room.originalTotalJpy.toLocaleString("en-US"),
          });
      }

      if (Object.keys(fieldErrors).length) {
        throw new AppError("INVALID_INPUT", fieldErrors.form?.[0] ?? t("err_invalid"), {
          fieldErrors,
          details: { rule: "invalid-line", localized: true },
        });
      }

      const nothing =
        lineChanges.length === 0 && removed.size === 0 && added.length === 0 && Object.keys(header).length === 0;
      if (nothing) {
        return {
          id: invoiceId,
          changed: false,
          version: invoice.version,
          status: invoice.status,
          subtotalJpy: invoice.subtotalJpy.toString(),
          taxJpy: invoice.taxJpy.toString(),
          totalJpy: invoice.totalJpy.toString(),
          contentHash: invoice.contentHash,
          voidedApprovals: 0,
        };
      }

      // Write the lines.
      for (const change of lineChanges) {
        const a = change.after;
        await tx.invoiceLine.update({
          where: { id: change.id },
          data: {
            ...(a.description !== undefined && { description: a.description }),
            ...(a.quantity !== undefined && { quantity: a.quantity }),
            ...(a.unitPriceJpy !== undefined && { unitPriceJpy: a.unitPriceJpy }),
            ...(a.amountJpy !== undefined && { amountJpy: BigInt(a.amountJpy) }),
            ...(a.taxRate !== undefined && { taxRate: a.taxRate }),
            ...(a.reason !== undefined && { reason: a.reason }),
            // A computed line finance changed is marked edited (its `computed` keeps what generation produced).
            ...(!change.manual && { edited: true }),
            editedById: actor.id,
            editedAt: now,
          },
        });
      }
      if (removed.size)
        await tx.invoiceLine.deleteMany({ where: { id: { in: [...removed] }, invoiceId, manual: true } });
      for (const a of added) {
        await tx.invoiceLine.create({
          data: {
            invoiceId,
            position: a.position,
            kind: a.kind as LineKind,
            manual: true,
            edited: false,
            computed: Prisma.JsonNull,
            description: a.description,
            quantity: a.quantity,
            unit: a.unit,
            unitPriceJpy: a.unitPriceJpy,
            amountJpy: a.amountJpy,
            taxRate: a.taxRate,
            reason: a.reason,
            editedById: actor.id,
            editedAt: now,
          },
        });
      }

      // Any edit voids the approvals given so far; an approved invoice goes back to the approvers.
      const voided = await tx.approval.updateMany({
        where: { invoiceId, decision: "APPROVED", voidedAt: null },
        data: { voidedAt: now, voidReason: "edited after approval" },
      });
      const version = invoice.version + 1;
      const flags = await flagsAfterEdit(tx, invoice, totals.totalJpy, [
        ...kept.map((l) => ({ kind: l.kind, amountJpy: BigInt(updated.get(l.id)?.amountJpy ?? l.amountJpy) })),
        ...added,
      ]);
      await tx.invoice.update({
        where: { id: invoiceId },
        data: {
          status: next.to,
          version,
          subtotalJpy: totals.subtotalJpy,
          taxJpy: totals.taxJpy,
          totalJpy: totals.totalJpy,
          taxBreakdown: taxBreakdownJson(totals.taxBreakdown),
          flags,
          ...(header.notesInternal && { notesInternal: header.notesInternal.after }),
          ...(header.notesPrinted && { notesPrinted: header.notesPrinted.after }),
          ...(header.dueDate && {
            dueDate: header.dueDate.after === null ? null : new Date(`${header.dueDate.after}T00:00:00Z`),
          }),
        },
      });
      // The hash is taken from the rows as stored, the way the gate recomputes it.
      const stored = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } });
      const snapshot = snapshotOf(stored);
      const hash = contentHash(snapshot);
      await tx.invoice.update({ where: { id: invoiceId }, data: { contentHash: hash } });
      await tx.invoiceVersion.create({
        data: {
          invoiceId,
          version,
          cause: "edited",
          contentHash: hash,
          snapshot: snapshot as unknown as Prisma.InputJsonValue,
          createdById: actor.id,
        },
      });
      // The editor may no longer decide on this invoice, whatever rounds follow.
      await recordParticipant(tx, { invoiceId, userId: actor.id, act: "EDITED", version });

      const totalsChanged =
        totals.totalJpy !== invoice.totalJpy ||
        totals.taxJpy !== invoice.taxJpy ||
        totals.subtotalJpy !== invoice.subtotalJpy;
      const removedLines = invoice.lines.filter((l) => removed.has(l.id));
      await recordAuditEvent(tx, {
        actor,
        action: "invoice.edit",
        target: { type: "invoice", id: invoiceId },
        before: {
          version: invoice.version,
          status: invoice.status,
          contentHash: invoice.contentHash,
          ...(lineChanges.length && {
            lines: Object.fromEntries(lineChanges.map((c) => [c.id, { position: c.position, ...c.before }])),
          }),
          ...(removedLines.length && {
            removed: removedLines.map((l) => ({ id: l.id, position: l.position, kind: l.kind, ...valuesOf(l) })),
          }),
          ...Object.fromEntries(Object.entries(header).map(([k, v]) => [k, v.before])),
          ...(totalsChanged && {
            subtotalJpy: invoice.subtotalJpy,
            taxJpy: invoice.taxJpy,
            totalJpy: invoice.totalJpy,
            taxBreakdown: invoice.taxBreakdown,
          }),
        },
        after: {
          version,
          status: next.to,
          contentHash: hash,
          ...(lineChanges.length && {
            lines: Object.fromEntries(lineChanges.map((c) => [c.id, { position: c.position, ...c.after }])),
          }),
          ...(added.length && {
            added: added.map((a) => ({
              position: a.position,
              kind: a.kind,
              description: a.description,
              quantity: a.quantity,
              unit: a.unit,
              unitPriceJpy: a.unitPriceJpy,
              amountJpy: a.amountJpy,
              taxRate: a.taxRate,
              reason: a.reason,
            })),
          }),
          ...Object.fromEntries(Object.entries(header).map(([k, v]) => [k, v.after])),
          ...(totalsChanged && {
            subtotalJpy: totals.subtotalJpy,
            taxJpy: totals.taxJpy,
            totalJpy: totals.totalJpy,
            taxBreakdown: taxBreakdownJson(totals.taxBreakdown),
          }),
          ...(voided.count && { voidedApprovals: voided.count }),
        },
      });
      return {
        id: invoiceId,
        changed: true,
        version,
        status: next.to,
        subtotalJpy: totals.subtotalJpy.toString(),
        taxJpy: totals.taxJpy.toString(),
        totalJpy: totals.totalJpy.toString(),
        contentHash: hash,
        voidedApprovals: voided.count,
      };
    }),
  );
}

/** The refusal of a stale save, naming who changed what in each version since `expected`. */
async function staleVersion(
  tx: Tx,
  invoiceId: string,
  expected: number,
  current: number,
  t: ReturnType<typeof translator<InvoiceEditKey>>,
) {
  const versions = await tx.invoiceVersion.findMany({
    where: { invoiceId, version: { gte: Math.min(expected, current), lte: current } },
    orderBy: { version: "asc" },
    select: { version: true, cause: true, snapshot: true, createdById: true },
  });
  const people = await tx.user.findMany({
    where: { id: { in: versions.map((v) => v.createdById).filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  });
  const name = new Map(people.map((p) => [p.id, p.name]));
  const changes: VersionChange[] = [];
  if (expected < current) {
    for (const v of versions.filter((v) => v.version > expected)) {
      const previous = versions.find((p) => p.version === v.version - 1);
      changes.push({
        version: v.version,
        by: v.createdById ? (name.get(v.createdById) ?? v.createdById) : null,
        cause: v.cause,
        parts: diffSnapshots(previous?.snapshot, v.snapshot),
      });
    }
  }
  return new EditConflict(conflictMessage(changes, expected, current, t), expected, current, changes);
}

/** "moved" and "negative-line" follow the edited content; the other flags stay as generated. */
async function flagsAfterEdit(
  tx: Tx,
  invoice: { flags: string[]; previousTotalJpy: bigint | null },
  totalJpy: bigint,
  lines: Array<{ kind: string; amountJpy: bigint }>,
) {
  const setting = await tx.setting.findUnique({ where: { key: "drafts.flagChangeShare" } });
  const changeShare =
    typeof setting?.value === "string" || typeof setting?.value === "number" ? String(setting.value) : "0.3";
  const recomputed = draftFlags({
    totalJpy,
    previousTotalJpy: invoice.previousTotalJpy,
    lines,
    projectIds: [],
    newProjectIds: new Set(),
    changeShare,
  });
  const kept = invoice.flags.filter((f) => f !== "moved" && f !== "negative-line");
  return [...kept, ...recomputed.filter((f) => (f === "moved" || f === "negative-line") && !kept.includes(f))];
}
