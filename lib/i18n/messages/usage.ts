import { defineMessages } from "../define";

export const usageMessages = defineMessages({
  en: {
    title: "Usage import",
    intro:
      "Import a month's usage: a Google Cloud Billing export (CSV or newline-delimited JSON) or a FOCUS 1.x file. " +
      "Every row is checked; the file is imported whole or not at all. A month's usage of a billing account is a " +
      "snapshot: the same rows again change nothing, and a corrected export replaces the month only after you " +
      "confirm what it changes.",
    chooseFile: "Usage export file",
    upload: "Import",
    uploading: "Uploading… {percent}%",
    importing: "Checking and importing rows…",
    imported: "Imported {rows} rows ({format}) for {months}: {projects} projects.",
    already: "These rows are already imported (batch {batch}); nothing changed.",
    scopes: "Months in this file",
    scopeStatus: "Status",
    previousRows: "Rows before",
    "scope:new": "New",
    "scope:unchanged": "Unchanged",
    "scope:changed": "Changed",
    "scope:appended": "Added to",
    preview:
      "This file changes usage already imported. Nothing from it is billed yet: check what changes per project, " +
      "then replace the month's usage with it, or add its rows to it if it is one part of the month's export.",
    previewReleased:
      "Released invoices hold this usage ({invoices}): a change will be refused. Correct a released invoice with a " +
      "credit note.",
    previewReturns: "Confirming sends these invoices back to draft and voids their approvals: {invoices}.",
    replace: "Replace the month's usage",
    append: "Add as a part of the month",
    confirming: "Applying…",
    replaced:
      "Replaced: {rows} rows are now billed for {months}. {returned} invoice(s) returned to draft, {regenerated} " +
      "draft(s) regenerated.",
    appended:
      "Added {rows} rows to {months}. {returned} invoice(s) returned to draft, {regenerated} draft(s) regenerated.",
    changesTitle: "What changes per project",
    oldNet: "Billed now",
    oldNetApplied: "Billed before",
    newNet: "After",
    difference: "Difference",
    rowsAdded: "Rows added",
    rowsRemoved: "Rows removed",
    noChanges: "No project's usage changes.",
    returnedToDraft: "Returned to draft: {invoices}",
    "batch:current": "Billed",
    "batch:staged": "Waiting for confirmation",
    "batch:superseded": "Replaced",
    "batch:partly": "Partly replaced",
    state: "State",
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
      "請求アカウントの月次利用実績はスナップショットです。同じ行を再度取り込んでも何も変わらず、" +
      "修正版のエクスポートは変更内容を確認したうえで置き換えます。",
    chooseFile: "利用実績ファイル",
    upload: "取り込む",
    uploading: "アップロード中… {percent}%",
    importing: "行を検証して取り込み中…",
    imported: "{months} の {rows} 行({format})を取り込みました: {projects} プロジェクト。",
    already: "これらの行は取込済みです(バッチ {batch})。変更はありません。",
    scopes: "このファイルの対象月",
    scopeStatus: "状態",
    previousRows: "取込済みの行数",
    "scope:new": "新規",
    "scope:unchanged": "変更なし",
    "scope:changed": "変更あり",
    "scope:appended": "追加",
    preview:
      "このファイルは取込済みの利用実績を変更します。まだ何も請求対象にしていません。プロジェクトごとの変更を確認し、" +
      "その月の利用実績をこのファイルで置き換えるか、月のエクスポートの一部であれば行を追加してください。",
    previewReleased:
      "この利用実績は発行済みの請求書に含まれています({invoices})。変更は拒否されます。" +
      "発行済みの請求書はクレジットノートで訂正してください。",
    previewReturns: "確定すると、次の請求書はドラフトに戻り、承認は無効になります: {invoices}。",
    replace: "その月の利用実績を置き換える",
    append: "月の一部として追加する",
    confirming: "反映中…",
    replaced:
      "置き換えました: {months} の請求対象は {rows} 行になりました。請求書 {returned} 件をドラフトに戻し、" +
      "ドラフト {regenerated} 件を再生成しました。",
    appended:
      "{months} に {rows} 行を追加しました。請求書 {returned} 件をドラフトに戻し、ドラフト {regenerated} 件を" +
      "再生成しました。",
    changesTitle: "プロジェクトごとの変更",
    oldNet: "現在の請求対象",
    oldNetApplied: "変更前の請求対象",
    newNet: "変更後",
    difference: "差額",
    rowsAdded: "追加される行",
    rowsRemoved: "削除される行",
    noChanges: "利用実績が変わるプロジェクトはありません。",
    returnedToDraft: "ドラフトに戻した請求書: {invoices}",
    "batch:current": "請求対象",
    "batch:staged": "確認待ち",
    "batch:superseded": "置き換え済み",
    "batch:partly": "一部置き換え済み",
    state: "状態",
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
