import { defineMessages } from "../define";

export const usageMessages = defineMessages({
  en: {
    title: "Usage import",
    intro:
      "Import a month's usage: a Google Cloud Billing export (CSV or newline-delimited JSON) or a FOCUS 1.x file. " +
      "Every row is checked; the file is imported whole or not at all, and importing the same file again changes " +
      "nothing.",
    chooseFile: "Usage export file",
    upload: "Import",
    uploading: "Uploading… {percent}%",
    importing: "Checking and importing rows…",
    imported: "Imported {rows} rows ({format}) for {months}: {projects} projects.",
    already: "This file was already imported (batch {batch}); nothing changed.",
    refused: "Nothing was imported: {count} problem(s). Fix the file and import it again.",
    line: "Line",
    column: "Column",
    reason: "Reason",
    downloadRejected: "Download the problems as CSV",
    moreErrors: "Showing the first {shown} of {count}.",
    currency: "Currency",
    cost: "Cost",
    credits: "Credits",
    net: "After credits",
    recent: "Recent usage batches",
    noBatches:
      "No usage imported yet. Choose a file above, or run `npm run usage:import -- <file>` for very large files.",
    file: "File",
    months: "Months",
    rows: "Rows",
    importedAt: "Imported",
    unassignedTitle: "Unassigned usage",
    unassignedIntro:
      "Usage of projects no customer is assigned to for the month. It is kept, and it is billed once an " +
      "administrator assigns the project.",
    noUnassigned: "Every project with usage in {month} is assigned to a customer.",
    project: "Project",
    billingAccount: "Billing account",
    seeUnassigned: "Unassigned usage",
    failed: "The upload failed: {message}",
  },
  ja: {
    title: "利用実績の取込",
    intro:
      "月次の利用実績を取り込みます: Google Cloud 請求エクスポート(CSV または改行区切り JSON)または FOCUS 1.x " +
      "ファイル。全行を検証し、ファイル全体を取り込むか何も取り込まないかのどちらかです。" +
      "同じファイルを再度取り込んでも何も変わりません。",
    chooseFile: "利用実績ファイル",
    upload: "取り込む",
    uploading: "アップロード中… {percent}%",
    importing: "行を検証して取り込み中…",
    imported: "{months} の {rows} 行({format})を取り込みました: {projects} プロジェクト。",
    already: "このファイルは取込済みです(バッチ {batch})。変更はありません。",
    refused: "何も取り込んでいません: 問題 {count} 件。ファイルを修正して再度取り込んでください。",
    line: "行",
    column: "列",
    reason: "理由",
    downloadRejected: "問題の一覧を CSV でダウンロード",
    moreErrors: "{count} 件中、最初の {shown} 件を表示しています。",
    currency: "通貨",
    cost: "費用",
    credits: "クレジット",
    net: "クレジット適用後",
    recent: "最近の取込バッチ",
    noBatches:
      "利用実績はまだ取り込まれていません。上でファイルを選ぶか、大きなファイルは `npm run usage:import -- <file>` " +
      "を実行してください。",
    file: "ファイル",
    months: "対象月",
    rows: "行数",
    importedAt: "取込日時",
    unassignedTitle: "未割当の利用",
    unassignedIntro:
      "当月、顧客に割り当てられていないプロジェクトの利用です。削除されず、" +
      "管理者がプロジェクトを割り当てると請求されます。",
    noUnassigned: "{month} に利用のあるプロジェクトはすべて顧客に割り当てられています。",
    project: "プロジェクト",
    billingAccount: "請求アカウント",
    seeUnassigned: "未割当の利用",
    failed: "アップロードに失敗しました: {message}",
  },
});
