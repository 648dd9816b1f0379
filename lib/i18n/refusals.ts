// Refusals in the reader's language. The domain refuses in English (audit events record the
// rule and that text); what a person sees in the console is chosen here from the rule, or for
// the state machine from its fixed reason. A refusal not listed keeps its English text, and
// messages the domain already wrote in the reader's language (edits) pass through unchanged.
import type { Locale } from "./define";

const BY_RULE: Record<string, string> = {
  role: "この操作を行う権限がありません。",
  resource: "この操作の対象が見つかりません。",
  "own-submission":
    "この請求書を提出したのはあなたです(差し戻し前の回を含む)。承認・差し戻しは他の人が行う必要があります。",
  "own-edit": "この請求書を編集したのはあなたです(差し戻し前の回を含む)。承認・差し戻しは他の人が行う必要があります。",
  "own-correction": "この訂正(取消・返還)を依頼したのはあなたなので、承認・差し戻しは他の人が行う必要があります。",
  "no-grant": "マスクされていない顧客情報を見るには、承認済みで有効期限内のアクセス許可が必要です。",
  "own-request": "自分のアクセス申請は承認できません。",
  "not-found": "見つかりません。削除されたか、アドレスが正しくない可能性があります。",
  "content-mismatch": "請求書の内容が記録されている版と一致しません。原因が分かるまで操作できません。",
  "not-approved": "請求書はまだ承認されていません。",
  "approvals-incomplete": "この版に必要な承認がそろっていません。",
  "credit-exceeds-original": "このクレジットノートは、元の請求書の残額を超えて減額しています。",
  "not-viewed": "一括承認できるのは、現在の版を開いて確認した請求書だけです。",
  "same-approver": "この版はすでに承認済みです。2人目の承認は別の人が行う必要があります。",
  "reason-required": "差し戻しの理由を入力してください。",
  "void-target": "取り消しの対象は発行済みの請求書でなければなりません。",
  "void-exists": "この請求書の取り消しはすでに作成されています。",
  settings: "発行元の設定が不足しているため発行できません。管理 > 設定で登録してください。",
  "already-sent": "この送信はすでに完了しています。",
  "in-flight": "この送信は現在処理中です。少し待ってから確認してください。",
  "peppol-participant": "Peppol 参加者 ID が正しくありません。スキームと識別子を確認してください。",
  "einvoice-invalid": "電子インボイスが JP PINT の検証に通らないため、XML はダウンロード・送信できません。",
  "einvoice-not-released": "電子インボイスがあるのは発行済みの請求書だけです。",
  "fee-group-other-customer": "契約単位の料金の請求先は、この顧客の請求グループから選んでください。",
  "fee-group-required": "この顧客には既定の請求グループがないため、契約単位の料金の請求先を選んでください。",
  "missing-origin": "このリクエストはコンソールの画面から送られたものではないため、実行しませんでした。",
  "null-origin": "このリクエストはコンソールの画面から送られたものではないため、実行しませんでした。",
  "malformed-origin": "このリクエストはコンソールの画面から送られたものではないため、実行しませんでした。",
  "foreign-origin": "このリクエストは別のサイトから送られたため、実行しませんでした。",
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
    unauthenticated: "Your session has ended. Sign in again.",
    invalid: "Some fields are not valid.",
    unknown: "Something went wrong on the server. Reload to see the current state, then try again.",
  },
  ja: {
    unauthenticated: "セッションが終了しました。もう一度サインインしてください。",
    invalid: "入力内容に誤りがあります。",
    unknown: "サーバーでエラーが発生しました。再読み込みして現在の状態を確認してから、もう一度お試しください。",
  },
} as const;

export function localizeRefusal(error: { message: string; details?: Record<string, unknown> }, locale: Locale): string {
  if (locale === "en") return error.message;
  const rule = typeof error.details?.rule === "string" ? error.details.rule : null;
  if (rule === "state") return STATE_REASONS[error.message] ?? error.message;
  return (rule && BY_RULE[rule]) || error.message;
}
