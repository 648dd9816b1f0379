// The totals block, kept together on one page: the taxable amount and the tax per rate on the
// left (the qualified-invoice rule asks for both), the subtotal, tax and total on the right.
// What must stay on the same page below it (the bank account box) is kept with it too.
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { formatYen, TAX_BASE_LABEL } from "./format";
import { GREY, LIGHT, type Layout, MARGIN_X, NAVY, PALE, RIGHT, WHITE } from "./layout";

/** `keepWith`: the height of what follows that must share the totals' page (0 for nothing). */
export function layoutTotals(L: Layout, model: InvoicePdfModel, keepWith = 0) {
  const hasReduced =
    model.lines.some((l) => l.taxRate === "REDUCED_8") || model.taxBreakdown.some((t) => t.taxRate === "REDUCED_8");
  const breakdownRows = model.taxBreakdown.length;
  const breakdownH = 18 + breakdownRows * 16 + (hasReduced ? 14 : 0);
  const sumsH = 2 * 17 + 8 + 32;
  const totalsH = 14 + Math.max(breakdownH, sumsH);
  // The block ends 18 points below its taller column (see the end).
  if (L.ensure(totalsH + (keepWith > 0 ? 18 + keepWith : 0))) L.y -= 4;
  L.y -= 14;
  const tTop = L.y;

  const bx = MARGIN_X;
  const bw = 262;
  const bcols = { label: bx + 6, base: bx + 170, tax: bx + bw - 6 };
  L.rect(bx, tTop - 18, bw, 18, { fill: PALE });
  L.text("税率区分 Rate", bcols.label, tTop - 12, 7.5, { font: "bold", color: GREY });
  L.text("対象額 Taxable", bcols.base, tTop - 12, 7.5, { font: "bold", color: GREY, align: "right" });
  L.text("消費税 Tax", bcols.tax, tTop - 12, 7.5, { font: "bold", color: GREY, align: "right" });
  let by = tTop - 18;
  for (const row of model.taxBreakdown) {
    by -= 16;
    L.text(TAX_BASE_LABEL[row.taxRate], bcols.label, by + 5, 8.5);
    L.text(formatYen(row.baseJpy), bcols.base, by + 5, 8.5, { align: "right" });
    L.text(row.taxRate === "EXEMPT" ? "—" : formatYen(row.taxJpy), bcols.tax, by + 5, 8.5, { align: "right" });
    L.line(bx, by, bx + bw, by, LIGHT, 0.4);
  }
  if (hasReduced) {
    by -= 12;
    L.text("※ は軽減税率(8%)対象 / ※ Reduced tax rate item", bx + 2, by + 2, 7, { color: GREY });
  }

  const sx = 318;
  let sy = tTop;
  const sumRow = (label: string, value: string) => {
    sy -= 17;
    L.text(label, sx + 6, sy + 5, 8.5);
    L.text(value, RIGHT - 6, sy + 5, 9.5, { align: "right" });
    L.line(sx, sy, RIGHT, sy, LIGHT, 0.5);
  };
  sumRow("小計(税抜) Subtotal", formatYen(model.subtotalJpy));
  sumRow("消費税 Consumption tax", formatYen(model.taxJpy));
  sy -= 8;
  const totalLabel =
    model.kind === "INVOICE"
      ? "ご請求金額(税込)"
      : model.kind === "CREDIT_NOTE"
        ? "返還金額合計(税込)"
        : "取消金額合計(税込)";
  const totalEn = model.kind === "INVOICE" ? "Total due" : "Total";
  L.rect(sx, sy - 32, RIGHT - sx, 32, { fill: NAVY });
  L.text(totalLabel, sx + 8, sy - 14, 9.5, { font: "bold", color: WHITE });
  L.text(totalEn, sx + 8, sy - 25, 6.5, { color: [0.8, 0.85, 0.92] });
  L.fitRight(formatYen(model.totalJpy), RIGHT - 8, sy - 21.5, 16, RIGHT - sx - 100, { font: "bold", color: WHITE });
  sy -= 32;
  L.y = Math.min(by, sy) - 18;
}
