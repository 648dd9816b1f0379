import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decide } from "@/lib/authz/policy";
import { transition } from "@/lib/invoices/state-machine";
import { TRANSLATED_STATE_REASONS, localizeRefusal } from "./refusals";

describe("refusals in Japanese", () => {
  it("knows every reason the invoice state machine gives", () => {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, "../invoices/state-machine.ts"), "utf8");
    const reasons = [...source.matchAll(/no\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(reasons.length).toBeGreaterThan(5);
    for (const reason of reasons) expect(TRANSLATED_STATE_REASONS).toContain(reason);
  });

  it("translates by rule, keeps English for English readers and for what it does not know", () => {
    const refusal = transition("RELEASED", "edit");
    expect(refusal.allowed).toBe(false);
    if (refusal.allowed) return;
    expect(localizeRefusal({ message: refusal.reason, details: { rule: "state" } }, "ja")).toBe(
      "発行済みの請求書は変更できません。クレジットノートか取り消しで訂正してください。",
    );
    expect(localizeRefusal({ message: refusal.reason, details: { rule: "state" } }, "en")).toBe(refusal.reason);

    const decision = decide({ id: "u", roles: ["SUPPORT"] }, "invoice.approve");
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(localizeRefusal({ message: decision.message, details: { rule: decision.rule } }, "ja")).toBe(
      "この操作を行う権限がありません。",
    );
    // Already in the reader's language (the editor's own messages): unchanged.
    expect(localizeRefusal({ message: "入力内容を確認してください。", details: { rule: "invalid-line" } }, "ja")).toBe(
      "入力内容を確認してください。",
    );
  });
});
