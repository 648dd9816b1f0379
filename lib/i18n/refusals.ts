// Refusals in the reader's language. The domain refuses with a stable reason code (the rule)
// and English detail for the log and the audit event; what a person reads is chosen here from
// the code, with the values the refusal carries (params). A code missing here falls back to a
// text for its error class, never to the domain's English (refusals.test.ts fails on such a code).
// The state machine's refusals are translated from its fixed reasons.
import { formatYen } from "./format";
import { translator, type Locale } from "./define";
import { draftsMessages } from "./messages/drafts";
import { usageRowRefusals } from "./messages/usage-refusals";
import { shellMessages } from "./messages/shell";

export type RefusalText = { en: string; ja: string };
export type RefusalParams = Record<string, string | number | bigint>;

/**
 * Every reason code and zod message key a person may read, in both languages. `{name}` is
 * replaced by the refusal's param of that name: `*Jpy` params print as yen, `roles` as role names.
 */
export const REFUSALS = {
  // Why a usage file or one of its rows is refused (lib/usage/usage-row.ts RowErrorCode); the
  // entries below win where a code means something else too (control-character, not-a-month).
  ...usageRowRefusals,
  // The policy (lib/authz/policy.ts).
  role: { en: "This needs the role {roles}.", ja: "この操作には「{roles}」の役割が必要です。" },
  resource: { en: "The item this action is about is missing.", ja: "この操作の対象が見つかりません。" },
  // Scheduled jobs (lib/jobs/request-run.ts).
  "jobs.unknown": { en: "There is no such job.", ja: "そのジョブはありません。" },
  // The separation of duties (the policy's words in English: the invoice page reads "You cannot
  // decide on this invoice: {reason}").
  "own-submission": {
    en: "you submitted this invoice (in this or an earlier round), so someone else must decide on it",
    ja: "この請求書を提出したのはあなたです(差し戻し前の回を含む)。承認・差し戻しは他の人が行う必要があります。",
  },
  "own-edit": {
    en: "you edited this invoice (in this or an earlier round), so someone else must decide on it",
    ja: "この請求書を編集したのはあなたです(差し戻し前の回を含む)。承認・差し戻しは他の人が行う必要があります。",
  },
  "own-correction": {
    en: "you requested this correction, so someone else must decide on it",
    ja: "この訂正(取消・返還)を依頼したのはあなたなので、承認・差し戻しは他の人が行う必要があります。",
  },
  "no-grant": {
    en: "Unmasked customer data needs an approved access grant that has not expired.",
    ja: "マスクされていない顧客情報を見るには、承認済みで有効期限内のアクセス許可が必要です。",
  },
  "own-request": {
    en: "You cannot decide on your own access request.",
    ja: "自分のアクセス申請は承認できません。",
  },
  // Any command.
  "not-found": {
    en: "Not found. It may have been deleted, or the address is wrong.",
    ja: "見つかりません。削除されたか、アドレスが正しくない可能性があります。",
  },
  state: {
    en: "This cannot be done in the current state. Reload to see it.",
    ja: "現在の状態ではこの操作はできません。再読み込みして状態を確認してください。",
  },
  invalid: { en: "Some fields are not valid.", ja: "入力内容に誤りがあります。" },
  unknown: {
    en: "Something went wrong on the server. Reload to see the current state, then try again.",
    ja: "サーバーでエラーが発生しました。再読み込みして現在の状態を確認してから、もう一度お試しください。",
  },
  // The gate, editing and release.
  "stale-version": {
    en: "The invoice changed since you opened it (now version {version}). Reload and check it again.",
    ja: "この請求書は開いた後に変更されました(現在は版 {version})。再読み込みして確認してください。",
  },
  "content-mismatch": {
    en: "The invoice's content does not match its recorded version; nothing can be done until that is explained.",
    ja: "請求書の内容が記録されている版と一致しません。原因が分かるまで操作できません。",
  },
  "not-approved": { en: "The invoice is not approved yet.", ja: "請求書はまだ承認されていません。" },
  "approvals-incomplete": {
    en: "Valid approvals for this version: {have} of {required} required.",
    ja: "この版に必要な承認がそろっていません(有効な承認 {have} 件 / 必要 {required} 件)。",
  },
  "credit-exceeds-original": {
    en: "This credit note credits {creditJpy}, but only {availableJpy} of the original invoice is left to credit.",
    ja: "このクレジットノートは {creditJpy} を減額しますが、元の請求書で減額できる残りは {availableJpy} です。",
  },
  "not-viewed": {
    en: "Bulk approval is only for invoices you opened in their current version. Open this one first.",
    ja: "一括承認できるのは、現在の版を開いて確認した請求書だけです。",
  },
  "same-approver": {
    en: "You already approved this version; a second approval must come from someone else.",
    ja: "この版はすでに承認済みです。2人目の承認は別の人が行う必要があります。",
  },
  "reason-required": { en: "Say why the invoice is rejected.", ja: "差し戻しの理由を入力してください。" },
  "void-target": {
    en: "A void must name a released invoice.",
    ja: "取り消しの対象は発行済みの請求書でなければなりません。",
  },
  "void-exists": {
    en: "A void of {number} already exists.",
    ja: "{number} の取り消しはすでに作成されています。",
  },
  "void-fixed": {
    en: "A void cancels an invoice whole and cannot be edited; make a credit note for a partial correction.",
    ja: "取消は請求書全体を取り消すもので、編集できません。一部の訂正には返還(クレジットノート)を作成してください。",
  },
  "not-released": {
    en: "Only a released invoice can be corrected.",
    ja: "訂正できるのは発行済みの請求書だけです。",
  },
  "correction-reason": {
    en: "Say why the invoice is corrected (at least {min} characters).",
    ja: "訂正の理由を入力してください({min}文字以上)。",
  },
  "due-before-issue": {
    en: "The due date {dueDate} is before the issue date {issueDate}. Change the due date, then release it.",
    ja: "支払期日({dueDate})が発行日({issueDate})より前です。支払期日を変更してから発行してください。",
  },
  settings: {
    en:
      "The issuer settings are incomplete, so nothing can be released. An admin completes them under " +
      "Administration > Settings.",
    ja: "発行元の設定が不足しているため発行できません。管理 > 設定で登録してください。",
  },
  "invalid-line": { en: "Check the fields marked in red.", ja: "入力内容を確認してください。" },
  // Draft generation: why a billing group was left out.
  "no-contract": {
    en: "No pricing contract is in force for {month}.",
    ja: "{month} に有効な料金契約がありません。",
  },
  "not-regenerated": {
    en: "The invoice is {status}, so it is not regenerated.",
    ja: "請求書が「{status}」のため、再生成しません。",
  },
  "no-fx-rate": {
    en: "No FX rate for {currency} in {month}: set it under Administration > FX rates.",
    ja: "{month} の {currency} の為替レートがありません。管理 > 為替レートで登録してください。",
  },
  "generated-meanwhile": {
    en: "Another generation created its draft meanwhile.",
    ja: "同時に実行された別の生成処理がドラフトを作成しました。",
  },
  "fee-group-missing": {
    en:
      "The contract's fee group is not one of the customer's billing groups: choose it again under " +
      "Administration > Customers.",
    ja: "契約の料金請求先グループがこの顧客の請求グループにありません。管理 > 顧客で選び直してください。",
  },
  "fee-group-none": {
    en:
      "The contract names no fee group and the customer has no default billing group: choose the fee group under " +
      "Administration > Customers.",
    ja: "契約に料金請求先グループがなく、顧客に既定の請求グループもありません。管理 > 顧客で選んでください。",
  },
  // Deliveries.
  "already-sent": { en: "This delivery was already sent.", ja: "この送信はすでに完了しています。" },
  "in-flight": {
    en: "This delivery is being sent right now. Wait a moment and look again.",
    ja: "この送信は現在処理中です。少し待ってから確認してください。",
  },
  // E-invoices.
  "peppol-participant": {
    en: "The Peppol participant ID is not valid. Check the scheme and the identifier.",
    ja: "Peppol 参加者 ID が正しくありません。スキームと識別子を確認してください。",
  },
  "einvoice-invalid": {
    en: "The e-invoice does not pass JP PINT validation, so its XML cannot be downloaded or sent.",
    ja: "電子インボイスが JP PINT の検証に通らないため、XML はダウンロード・送信できません。",
  },
  "einvoice-not-released": {
    en: "Only a released invoice has an e-invoice.",
    ja: "電子インボイスがあるのは発行済みの請求書だけです。",
  },
  // A request that did not come from the console's own pages (lib/http/origin-check.ts).
  "missing-origin": {
    en: "This request did not come from the console's own pages, so it was not carried out.",
    ja: "このリクエストはコンソールの画面から送られたものではないため、実行しませんでした。",
  },
  "null-origin": {
    en: "This request did not come from the console's own pages, so it was not carried out.",
    ja: "このリクエストはコンソールの画面から送られたものではないため、実行しませんでした。",
  },
  "malformed-origin": {
    en: "This request did not come from the console's own pages, so it was not carried out.",
    ja: "このリクエストはコンソールの画面から送られたものではないため、実行しませんでした。",
  },
  "foreign-origin": {
    en: "This request came from another site, so it was not carried out.",
    ja: "このリクエストは別のサイトから送られたため、実行しませんでした。",
  },
  "fee-group-other-customer": {
    en: "Choose the contract-level fees' billing group from this customer's billing groups.",
    ja: "契約単位の料金の請求先は、この顧客の請求グループから選んでください。",
  },
  "fee-group-required": {
    en: "This customer has no default billing group: choose where the contract-level fees are billed.",
    ja: "この顧客には既定の請求グループがないため、契約単位の料金の請求先を選んでください。",
  },
  // Sign-in throttling (lib/auth/sign-in-throttle.ts).
  "account-locked": {
    en: "This account is locked for a while after repeated failed sign-ins. Try again later.",
    ja: "サインインの失敗が続いたため、このアカウントはしばらくロックされています。時間をおいて再度お試しください。",
  },
  "address-throttled": {
    en: "Too many failed sign-ins from this address. Try again later.",
    ja: "このアドレスからのサインインの失敗が多すぎます。時間をおいて再度お試しください。",
  },
  // Access to unmasked data.
  "access-reason": {
    en: "Say why you need the data ({min} to {max} characters).",
    ja: "データが必要な理由を入力してください({min}〜{max}文字)。",
  },
  "access-reason-short": {
    en: "Say why you need the data (at least {min} characters).",
    ja: "データが必要な理由を入力してください({min}文字以上)。",
  },
  "open-request": {
    en: "You already asked for access to this customer; a manager has not decided yet.",
    ja: "この顧客へのアクセスはすでに申請済みです。承認者の判断を待っています。",
  },
  "access-active": {
    en: "You already have access to this customer.",
    ja: "この顧客へのアクセスはすでに許可されています。",
  },
  "already-decided": {
    en: "This request was already decided.",
    ja: "この申請はすでに判断済みです。",
  },
  duration: { en: "Choose how long the access lasts.", ja: "アクセスを許可する時間を選んでください。" },
  "duration-cap": {
    en: "Access lasts at most {max} minutes.",
    ja: "アクセスを許可できるのは最長 {max} 分です。",
  },
  // Administration.
  "own-admin": {
    en: "You cannot remove your own admin role or deactivate yourself.",
    ja: "自分の管理者ロールを外したり、自分のアカウントを無効にしたりはできません。",
  },
  "assignment-order": {
    en: "The project already has an assignment from {month}; choose a later month.",
    ja: "このプロジェクトには {month} からの割り当てがあります。それより後の月を選んでください。",
  },
  // Zod message keys of the actions' and commands' schemas.
  "month-format": { en: "Use a month as YYYY-MM.", ja: "年月は YYYY-MM の形式で入力してください。" },
  "too-short": { en: "Write at least {min} characters.", ja: "{min}文字以上で入力してください。" },
  "too-long": { en: "Write at most {max} characters.", ja: "{max}文字以内で入力してください。" },
  "control-character": {
    en: "Remove the control characters (such as line breaks or tabs).",
    ja: "制御文字(改行やタブなど)を取り除いてください。",
  },
  "not-a-month": { en: "Use a month as YYYY-MM.", ja: "年月は YYYY-MM の形式で入力してください。" },
  "select-invoices": { en: "Select at least one invoice.", ja: "請求書を1件以上選んでください。" },
  "too-many-invoices": {
    en: "At most {max} invoices at a time.",
    ja: "一度に選べる請求書は {max} 件までです。",
  },
  "billing-group": { en: "Choose a billing group.", ja: "請求グループを選んでください。" },
  "currency-code": {
    en: "Use a three-letter ISO 4217 currency code, e.g. USD.",
    ja: "通貨は ISO 4217 の3文字のコードで入力してください(例: USD)。",
  },
  "currency-jpy": {
    en: "Rates are to JPY; JPY needs no rate.",
    ja: "レートは円への換算レートです。JPY にはレートは不要です。",
  },
  "fx-rate-format": {
    en: "Use a positive number with at most 8 decimals, e.g. 150.25.",
    ja: "小数点以下8桁までの正の数で入力してください(例: 150.25)。",
  },
  "fx-rate-positive": { en: "The rate must be above zero.", ja: "レートは0より大きくしてください。" },
  "registration-number-format": {
    en: "Use T and 13 digits with a valid check digit.",
    ja: "登録番号は T と13桁の数字(正しいチェックディジット)で入力してください。",
  },
  // The usage import (lib/usage): a refused file, append or confirmation.
  "usage-invalid-file": {
    en: "Nothing was imported: the file has problems.",
    ja: "ファイルに問題があるため、何も取り込んでいません。",
  },
  "usage-duplicate-rows": {
    en: "Nothing was added: some rows are already billed for their month.",
    ja: "すでに請求対象の行が含まれているため、追加していません。",
  },
  "usage-invoice-released": {
    en:
      "Nothing was changed: this usage is on a released invoice. A released invoice is frozen: correct it " +
      "with a credit note.",
    ja:
      "この月の利用実績は発行済みの請求書に含まれているため、置き換え・追加できません。" +
      "クレジットノートで訂正してください。",
  },
  "usage-stale-preview": {
    en: "The usage of these months changed since this preview: import the file again to see what it changes now.",
    ja:
      "このプレビューの後に対象月の利用実績が変わりました。" +
      "現在の変更内容を確認するため、ファイルを取り込み直してください。",
  },
  "usage-not-staged": {
    en: "This usage file is not waiting for a confirmation any more.",
    ja: "この利用実績ファイルはもう確認待ちではありません。",
  },
} as const satisfies Record<string, RefusalText>;

