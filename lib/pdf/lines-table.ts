// The lines table: a navy header row (repeated on every page the table continues on) and one
// row per line, its description wrapped in its column and its numbers shrunk to fit theirs.
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { formatDecimal, formatUnitPrice, formatYen, TAX_LABEL } from "./format";
import { BOTTOM, CONTENT_W, GREY, LIGHT, type Layout, MARGIN_X, NAVY, PALE, RIGHT, WHITE } from "./layout";

// Columns (left to right). The description takes what the others leave.
const COLS = (() => {
  const fixed = { no: 22, qty: 52, unit: 36, price: 72, tax: 38, amount: 82 };
  const desc = CONTENT_W - Object.values(fixed).reduce((a, b) => a + b, 0);
  let x = MARGIN_X;
  const col = (w: number) => {
    const c = { x, w, r: x + w };
    x += w;
    return c;
  };
  return {
    no: col(fixed.no),
    desc: col(desc),
    qty: col(fixed.qty),
    unit: col(fixed.unit),
    price: col(fixed.price),
    tax: col(fixed.tax),
    amount: col(fixed.amount),
  };
})();
const CELL_PAD = 4;
const DESC_SIZE = 8.5;
const DESC_LEADING = 11.5;
const DETAIL_SIZE = 7;
const DETAIL_LEADING = 9.5;
const ROW_PAD = 4.5;
/** A description longer than this many lines is cut (a row must fit on one page). */
const MAX_ROW_LINES = 40;

export const TABLE_HEADER_H = 24;

/** The header row at the current position. */
export function layoutTableHeader(L: Layout) {
  const top = L.y;
  L.rect(MARGIN_X, top - TABLE_HEADER_H, CONTENT_W, TABLE_HEADER_H, { fill: NAVY });
  const head: [keyof typeof COLS, string, string, "left" | "right" | "center"][] = [
    ["no", "No.", "", "center"],
    ["desc", "品目", "Description", "left"],
    ["qty", "数量", "Qty", "right"],
    ["unit", "単位", "Unit", "center"],
    ["price", "単価", "Unit price", "right"],
    ["tax", "税率", "Tax", "center"],
    ["amount", "金額(税抜)", "Amount", "right"],
  ];
  for (const [key, ja, en, align] of head) {
    const c = COLS[key];
    const x = align === "left" ? c.x + CELL_PAD : align === "right" ? c.r - CELL_PAD : c.x + c.w / 2;
    L.text(ja, x, top - 11, 7.5, { font: "bold", color: WHITE, align });
    if (en) L.text(en, x, top - 20, 6, { color: [0.8, 0.85, 0.92], align });
  }
  L.y = top - TABLE_HEADER_H;
}

/** The rows below the header, each kept on one page, then the table's closing rule. A row that
 * does not fit starts a new page (whose header the layout's new-page callback draws). */
export function layoutTableRows(L: Layout, lines: InvoicePdfModel["lines"]) {
  lines.forEach((line, index) => {
    let descLines = L.wrap(line.description, DESC_SIZE, COLS.desc.w - 2 * CELL_PAD);
    let detailLines = line.detail ? L.wrap(line.detail, DETAIL_SIZE, COLS.desc.w - 2 * CELL_PAD) : [];
    if (descLines.length + detailLines.length > MAX_ROW_LINES) {
      descLines = descLines.slice(0, MAX_ROW_LINES);
      detailLines = detailLines.slice(0, Math.max(0, MAX_ROW_LINES - descLines.length));
    }
    const h = ROW_PAD * 2 + descLines.length * DESC_LEADING + detailLines.length * DETAIL_LEADING;
    if (L.y - h < BOTTOM) {
      L.text("次ページへ続く / continued", RIGHT, L.y - 10, 7, { color: GREY, align: "right" });
      L.newPage();
    }
    const top = L.y;
    if (index % 2 === 1) L.rect(MARGIN_X, top - h, CONTENT_W, h, { fill: PALE });
    const base = top - ROW_PAD - DESC_SIZE;
    L.text(String(index + 1), COLS.no.x + COLS.no.w / 2, base, 7.5, { color: GREY, align: "center" });
    descLines.forEach((d, i) => {
      L.text(d, COLS.desc.x + CELL_PAD, base - i * DESC_LEADING, DESC_SIZE);
    });
    const detailBase = base - (descLines.length - 1) * DESC_LEADING - DETAIL_LEADING;
    detailLines.forEach((d, i) => {
      L.text(d, COLS.desc.x + CELL_PAD, detailBase - i * DETAIL_LEADING, DETAIL_SIZE, { color: GREY });
    });
    L.fitRight(formatDecimal(line.quantity), COLS.qty.r - CELL_PAD, base, DESC_SIZE, COLS.qty.w - 2 * CELL_PAD);
    if (line.unit) L.fit(line.unit, COLS.unit.x + COLS.unit.w / 2, base, 7.5, COLS.unit.w - 4, { align: "center" });
    if (line.unitPriceJpy !== null)
      L.fitRight(
        formatUnitPrice(line.unitPriceJpy),
        COLS.price.r - CELL_PAD,
        base,
        DESC_SIZE,
        COLS.price.w - 2 * CELL_PAD,
      );
    L.text(TAX_LABEL[line.taxRate], COLS.tax.x + COLS.tax.w / 2, base, 7.5, { align: "center" });
    L.fitRight(formatYen(line.amountJpy), COLS.amount.r - CELL_PAD, base, DESC_SIZE, COLS.amount.w - 2 * CELL_PAD);
    L.y = top - h;
    L.line(MARGIN_X, L.y, RIGHT, L.y, LIGHT, 0.4);
  });
  if (lines.length === 0) {
    L.text("明細はありません / No lines", MARGIN_X + CONTENT_W / 2, L.y - 14, 8.5, { color: GREY, align: "center" });
    L.y -= 22;
  }
  L.line(MARGIN_X, L.y, RIGHT, L.y, NAVY, 0.8);
}
