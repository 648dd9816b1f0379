import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decide } from "@/lib/authz/policy";
import { transition } from "@/lib/invoices/state-machine";
import { IMPORT_REFUSAL_CODES } from "@/lib/usage/import-result";
import type { Messages } from "./define";
import { rowReason, usageRowReasons } from "./messages/usage-refusals";
import { collectReasonCodes, collectUnruledAppErrors, collectZodMessageKeys } from "@/tests/support/reason-codes";
import {
  isRefusalCode,
  localizeFieldMessage,
  localizeRefusal,
  REFUSALS,
  refusalText,
  TRANSLATED_STATE_REASONS,
} from "./refusals";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every message table's keys: a zod message key may belong to the form that shows it. */
async function messageTableKeys(): Promise<Set<string>> {
  const dir = path.join(ROOT, "lib/i18n/messages");
  const keys = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      const table = value as Partial<Messages<string>>;
      if (table && typeof table === "object" && table.en && table.ja)
        for (const key of Object.keys(table.en)) if (table.ja[key]?.trim()) keys.add(key);
    }
  }
  return keys;
}

describe("every reason a person may read has Japanese text", () => {
  const codes = collectReasonCodes(ROOT);

  it("collects the reason codes from the source (refusals, policy rules, skips, import reasons)", () => {
    // The collector itself must find what is known to be there, or the next test proves nothing.
    for (const known of [
      "role",
      "own-submission",
      "not-found",
      "stale-version",
      "due-before-issue",
      "no-contract",
      "foreign-origin",
    ])
      expect(codes.map((c) => c.code)).toContain(known);
  });

  it("has a Japanese and an English text for every reason code in the source", () => {
    const missing = codes.filter((c) => !isRefusalCode(c.code)).map((c) => `${c.code} (${c.where})`);
    expect(missing, "add these codes to REFUSALS in lib/i18n/refusals.ts").toEqual([]);
    for (const [code, text] of Object.entries(REFUSALS)) {
      expect(text.ja.trim(), code).not.toBe("");
      expect(text.en.trim(), code).not.toBe("");
      // The same placeholders in both languages.
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text.ja), code).toEqual(names(text.en));
    }
  });

  it("has text for every zod message key (REFUSALS, or the message table of the form that shows it)", async () => {
    const keys = collectZodMessageKeys(ROOT);
    expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining(["month-format", "err_yen", "errTooLong"]));
    const tables = await messageTableKeys();
    const missing = keys.filter((k) => !isRefusalCode(k.key) && !tables.has(k.key)).map((k) => `${k.key} (${k.where})`);
    expect(missing, "a zod message must be a key with text in both languages").toEqual([]);
  });

  it("gives every AppError a rule (a reason code), so no English falls through to a screen", () => {
    expect(collectUnruledAppErrors(ROOT)).toEqual([]);
  });

  it("knows every reason the invoice state machine gives", () => {
    const source = fs.readFileSync(path.join(ROOT, "lib/invoices/state-machine.ts"), "utf8");
    const reasons = [...source.matchAll(/no\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(reasons.length).toBeGreaterThan(5);
    for (const reason of reasons) expect(TRANSLATED_STATE_REASONS).toContain(reason);
  });
});

describe("localizeRefusal", () => {
  it("translates by rule, with the refusal's values", () => {
    const decision = decide({ id: "u", roles: ["SUPPORT"] }, "invoice.release");
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    const error = {
      code: "FORBIDDEN",
      message: decision.message,
      details: { rule: decision.rule, params: decision.params },
    };
    expect(localizeRefusal(error, "ja")).toBe("この操作には「経理」の役割が必要です。");
    expect(localizeRefusal(error, "en")).toBe("This needs the role Finance.");
    expect(
      localizeRefusal(
        {
          code: "INVALID_STATE",
          message: "The due date 2026-11-30 is before the issue date 2026-12-03.",
          details: { rule: "due-before-issue", params: { dueDate: "2026-11-30", issueDate: "2026-12-03" } },
        },
        "ja",
      ),
    ).toBe("支払期日(2026-11-30)が発行日(2026-12-03)より前です。支払期日を変更してから発行してください。");
    expect(refusalText("credit-exceeds-original", "en", { creditJpy: "5000", availableJpy: "1200" })).toBe(
      "This credit note credits ¥5,000, but only ¥1,200 of the original invoice is left to credit.",
    );
  });

  it("translates the state machine's reasons, and keeps what the domain already wrote in the reader's language", () => {
    const refusal = transition("RELEASED", "edit");
    expect(refusal.allowed).toBe(false);
    if (refusal.allowed) return;
    expect(localizeRefusal({ message: refusal.reason, details: { rule: "state" } }, "ja")).toBe(
      "発行済みの請求書は変更できません。クレジットノートか取り消しで訂正してください。",
    );
    expect(localizeRefusal({ message: refusal.reason, details: { rule: "state" } }, "en")).toBe(refusal.reason);
    expect(
      localizeRefusal(
        { message: "入力内容を確認してください。", details: { rule: "invalid-line", localized: true } },
        "ja",
      ),
    ).toBe("入力内容を確認してください。");
  });

  it("never shows the domain's English to a Japanese reader, even for a code it does not know", () => {
    const unknown = { code: "CONFLICT", message: "Some English detail.", details: { rule: "brand-new-rule" } };
    expect(localizeRefusal(unknown, "ja")).toBe(
      "他の人が同時に変更しました。再読み込みしてからもう一度お試しください。",
    );
    expect(localizeRefusal({ message: "Some English detail." }, "ja")).not.toMatch(/[A-Za-z]{4}/);
  });

  it("translates zod message keys with their bounds, keeps form keys, and hides zod's own wording", () => {
    expect(localizeFieldMessage("too-long", "ja", { max: "1000" })).toBe("1000文字以内で入力してください。");
    expect(localizeFieldMessage("month-format", "en")).toBe("Use a month as YYYY-MM.");
    expect(localizeFieldMessage("errTooLong", "ja")).toBe("errTooLong");
    expect(localizeFieldMessage("Invalid input: expected string, received number", "ja")).toBe(
      "入力内容に誤りがあります。",
    );
  });
});

describe("usage import refusals", () => {
  it("every refusal code of the importer has its text in both languages", () => {
    for (const code of IMPORT_REFUSAL_CODES) {
      expect(isRefusalCode(code), code).toBe(true);
      const ja = localizeRefusal({ message: "english", details: { rule: code } }, "ja");
      expect(ja, code).toBe(refusalText(code, "ja"));
      expect(localizeRefusal({ message: "english", details: { rule: code } }, "en")).toBe(refusalText(code, "en"));
    }
  });

  it("every row reason code reads in both languages, with its values", () => {
    expect(rowReason({ code: "impossible-date", params: { value: "2024-02-30" } }, "ja")).toBe(
      "「2024-02-30」は存在しない日付・時刻です",
    );
    expect(rowReason({ code: "impossible-date", params: { value: "2024-02-30" } }, "en")).toBe(
      '"2024-02-30" is not a real date or time',
    );
    for (const locale of ["ja", "en"] as const)
      for (const [code, text] of Object.entries(usageRowReasons[locale])) expect(text, code).not.toBe("");
  });
});