export type RefusalCode = keyof typeof REFUSALS;

export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === "string" && Object.hasOwn(REFUSALS, value);
}

const UNAUTHENTICATED: RefusalText = {
  en: "Your session has ended. Sign in again.",
  ja: "セッションが終了しました。もう一度サインインしてください。",
};

/** What an error class means to a reader, for a refusal whose code has no text here. */
const BY_ERROR_CODE: Record<string, RefusalText> = {
  UNAUTHENTICATED,
  FORBIDDEN: { en: "You are not allowed to do this.", ja: "この操作を行う権限がありません。" },
  NOT_FOUND: REFUSALS["not-found"],
  INVALID_INPUT: REFUSALS.invalid,
  INVALID_STATE: REFUSALS.state,
  CONFLICT: {
    en: "Someone changed this meanwhile. Reload and try again.",
    ja: "他の人が同時に変更しました。再読み込みしてからもう一度お試しください。",
  },
  ALREADY_DONE: { en: "This was already done.", ja: "この操作はすでに完了しています。" },
  UNAVAILABLE: {
    en: "A service is not available right now. Try again in a moment.",
    ja: "サービスが一時的に利用できません。しばらくしてからもう一度お試しください。",
  },
  UNKNOWN: REFUSALS.unknown,
};

// The invoice state machine's reasons (lib/invoices/state-machine.ts), by their fixed text.
const STATE_REASONS: Record<string, string> = {
  "a draft must be submitted before anyone decides on it": "下書きは、提出されるまで承認・差し戻しできません。",
  "a draft cannot be released: it needs approval": "下書きは発行できません。承認が必要です。",
  "only a released invoice can be voided": "取り消せるのは発行済みの請求書だけです。",
  "the invoice is already submitted": "この請求書はすでに提出されています。",
  "the invoice is not approved yet": "この請求書はまだ承認されていません。",
  "the invoice is already approved": "この請求書はすでに承認されています。",
  "a released invoice is frozen: correct it with a credit note or a void":
    "発行済みの請求書は変更できません。クレジットノートか取り消しで訂正してください。",
  "a voided invoice is final": "取り消された請求書は変更できません。",
  "the invoice is not waiting for approval": "この請求書は承認待ちではありません。",
};

