// Why a usage file (or one of its rows) is refused, by the reason code the importer gives
// (lib/usage/usage-row.ts RowErrorCode), in both languages. The compiler checks every code has
// its text (usageRowReasons below).
import type { RowErrorCode } from "@/lib/usage/usage-row";
import { type Locale, defineMessages, translator } from "../define";

export const usageRefusalMessages = defineMessages({
  en: {
    empty: "is empty",
    "not-a-number": '"{value}" is not a number',
    "number-out-of-range": '"{value}" is out of range (more than 15 digits before the decimal point)',
    "too-many-decimals": '"{value}" has more than 30 decimal places; amounts are kept exactly, never rounded',
    "unknown-currency": 'unknown currency "{value}"',
    "not-a-date": '"{value}" is not a date',
    "impossible-date": '"{value}" is not a real date or time',
    "date-out-of-range": '"{value}" is outside the years 2000 to 2099',
    "not-a-month": '"{value}" is not a month (YYYYMM or YYYY-MM)',
    "month-missing": "is missing: usage is billed by its invoice month",
    "billing-period-missing": "is missing: usage is billed by its billing period",
    "invalid-json": "is not valid JSON",
    "not-a-list": "must be a list of credits",
    "not-a-json-object": "is not a JSON object",
    "control-character": "holds a NUL character, which cannot be stored",
    "field-count": "has {fields} fields; the header has {expected}",
    "missing-columns": "required column is missing from the header: {columns}",
    "unknown-format":
      "the file is neither a Google Cloud Billing export (CSV or newline-delimited JSON) nor a FOCUS 1.x cost and " +
      "usage file: its first line has none of their columns",
    "empty-file": "the file is empty",
    "no-rows": "the file has no usage rows",
    "duplicate-row": "is already billed: line {line} of {file}",
  },
  ja: {
    empty: "値が空です",
    "not-a-number": "「{value}」は数値ではありません",
    "number-out-of-range": "「{value}」は範囲外です(整数部が 15 桁を超えています)",
    "too-many-decimals": "「{value}」は小数点以下が 30 桁を超えています。金額は丸めずにそのまま保存します",
    "unknown-currency": "不明な通貨「{value}」です",
    "not-a-date": "「{value}」は日付ではありません",
    "impossible-date": "「{value}」は存在しない日付・時刻です",
    "date-out-of-range": "「{value}」は 2000 年から 2099 年の範囲外です",
    "not-a-month": "「{value}」は年月(YYYYMM または YYYY-MM)ではありません",
    "month-missing": "ありません。利用実績は請求月で請求します",
    "billing-period-missing": "ありません。利用実績は請求期間で請求します",
    "invalid-json": "JSON として正しくありません",
    "not-a-list": "クレジットの一覧(配列)でなければなりません",
    "not-a-json-object": "JSON オブジェクトではありません",
    "control-character": "保存できない NUL 文字を含んでいます",
    "field-count": "項目数が {fields} 個です。見出し行は {expected} 個です",
    "missing-columns": "見出し行に必須の列がありません: {columns}",
    "unknown-format":
      "Google Cloud 請求エクスポート(CSV または改行区切り JSON)でも FOCUS 1.x ファイルでもありません。" +
      "1 行目にどちらの列もありません",
    "empty-file": "ファイルが空です",
    "no-rows": "利用実績の行がありません",
    "duplicate-row": "すでに請求対象です: {file} の {line} 行目",
  },
});

/** Every reason code has its text (a code added to RowErrorCode without one fails to compile). */
export const usageRowReasons: Record<Locale, Record<RowErrorCode, string>> = usageRefusalMessages;

/** The same texts as reason codes of the refusals table (lib/i18n/refusals.ts), both languages each. */
export const usageRowRefusals = Object.fromEntries(
  (Object.keys(usageRowReasons.en) as RowErrorCode[]).map((code) => [
    code,
    { en: usageRowReasons.en[code], ja: usageRowReasons.ja[code] },
  ]),
) as Record<RowErrorCode, { en: string; ja: string }>;

/** A refused row's reason in the reader's language. */
export function rowReason(error: { code: RowErrorCode; params?: Record<string, string | number> }, locale: Locale) {
  return translator(usageRefusalMessages, locale)(error.code, error.params);
}
