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
const nobody = new Set<string>();

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
    expect(validApprovers(approvals, 3, "h3", nobody)).toEqual(["m1"]);
  });

  it("never counts an approval by someone the invoice's history disqualifies", () => {
    const approvals = [a("m1"), a("dual"), a("m2")];
    expect(validApprovers(approvals, 3, "h3", new Set(["dual"]))).toEqual(["m1", "m2"]);
    expect(validApprovers(approvals, 3, "h3", new Map([["m1", ["own-submission"]]]))).toEqual(["dual", "m2"]);
    // A large invoice "approved" by one valid person and one who submitted it in an earlier round is not complete.
    expect(approvalsComplete([a("m1"), a("dual")], 3, "h3", T, T, nobody)).toBe(true);
    expect(approvalsComplete([a("m1"), a("dual")], 3, "h3", T, T, new Set(["dual"]))).toBe(false);
    expect(approvalsComplete([a("dual")], 3, "h3", 1n, T, new Set(["dual"]))).toBe(false);
  });

  it.each([
    ["one approver, small invoice", [a("m1")], 1_000n, true],
    ["one approver twice, large invoice", [a("m1"), a("m1")], T, false],
    ["two approvers, large invoice", [a("m1"), a("m2")], T, true],
    ["two approvals, one for an old version", [a("m1"), a("m2", { version: 2 })], T, false],
    ["no approvals", [], 1n, false],
  ] as Array<[string, ApprovalFact[], bigint, boolean]>)("%s -> complete: %s", (_name, approvals, total, complete) => {
    expect(approvalsComplete(approvals, 3, "h3", total, T, nobody)).toBe(complete);
  });
});
