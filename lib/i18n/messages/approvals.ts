import { defineMessages } from "../define";

export const approvalsMessages = defineMessages({
  en: {
    title: "Approvals",
    intro: "Invoices submitted for approval that you may decide on: never ones you submitted or edited. Open one to see it whole, then approve (A) or reject (R).",
    empty: "Nothing is waiting for you. Invoices appear here when finance submits them.",
    customer: "Customer",
    month: "Month",
    total: "Total",
    change: "Change vs last month",
    flags: "Flags",
    waiting: "Submitted",
  },
  ja: {
    title: "承認",
    intro: "あなたが判断できる承認待ちの請求書です(自分で提出・編集したものは含まれません)。開いて内容を確認し、承認 (A) または差し戻し (R) してください。",
    empty: "承認待ちはありません。経理が提出するとここに表示されます。",
    customer: "顧客",
    month: "対象月",
    total: "合計",
    change: "前月比",
    flags: "フラグ",
    waiting: "提出日時",
  },
});
