// The release check, made inside the release transaction itself: the invoice row is locked
// and its approvals are counted against its current content, so nothing that changed after
// the approvals can be released.
import type { Tx } from "@/lib/db";
import { approvalsComplete, requiredApprovers, validApprovers } from "./approval-rules";
import { GateRefusal, lockInvoiceForGate, twoApproverThreshold } from "./load-for-gate";

export async function assertReleasable(tx: Tx, invoiceId: string) {
  const { invoice, currentHash } = await lockInvoiceForGate(tx, invoiceId);
  if (invoice.status !== "APPROVED")
    throw new GateRefusal(
      "INVALID_STATE",
      "not-approved",
      `The invoice is ${invoice.status.toLowerCase()}, not approved.`,
    );
  if (currentHash !== invoice.contentHash)
    throw new GateRefusal("INVALID_STATE", "content-mismatch", "The invoice's content changed after it was approved.");
  const threshold = await twoApproverThreshold(tx);
  if (!approvalsComplete(invoice.approvals, invoice.version, currentHash, invoice.totalJpy, threshold)) {
    const have = validApprovers(invoice.approvals, invoice.version, currentHash).length;
    throw new GateRefusal(
      "INVALID_STATE",
      "approvals-incomplete",
      `Valid approvals for this version: ${have} of ${requiredApprovers(invoice.totalJpy, threshold)} required.`,
    );
  }
  return invoice;
}
