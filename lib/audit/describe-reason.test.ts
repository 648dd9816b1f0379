import { describe, expect, it } from "vitest";
import { auditReasonText } from "./describe-reason";

describe("an audit event's reason as the reader sees it", () => {
  it("says a recorded refusal by its rule and values, in the reader's language", () => {
    const event = {
      outcome: "REFUSED",
      reason: "due-before-issue: The due date 2026-11-30 is before the issue date 2026-12-03.",
      metadata: { rule: "due-before-issue", params: { dueDate: "2026-11-30", issueDate: "2026-12-03" } },
    };
    expect(auditReasonText(event, "ja")).toBe(
      "支払期日(2026-11-30)が発行日(2026-12-03)より前です。支払期日を変更してから発行してください。",
    );
    expect(auditReasonText(event, "en")).toBe(
      "The due date 2026-11-30 is before the issue date 2026-12-03. Change the due date, then release it.",
    );
  });

  it("reads the rule from the recorded text of older refusals, and of refused page visits", () => {
    const own = { outcome: "REFUSED", reason: "own-submission: you submitted this invoice", metadata: null };
    expect(auditReasonText(own, "ja")).toBe(
      "この請求書を提出したのはあなたです(差し戻し前の回を含む)。承認・差し戻しは他の人が行う必要があります。",
    );
    const denied = {
      outcome: "REFUSED",
      reason: "delivery.retry: role",
      metadata: { attempted: "delivery.retry", rule: "role", params: { roles: "FINANCE" } },
    };
    expect(auditReasonText(denied, "ja")).toBe("この操作には「経理」の役割が必要です。");
  });

  it("keeps what people wrote and services answered, and a refusal whose values were not recorded", () => {
    expect(auditReasonText({ outcome: "SUCCESS", reason: "金額が契約と違います", metadata: null }, "en")).toBe(
      "金額が契約と違います",
    );
    expect(auditReasonText({ outcome: "FAILURE", reason: "503 Injected failure", metadata: null }, "ja")).toBe(
      "503 Injected failure",
    );
    const old = { outcome: "REFUSED", reason: "delivery.retry: role", metadata: { attempted: "delivery.retry" } };
    expect(auditReasonText(old, "ja")).toBe("delivery.retry: role");
    expect(auditReasonText({ outcome: "REFUSED", reason: null, metadata: null }, "ja")).toBeNull();
  });
});