/** The state machine's reasons this module translates (a test checks it knows them all). */
export const TRANSLATED_STATE_REASONS = Object.keys(STATE_REASONS);

export const GENERIC_REFUSALS = {
  en: {
    unauthenticated: UNAUTHENTICATED.en,
    invalid: REFUSALS.invalid.en,
    unknown: REFUSALS.unknown.en,
  },
  ja: {
    unauthenticated: UNAUTHENTICATED.ja,
    invalid: REFUSALS.invalid.ja,
    unknown: REFUSALS.unknown.ja,
  },
} as const;

function formatParam(name: string, value: string | number | bigint, locale: Locale): string {
  if (name.endsWith("Jpy") && /^-?\d+$/.test(String(value))) return formatYen(String(value), locale);
  if (name === "status") {
    const key = `status${value}`;
    return key in draftsMessages.en
      ? translator(draftsMessages, locale)(key as keyof typeof draftsMessages.en)
      : String(value);
  }
  if (name === "roles") {
    const t = translator(shellMessages, locale);
    const labels = String(value)
      .split(/[,\s]+/)
      .filter(Boolean)
      .map((role) => {
        const key = `role${role}`;
        return key in shellMessages.en ? t(key as keyof typeof shellMessages.en) : role;
      });
    return labels.join(locale === "ja" ? "」または「" : " or ");
  }
  return String(value);
}

