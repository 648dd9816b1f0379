// Shared by the gate's commands: load an invoice under a row lock with what the rules need,
// and read the approval threshold.
import { SETTING_KEYS } from "@/lib/settings/keys";
import { db, type Tx } from "@/lib/db";
import { Refusal } from "@/lib/errors";
import { contentHash, snapshotOf } from "@/lib/invoices/snapshot";
import { DEFAULT_TWO_APPROVER_THRESHOLD_JPY } from "./approval-rules";
import { disqualifiedFrom } from "./participants";
import { UUID } from "@/lib/uuid";

export async function lockInvoiceForGate(tx: Tx, invoiceId: string) {
  if (!UUID.test(invoiceId)) throw new Refusal("NOT_FOUND", "not-found", "No such invoice.");
  const locked = await tx.$queryRaw<
    Array<{ id: string }>
  >`SELECT id FROM "Invoice" WHERE id = ${invoiceId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new Refusal("NOT_FOUND", "not-found", "No such invoice.");
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
