// The issuer's two blocks: who issues the invoice (name, registration number, address, in the
// head's right column) and, on an invoice, the bank account to pay into.
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { CONTENT_W, GREY, HEAD_RIGHT_X, LIGHT, type Layout, MARGIN_X, NAVY, PALE, RIGHT } from "./layout";

type Issuer = InvoicePdfModel["issuer"];

/** The issuer from `top` down in the head's right column; returns where it ends. */
export function layoutIssuer(L: Layout, issuer: Issuer, top: number): number {
  const rightX = HEAD_RIGHT_X;
  const rightW = RIGHT - rightX;
  let ry = top;
  for (const line of L.wrap(issuer.name, 11, rightW, "bold")) {
    ry -= 14;
    L.text(line, rightX, ry, 11, { font: "bold" });
  }
  if (issuer.nameLatin) {
    ry -= 11;
    L.text(issuer.nameLatin, rightX, ry, 7.5, { color: GREY });
  }
  ry -= 13;
  L.text(`登録番号 ${issuer.registrationNumber}`, rightX, ry, 8.5);
  const address = `${issuer.postalCode ? `〒${issuer.postalCode} ` : ""}${issuer.address}`;
  for (const line of L.wrap(address, 8, rightW)) {
    ry -= 11.5;
    L.text(line, rightX, ry, 8, { color: GREY });
  }
  if (issuer.phone) {
    ry -= 11.5;
    L.text(`TEL ${issuer.phone}`, rightX, ry, 8, { color: GREY });
  }
  return ry;
}

function bankLines(L: Layout, issuer: Issuer) {
  return L.wrap(issuer.bank, 10, CONTENT_W - 110, "bold");
}

/** The height the bank account box needs on its page (the totals keep it with them). */
export function bankBoxSpace(L: Layout, issuer: Issuer): number {
  return 14 + bankLines(L, issuer).length * 14 + 6;
}

/** The bank account box, kept on one page. */
export function layoutBankBox(L: Layout, issuer: Issuer) {
  const lines = bankLines(L, issuer);
  const h = 14 + lines.length * 14;
  L.ensure(h + 6);
  L.rect(MARGIN_X, L.y - h, CONTENT_W, h, { fill: PALE, stroke: LIGHT });
  L.text("お振込先", MARGIN_X + 10, L.y - 15, 9, { font: "bold", color: NAVY });
  L.text("Bank account", MARGIN_X + 10, L.y - 25, 6.5, { color: GREY });
  let y = L.y - 16;
  for (const line of lines) {
    L.text(line, MARGIN_X + 100, y, 10, { font: "bold" });
    y -= 14;
  }
  L.y -= h + 14;
}
