import { defineMessages } from "../define";

export const jobsMessages = defineMessages({
  en: {
    title: "Scheduled jobs",
    intro:
      "The delivery workers run these jobs on their schedules (Japan time); each occurrence runs once, " +
      "however many workers there are. Every run is recorded in the audit log.",
    job: "Job",
    schedule: "Schedule (cron)",
    lastRun: "Last run",
    outcome: "Outcome",
    nextRun: "Next run",
    never: "never",
    running: "running",
    runNow: "Run now",
    requested: "Requested. A worker runs it within a few seconds.",
    byHand: "by hand",
    SUCCESS: "Succeeded",
    FAILURE: "Failed",
    "expire-access-grants": "Expire access grants",
    "audit-verify": "Verify the audit chain",
    "audit-checkpoint": "Post the audit chain's head to the document service",
    "summarize-refused-requests": "Summarise refused requests over the per-minute limit",
    "sweep-sign-in-locks": "Record the end of passed sign-in locks",
    "sweep-delivery-leases": "Release stale delivery leases",
    "usage-inbox": "Import files from the usage inbox",
    "generate-drafts": "Generate last month's drafts",
  },
  ja: {
    title: "定期ジョブ",
    intro:
      "配信ワーカーがこれらのジョブを予定どおり（日本時間）に実行します。" +
      "ワーカーが何台あっても各回は一度だけ実行されます。" +
      "すべての実行は監査ログに記録されます。",
    job: "ジョブ",
    schedule: "スケジュール（cron）",
    lastRun: "前回の実行",
    outcome: "結果",
    nextRun: "次回の実行",
    never: "なし",
    running: "実行中",
    runNow: "今すぐ実行",
    requested: "受け付けました。数秒以内にワーカーが実行します。",
    byHand: "手動",
    SUCCESS: "成功",
    FAILURE: "失敗",
    "expire-access-grants": "アクセス許可の期限切れ処理",
    "audit-verify": "監査チェーンの検証",
    "audit-checkpoint": "監査チェーンの先頭を文書サービスへ記録",
    "summarize-refused-requests": "上限を超えて拒否されたリクエストの集計",
    "sweep-sign-in-locks": "期限を過ぎたサインインロックの終了記録",
    "sweep-delivery-leases": "期限切れの配信リースの解放",
    "usage-inbox": "利用明細受け取りフォルダーの取り込み",
    "generate-drafts": "前月の請求書下書きの生成",
  },
});