function fill(text: string, params: RefusalParams | undefined, locale: Locale): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    return value === undefined || value === null ? whole : formatParam(name, value, locale);
  });
}

/** The text of a reason code with its params, or null for a code this module does not know. */
export function refusalText(code: string, locale: Locale, params?: RefusalParams): string | null {
  if (!isRefusalCode(code)) return null;
  return fill(REFUSALS[code][locale], params, locale);
}

function paramsOf(details: Record<string, unknown> | undefined): RefusalParams | undefined {
  const params = details?.params;
  return params && typeof params === "object" ? (params as RefusalParams) : undefined;
}

/**
 * What a person reads for a refusal: the text of its rule; for the state machine the
 * translation of its reason; a message the domain already wrote in the reader's language
 * (details.localized, the editor's field checks) as it is; otherwise the text of its error class.
 */
export function localizeRefusal(
  error: { code?: string; message: string; details?: Record<string, unknown> },
  locale: Locale,
): string {
  const rule = typeof error.details?.rule === "string" ? error.details.rule : null;
  if (error.details?.localized === true) return error.message;
  const stateReason = rule === "state" ? STATE_REASONS[error.message] : undefined;
  if (stateReason) return locale === "ja" ? stateReason : error.message;
  const text = rule ? refusalText(rule, locale, paramsOf(error.details)) : null;
  if (text) return text;
  const generic = BY_ERROR_CODE[error.code ?? ""];
  if (generic) return generic[locale];
  return locale === "en" ? error.message : REFUSALS.unknown.ja;
}

/**
 * A schema's message in the reader's language: a reason code of this module is translated
 * (`bounds` are the minimum and maximum); another key (one word, no spaces) belongs to a
 * form that translates it from its own messages and is kept; prose is zod's own English for a
 * payload no form sends, and reads as "not valid".
 */
export function localizeFieldMessage(message: string, locale: Locale, bounds?: RefusalParams): string {
  const text = refusalText(message, locale, bounds);
  if (text) return text;
  return /^[\w.-]+$/.test(message) ? message : REFUSALS.invalid[locale];
}
