import { defineMessages } from "../define";

// The contract's fee group on the admin customers page, and the assignments page's customer search.
export const contractMessages = defineMessages({
  en: {
    feeGroup: "Contract fee group",
    feeGroupHelp:
      "The invoice that carries the contract-level fees (fixed fees, the top-up to the operations fee's monthly " +
      "minimum) once a month when the customer is billed on several invoices. Regenerate the month's drafts to apply.",
    defaultGroup: "Default group ({group})",
    noDefaultGroup: "Default group (none: choose one)",
    contractOf: "{name}, from {month}",
    noContract: "no contract",
    oneGroup: "one billing group: fees on its invoice",
    save: "Save",
    saving: "Saving…",
    saved: "Saved. Drafts follow at their next generation.",
    unchanged: "Nothing to change.",
  },
  ja: {
    feeGroup: "契約単位の料金の請求先",
    feeGroupHelp:
      "顧客が複数の請求書に分かれているとき、契約単位の料金(固定費、運用代行費の月額最低料金までの差額)を" +
      "月に一度載せる請求書です。反映するには対象月のドラフトを再生成してください。",
    defaultGroup: "既定のグループ({group})",
    noDefaultGroup: "既定のグループ(なし: 選んでください)",
    contractOf: "{name}({month} から)",
    noContract: "契約なし",
    oneGroup: "請求グループは 1 つ: その請求書に載ります",
    save: "保存",
    saving: "保存中…",
    saved: "保存しました。ドラフトは次の生成で反映されます。",
    unchanged: "変更はありません。",
  },
});

export type ContractMessageKey = keyof typeof contractMessages.en;
