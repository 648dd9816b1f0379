// The release check, made inside the release transaction itself: the invoice row is locked
// and its approvals are counted against its current content, so nothing that changed after
// the approvals can be released; an approval by anyone the invoice's history disqualifies
// (submitted, edited or requested it in any round) does not count here either.
import { Refusal } from "@/lib/errors";
import type { Tx } from "@/lib/db";
import { approvalsComplete, requiredApprovers, validApprovers } from "./approval-rules";
import { lockInvoiceForGate, twoApproverThreshold } from "./load-for-gate";

export async function assertReleasable(tx: Tx, invoiceId: string) {
  const { invoice, currentHash, disqualified } = await lockInvoiceForGate(tx, invoiceId);
  if (invoice.status !== "APPROVED")
    throw new Refusal("INVALID_STATE", "not-approved", `The invoice is ${invoice.status.toLowerCase()}, not approved.`);
  if (currentHash !== invoice.contentHash)
    throw new Refusal("INVALID_STATE", "content-mismatch", "The invoice's content changed after it was approved.");
  const threshold = await twoApproverThreshold(tx);
  const approverIds = validApprovers(invoice.approvals, invoice.version, currentHash, disqualified);
  if (!approvalsComplete(invoice.approvals, invoice.version, currentHash, invoice.totalJpy, threshold, disqualified)) {
    throw new Refusal(
      "INVALID_STATE",
      "approvals-incomplete",
      `Valid approvals for this version: ${approverIds.length} of ${requiredApprovers(invoice.totalJpy, threshold)}` +
        " required.",
      { have: approverIds.length, required: requiredApprovers(invoice.totalJpy, threshold) },
    );
  }
  // The people whose approvals let it through, for the release's audit event.
  return { ...invoice, approverIds };
}
