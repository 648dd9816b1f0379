// Folding for the lookup's search text: the same company typed as 「ｱｵﾊﾞ」, 「あおば」, 「アオバ」,
// "ＡＯＢＡ" or "aoba" must meet the same stored text. Applied both to what is stored
// (Customer.searchText) and to what is searched.
//   1. NFKC: full-width Latin and digits to ASCII, half-width katakana to full-width.
//   2. Katakana to hiragana (U+30A1..U+30F6 shift by 0x60), so readings match either script.
//   3. Lower-case; whitespace and the middle dot / hyphen-like separators removed.
// Company-form words (株式会社, Co., Ltd.) are kept: they are meaningful when someone types them.

const SEPARATORS = /[\s\u30fb\u00b7\-‐‑‒–—―ー_.,、。・()（）]/g;
const KATAKANA = /[\u30a1-\u30f6]/g;

function foldOnce(text: string): string {
  const nfkc = text.normalize("NFKC").toLowerCase().normalize("NFKC");
  const hiragana = nfkc.replace(KATAKANA, (k) => String.fromCharCode(k.charCodeAt(0) - 0x60));
  return hiragana.replace(SEPARATORS, "");
}

export function normalizeForSearch(text: string): string {
  // A few exotic code points only settle after a second pass (lower-casing can leave text
  // that NFKC changes again); real names settle in one, so this costs little.
  const once = foldOnce(text);
  const twice = foldOnce(once);
  return once === twice ? once : foldOnce(twice);
}
