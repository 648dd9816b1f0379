// Shared by the gate's commands: load an invoice under a row lock with what the rules need,
// and record refusals (which roll their transaction back) in an audit event of their own.
import { SETTING_KEYS } from "@/lib/settings/keys";
import { db, type Tx } from "@/lib/db";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { contentHash, snapshotOf } from "@/lib/invoices/snapshot";
import { DEFAULT_TWO_APPROVER_THRESHOLD_JPY } from "./approval-rules";
import { disqualifiedFrom } from "./participants";

/** A refusal by a named rule of the gate. */
export class GateRefusal extends AppError {
  constructor(
    code: ErrorCode,
    readonly rule: string,
    message: string,
    params?: Record<string, string | number>,
  ) {
    super(code, message, { details: params ? { rule, params } : { rule } });
  }
}

export async function lockInvoiceForGate(tx: Tx, invoiceId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) throw new GateRefusal("NOT_FOUND", "not-found", "No such invoice.");
  const locked = await tx.$queryRaw<
    Array<{ id: string }>
  >`SELECT id FROM "Invoice" WHERE id = ${invoiceId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new GateRefusal("NOT_FOUND", "not-found", "No such invoice.");
  const invoice = await tx.invoice.findUniqueOrThrow({
    where: { id: invoiceId },
    include: { lines: true, approvals: true, participants: { select: { userId: true, act: true } } },
  });
  // Everyone who submitted, edited or requested it, in any round: read under the lock, which
  // every command that records such an act also holds.
  const disqualified = disqualifiedFrom(invoice.participants);
  // Recomputed from the rows, so content changed behind the application's back is caught too.
  const currentHash = contentHash(snapshotOf(invoice));
  return { invoice, disqualified, currentHash };
}

export async function twoApproverThreshold(tx: Tx = db as unknown as Tx): Promise<bigint> {
  const setting = await tx.setting.findUnique({ where: { key: SETTING_KEYS.threshold } });
  const value = setting?.value;
  return typeof value === "string" || typeof value === "number" ? BigInt(value) : DEFAULT_TWO_APPROVER_THRESHOLD_JPY;
}

/** Runs a gate command; a refusal is recorded (actor, rule, invoice) and rethrown. */
export async function withRefusalAudit<T>(
  actor: Actor,
  action: string,
  invoiceId: string,
  command: () => Promise<T>,
): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (isAppError(error)) {
      const rule = error instanceof GateRefusal ? error.rule : String(error.details?.rule ?? error.code);
      await recordAuditEventNow({
        actor,
        action,
        target: { type: "invoice", id: invoiceId },
        outcome: "REFUSED",
        reason: `${rule}: ${error.message}`,
        // The rule and its values, so the audit log can say it in the reader's language.
        metadata: { rule, params: error.details?.params },
      });
    }
    throw error;
  }
}
