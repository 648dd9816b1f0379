// Renders an InvoicePdfModel as an A4 Japanese qualified invoice (適格請求書) with pdf-lib.
//
// Two phases: layoutInvoice() turns the model into pages of plain drawing operations (measuring
// text with the font's own advance widths), then writePdf() replays them into a PDF. Knowing
// every page before drawing gives the "page X / Y" footer, and knowing every character before
// embedding gives a deterministic subset tag, so the same model always renders the same bytes.
//
// This file composes the blocks in page order; each block lives in its own file: heading.ts
// (title, recipient, facts), issuer.ts (issuer, bank account), lines-table.ts, totals.ts, on the
// primitives of layout.ts, with fonts.ts and format.ts below them.
import { type Fonts, loadFonts } from "./fonts";
import { titles } from "./format";
import { layoutFacts, layoutRecipient, layoutTitle, layoutVoidBanner } from "./heading";
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { bankBoxSpace, layoutBankBox, layoutIssuer } from "./issuer";
import { CONTENT_W, GREY, LIGHT, Layout, MARGIN_X, NAVY, PAGE_W, RIGHT } from "./layout";
import { layoutTableHeader, layoutTableRows, TABLE_HEADER_H, tableColumns } from "./lines-table";
import { layoutTotals } from "./totals";
import { writePdf } from "./write-pdf";

export { formatDecimal, formatYen } from "./format";

function layoutInvoice(model: InvoicePdfModel, fonts: Fonts): Layout {
  const title = titles(model);
  const cols = tableColumns(model.lines);
  let inTable = false;

  const L = new Layout(fonts, (layout) => {
    // Continuation pages: a small running head, then the table header again if rows continue.
    layout.text(`${title.ja} ${title.en}`, MARGIN_X, layout.y - 10, 10, { font: "bold", color: NAVY });
    layout.text(`No. ${model.number}`, RIGHT, layout.y - 10, 9, { align: "right", color: GREY });
    layout.line(MARGIN_X, layout.y - 16, RIGHT, layout.y - 16, NAVY, 0.8);
    layout.y -= 28;
    if (inTable) layoutTableHeader(layout, cols);
  });

  layoutTitle(L, model, title);
  if (model.kind === "VOID") layoutVoidBanner(L, model);
  const headTop = L.y;
  const leftEnd = layoutRecipient(L, model, headTop);
  const rightEnd = layoutIssuer(L, model.issuer, layoutFacts(L, model, headTop) - 14);
  L.y = Math.min(leftEnd, rightEnd) - 16;

  L.ensure(TABLE_HEADER_H + 40);
  inTable = true;
  layoutTableHeader(L, cols);
  layoutTableRows(L, model.lines, cols);
  inTable = false;

  // Invoices only: a credit note or void asks for no payment. The totals, the tax per rate and
  // the bank account are one block, so no page ever holds the bank box alone.
  const payable = model.kind === "INVOICE";
  layoutTotals(L, model, payable ? bankBoxSpace(L, model.issuer) : 0);
  if (payable) layoutBankBox(L, model.issuer);
  layoutNotes(L, model.notesPrinted);
  layoutFooters(L, model);
  return L;
}

/** The printed notes, line by line so long notes may continue on the next page. */
function layoutNotes(L: Layout, notes: string | null) {
  if (!notes?.trim()) return;
  const noteLines = L.wrap(notes.trim(), 8.5, CONTENT_W - 12);
  L.ensure(20 + 12 * Math.min(2, noteLines.length));
  L.text("備考 Notes", MARGIN_X, L.y - 10, 8.5, { font: "bold", color: NAVY });
  L.line(MARGIN_X, L.y - 14, RIGHT, L.y - 14, NAVY, 0.6);
  L.y -= 16;
  for (const line of noteLines) {
    L.ensure(12);
    L.y -= 12;
    L.text(line, MARGIN_X + 6, L.y + 2, 8.5);
  }
}

/** Every page's footer, once the page count is known: issuer, "page / pages", number. */
function layoutFooters(L: Layout, model: InvoicePdfModel) {
  const pageCount = L.pages.length;
  for (let i = 0; i < pageCount; i++) {
    L.select(i);
    L.line(MARGIN_X, 44, RIGHT, 44, LIGHT, 0.5);
    L.fit(
      `${model.issuer.name}　登録番号 ${model.issuer.registrationNumber}`,
      MARGIN_X,
      32,
      7,
      PAGE_W / 2 - MARGIN_X - 30,
      { color: GREY },
    );
    L.text(`${i + 1} / ${pageCount}`, PAGE_W / 2, 32, 8, { align: "center", color: GREY });
    L.fit(`No. ${model.number}`, RIGHT, 32, 7, PAGE_W / 2 - MARGIN_X - 30, { align: "right", color: GREY });
  }
}

/** Renders the invoice as PDF bytes; the same model always yields the same bytes. */
export async function renderInvoicePdf(model: InvoicePdfModel): Promise<Uint8Array> {
  const { fonts, fontkit: adapter } = await loadFonts();
  const laid = layoutInvoice(model, fonts);
  const title = titles(model);
  const date = new Date(`${model.issueDate}T00:00:00+09:00`);
  return writePdf(laid, fonts, adapter, {
    title: model.number,
    author: model.issuer.name,
    subject: `${title.ja} / ${title.en} ${model.number}`,
    language: model.locale === "ja" ? "ja-JP" : "en",
    date: Number.isNaN(date.getTime()) ? new Date(0) : date,
  });
}
