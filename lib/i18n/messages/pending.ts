import { defineMessages } from "../define";

export const pendingMessages = defineMessages({
  en: {
    notYet: "Not available yet",
    body:
      "This part of the console ({area}) is planned but not built yet. Nothing here can be done in the console for " +
      "now.",
    releases: "releasing invoices and following their delivery",
    lookup: "support lookup",
    access: "deciding on requests for unmasked customer data",
    audit: "reading and verifying the audit log",
    settings: "gate and invoice settings",
  },
  ja: {
    notYet: "まだ利用できません",
    body: "この機能({area})は計画中で、まだ作られていません。現時点ではコンソールでこの操作はできません。",
    releases: "請求書の発行と送付状況",
    lookup: "サポート向け照会",
    access: "顧客情報のマスク解除申請の承認",
    audit: "監査ログの閲覧と検証",
    settings: "承認ゲートと請求書の設定",
  },
});
