import { defineMessages } from "../define";

export const searchMessages = defineMessages({
  en: {
    invalidTitle: "This search could not be used",
    invalidBody:
      "Nothing was searched. Check {fields}: a search is at most {max} characters with no control characters, a " +
      "month is written YYYY-MM (for example 2026-10).",
    startOver: "Start over",
  },
  ja: {
    invalidTitle: "この条件では検索できません",
    invalidBody:
      "検索は行っていません。{fields} を確認してください。" +
      "検索語は制御文字を含まない {max} 文字以内、月は YYYY-MM(例: 2026-10)の形式で指定します。",
    startOver: "条件をクリア",
  },
});
