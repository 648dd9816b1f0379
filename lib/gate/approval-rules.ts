// The gate's counting rules, pure: how many approvers an invoice needs, and which approvals
// still count (same version, same content, distinct people, not voided, not disqualified).
export const DEFAULT_TWO_APPROVER_THRESHOLD_JPY = 5_000_000n;

export function requiredApprovers(totalJpy: bigint, thresholdJpy: bigint): 1 | 2 {
  return totalJpy >= thresholdJpy ? 2 : 1;
}

export interface ApprovalFact {
  approverId: string;
  version: number;
  contentHash: string;
  decision: "APPROVED" | "REJECTED";
  voidedAt: Date | null;
}

/** The people whose approval never counts: whoever submitted, edited or requested the invoice. */
export interface Ineligible {
  has(personId: string): boolean;
}

/**
 * Distinct people whose approval binds exactly this version and content, leaving out anyone
 * disqualified by the invoice's history (their approval is never counted, however it got there).
 */
export function validApprovers(
  approvals: readonly ApprovalFact[],
  version: number,
  contentHash: string,
  disqualified: Ineligible,
): string[] {
  const people = new Set<string>();
  for (const a of approvals) {
    if (
      a.decision === "APPROVED" &&
      a.voidedAt === null &&
      a.version === version &&
      a.contentHash === contentHash &&
      !disqualified.has(a.approverId)
    )
      people.add(a.approverId);
  }
  return [...people].sort();
}

export function approvalsComplete(
  approvals: readonly ApprovalFact[],
  version: number,
  contentHash: string,
  totalJpy: bigint,
  thresholdJpy: bigint,
  disqualified: Ineligible,
) {
  return (
    validApprovers(approvals, version, contentHash, disqualified).length >= requiredApprovers(totalJpy, thresholdJpy)
  );
}
