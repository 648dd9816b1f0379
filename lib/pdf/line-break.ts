// Where wrapped text may break: between words and around each CJK character, except before a
// character that must not start a line or after one that must not end it (kinsoku shori).

// Characters that must not start a line, kept with what precedes them, and opening brackets
// that must not end one, kept with what follows.
const NO_LINE_START = new Set([
  ..."、。，．,.)）」』】〕〉》]｝}ー－ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々・：；:;!?！？%％",
]);
const NO_LINE_END = new Set([..."（「『【〔〈《([｛{〒"]);
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;

/** Splits text into break units: a space run, a run of non-CJK characters (a word), or one CJK
 * character; trailing no-line-start characters stay with their unit. */
export function breakUnits(text: string): string[] {
  const units: string[] = [];
  const isSpace = (c: string) => c === " " || c === "\u3000" || c === "\t";
  // Every character joins the last unit or starts a new one, so the last unit ends with prevCh.
  let prevCh = "";
  for (const ch of text) {
    const last = units.length - 1;
    const join =
      last >= 0 &&
      (isSpace(ch)
        ? isSpace(prevCh)
        : !isSpace(prevCh) &&
          (NO_LINE_START.has(ch) || NO_LINE_END.has(prevCh) || (!CJK.test(ch) && !CJK.test(prevCh))));
    if (join) units[last] += ch;
    else units.push(ch);
    prevCh = ch;
  }
  return units;
}
