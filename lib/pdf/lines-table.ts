// The lines table: a navy header row (repeated on every page the table continues on) and one
// row per line, its description wrapped in its column and its numbers shrunk to fit theirs.
//
// Quantity, unit and unit price are printed only where they mean something: on a line with a
// unit price or a unit, or a quantity other than one. A computed line (a project's service for
// the month) is an amount, not a count of anything, so it leaves them blank; when no line has
// them, the three columns are left out and the description takes their width.
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { formatDecimal, formatUnitPrice, formatYen, TAX_LABEL } from "./format";
import { BOTTOM, CONTENT_W, GREY, LIGHT, type Layout, MARGIN_X, NAVY, PALE, RIGHT, WHITE } from "./layout";

type Line = InvoicePdfModel["lines"][number];
type Column = { x: number; w: number; r: number };
export type TableColumns = {
  no: Column;
  desc: Column;
  /** Absent when no line has a quantity, unit or unit price worth printing. */
  quantities: { qty: Column; unit: Column; price: Column } | null;
  tax: Column;
  amount: Column;
};

/** Whether a line's quantity, unit and unit price say anything beyond its amount. */
export function hasQuantities(line: Pick<Line, "quantity" | "unit" | "unitPriceJpy">): boolean {
  const one = /^1(\.0*)?$/.test(line.quantity.trim());
  return line.unitPriceJpy !== null || (line.unit !== null && line.unit.trim() !== "") || !one;
}

/** The columns (left to right) for these lines; the description takes what the others leave. */
export function tableColumns(lines: readonly Line[]): TableColumns {
  const withQuantities = lines.some(hasQuantities);
  const fixed = withQuantities
    ? { no: 22, qty: 52, unit: 36, price: 72, tax: 38, amount: 82 }
    : { no: 22, qty: 0, unit: 0, price: 0, tax: 38, amount: 82 };
  const desc = CONTENT_W - Object.values(fixed).reduce((a, b) => a + b, 0);
  let x = MARGIN_X;
  const col = (w: number): Column => {
    const c = { x, w, r: x + w };
    x += w;
    return c;
  };
  const no = col(fixed.no);
  const descCol = col(desc);
  const quantities = withQuantities ? { qty: col(fixed.qty), unit: col(fixed.unit), price: col(fixed.price) } : null;
  return { no, desc: descCol, quantities, tax: col(fixed.tax), amount: col(fixed.amount) };
}

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
export function layoutTableHeader(L: Layout, cols: TableColumns) {
  const top = L.y;
  L.rect(MARGIN_X, top - TABLE_HEADER_H, CONTENT_W, TABLE_HEADER_H, { fill: NAVY });
  const q = cols.quantities;
  type Head = [Column, string, string, "left" | "right" | "center"];
  const quantityHeads: Head[] = q
    ? [
        [q.qty, "数量", "Qty", "right"],
        [q.unit, "単位", "Unit", "center"],
        [q.price, "単価", "Unit price", "right"],
      ]
    : [];
  const head: Head[] = [
    [cols.no, "No.", "", "center"],
    [cols.desc, "品目", "Description", "left"],
    ...quantityHeads,
    [cols.tax, "税率", "Tax", "center"],
    [cols.amount, "金額(税抜)", "Amount", "right"],
  ];
  for (const [c, ja, en, align] of head) {
    const x = align === "left" ? c.x + CELL_PAD : align === "right" ? c.r - CELL_PAD : c.x + c.w / 2;
    L.text(ja, x, top - 11, 7.5, { font: "bold", color: WHITE, align });
    if (en) L.text(en, x, top - 20, 6, { color: [0.8, 0.85, 0.92], align });
  }
  L.y = top - TABLE_HEADER_H;
}

/** The rows below the header, each kept on one page, then the table's closing rule. A row that
 * does not fit starts a new page (whose header the layout's new-page callback draws). */
export function layoutTableRows(L: Layout, lines: InvoicePdfModel["lines"], cols: TableColumns) {
  lines.forEach((line, index) => {
    let descLines = L.wrap(line.description, DESC_SIZE, cols.desc.w - 2 * CELL_PAD);
    let detailLines = line.detail ? L.wrap(line.detail, DETAIL_SIZE, cols.desc.w - 2 * CELL_PAD) : [];
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
    L.text(String(index + 1), cols.no.x + cols.no.w / 2, base, 7.5, { color: GREY, align: "center" });
    descLines.forEach((d, i) => {
      L.text(d, cols.desc.x + CELL_PAD, base - i * DESC_LEADING, DESC_SIZE);
    });
    const detailBase = base - (descLines.length - 1) * DESC_LEADING - DETAIL_LEADING;
    detailLines.forEach((d, i) => {
      L.text(d, cols.desc.x + CELL_PAD, detailBase - i * DETAIL_LEADING, DETAIL_SIZE, { color: GREY });
    });
    const q = cols.quantities;
    if (q && hasQuantities(line)) {
      L.fitRight(formatDecimal(line.quantity), q.qty.r - CELL_PAD, base, DESC_SIZE, q.qty.w - 2 * CELL_PAD);
      if (line.unit) L.fit(line.unit, q.unit.x + q.unit.w / 2, base, 7.5, q.unit.w - 4, { align: "center" });
      if (line.unitPriceJpy !== null)
        L.fitRight(formatUnitPrice(line.unitPriceJpy), q.price.r - CELL_PAD, base, DESC_SIZE, q.price.w - 2 * CELL_PAD);
    }
    L.text(TAX_LABEL[line.taxRate], cols.tax.x + cols.tax.w / 2, base, 7.5, { align: "center" });
    L.fitRight(formatYen(line.amountJpy), cols.amount.r - CELL_PAD, base, DESC_SIZE, cols.amount.w - 2 * CELL_PAD);
    L.y = top - h;
    L.line(MARGIN_X, L.y, RIGHT, L.y, LIGHT, 0.4);
  });
  if (lines.length === 0) {
    L.text("明細はありません / No lines", MARGIN_X + CONTENT_W / 2, L.y - 14, 8.5, { color: GREY, align: "center" });
    L.y -= 22;
  }
  L.line(MARGIN_X, L.y, RIGHT, L.y, NAVY, 0.8);
}
