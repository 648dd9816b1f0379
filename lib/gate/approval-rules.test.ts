import { describe, expect, it } from "vitest";
import { approvalsComplete, requiredApprovers, validApprovers, type ApprovalFact } from "./approval-rules";

const a = (approverId: string, over: Partial<ApprovalFact> = {}): ApprovalFact => ({
  approverId,
  version: 3,
  contentHash: "h3",
  decision: "APPROVED",
  voidedAt: null,
  ...over,
});
const T = 5_000_000n;

describe("gate counting rules", () => {
  it.each([
    [4_999_999n, 1],
    [5_000_000n, 2],
    [12_000_000n, 2],
    [0n, 1],
  ] as Array<[bigint, number]>)("total %s needs %s approver(s)", (total, n) => {
    expect(requiredApprovers(total, T)).toBe(n);
  });

  it("counts each person once, and only for this version and content", () => {
    const approvals = [
      a("m1"),
      a("m1"),
      a("m2", { version: 2 }),
      a("m3", { contentHash: "old" }),
      a("m4", { voidedAt: new Date() }),
      a("m5", { decision: "REJECTED" }),
    ];
    expect(validApprovers(approvals, 3, "h3")).toEqual(["m1"]);
  });

  it.each([
    ["one approver, small invoice", [a("m1")], 1_000n, true],
    ["one approver twice, large invoice", [a("m1"), a("m1")], T, false],
    ["two approvers, large invoice", [a("m1"), a("m2")], T, true],
    ["two approvals, one for an old version", [a("m1"), a("m2", { version: 2 })], T, false],
    ["no approvals", [], 1n, false],
  ] as Array<[string, ApprovalFact[], bigint, boolean]>)("%s -> complete: %s", (_name, approvals, total, complete) => {
    expect(approvalsComplete(approvals, 3, "h3", total, T)).toBe(complete);
  });
});
