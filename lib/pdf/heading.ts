// The head of the first page: the title, a void's banner, the recipient (left column) and the
// invoice's facts (right column, above the issuer).
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { formatDate, formatPeriod } from "./format";
import {
  CONTENT_W,
  GREY,
  HEAD_LEFT_W,
  HEAD_RIGHT_X,
  LIGHT,
  type Layout,
  MARGIN_X,
  NAVY,
  PAGE_W,
  PALE_RED,
  RED,
  RIGHT,
} from "./layout";

/** The title, large in the model's language and small in the other, underlined twice. */
export function layoutTitle(L: Layout, model: InvoicePdfModel, title: { ja: string; en: string }) {
  const titleSize = 22;
  const [bigTitle, smallTitle] = model.locale === "en" ? [title.en, title.ja] : [title.ja, title.en];
  L.text(bigTitle, PAGE_W / 2, L.y - titleSize, titleSize, {
    font: "bold",
    align: "center",
    color: model.kind === "VOID" ? RED : NAVY,
  });
  L.text(smallTitle, PAGE_W / 2, L.y - titleSize - 15, 9, { align: "center", color: GREY });
  const titleW = Math.max(L.width(bigTitle, titleSize, "bold"), 90) + 60;
  L.line(PAGE_W / 2 - titleW / 2, L.y - titleSize - 23, PAGE_W / 2 + titleW / 2, L.y - titleSize - 23, NAVY, 1.2);
  L.line(PAGE_W / 2 - titleW / 2, L.y - titleSize - 25.5, PAGE_W / 2 + titleW / 2, L.y - titleSize - 25.5, NAVY, 0.4);
  L.y -= titleSize + 40;
}

/** Makes the cancellation impossible to miss: a red banner naming the voided invoice. */
export function layoutVoidBanner(L: Layout, model: InvoicePdfModel) {
  const voided = model.correctsNumber ?? "—";
  const h = 34;
  L.rect(MARGIN_X, L.y - h, CONTENT_W, h, { fill: PALE_RED, stroke: RED, lineWidth: 1.2 });
  L.text(`取消 / VOID　請求書 ${voided} を取り消します。`, PAGE_W / 2, L.y - 15, 11, {
    font: "bold",
    color: RED,
    align: "center",
  });
  L.text(`This document voids invoice ${voided}. Please disregard the original invoice.`, PAGE_W / 2, L.y - 27, 7.5, {
    color: RED,
    align: "center",
  });
  L.y -= h + 14;
}

/** The recipient, its codes and the greeting, from `top` down; returns where the column ends. */
export function layoutRecipient(L: Layout, model: InvoicePdfModel, top: number): number {
  const leftW = HEAD_LEFT_W;
  let ly = top;
  const nameSize = 13;
  const suffix = "御中";
  const nameLines = L.wrap(model.recipient.name, nameSize, leftW - L.width(` ${suffix}`, 10.5) - 2, "bold");
  nameLines.forEach((line, i) => {
    ly -= nameSize + 4;
    L.text(line, MARGIN_X, ly, nameSize, { font: "bold" });
    if (i === nameLines.length - 1)
      L.text(suffix, MARGIN_X + L.width(line, nameSize, "bold") + 6, ly, 10.5, { font: "bold" });
  });
  ly -= 6;
  L.line(MARGIN_X, ly, MARGIN_X + leftW, ly, NAVY, 1);
  ly -= 4;
  if (model.recipient.department) {
    for (const line of L.wrap(model.recipient.department, 9.5, leftW)) {
      ly -= 13;
      L.text(line, MARGIN_X, ly, 9.5);
    }
  }
  if (model.recipient.address) {
    for (const line of L.wrap(model.recipient.address, 8.5, leftW)) {
      ly -= 12;
      L.text(line, MARGIN_X, ly, 8.5, { color: GREY });
    }
  }
  ly -= 14;
  L.text(`お客様コード Customer code: ${model.recipient.customerCode}`, MARGIN_X, ly, 8, { color: GREY });
  if (model.recipient.registrationNumber) {
    ly -= 12;
    L.text(`登録番号 ${model.recipient.registrationNumber}`, MARGIN_X, ly, 8, { color: GREY });
  }
  ly -= 22;
  const corrected = model.correctsNumber ?? "—";
  const greeting =
    model.locale === "en"
      ? model.kind === "INVOICE"
        ? "Please find our invoice below."
        : model.kind === "CREDIT_NOTE"
          ? `Credit for invoice ${corrected}, as detailed below.`
          : `Invoice ${corrected} has been voided.`
      : model.kind === "INVOICE"
        ? "下記のとおりご請求申し上げます。"
        : model.kind === "CREDIT_NOTE"
          ? `請求書 ${corrected} について、下記のとおり返還いたします。`
          : `請求書 ${corrected} は取り消されました。`;
  for (const line of L.wrap(greeting, 9, leftW)) {
    L.text(line, MARGIN_X, ly, 9);
    ly -= 13;
  }
  return ly;
}

/** Number, corrected number, dates and period as ruled rows, from `top` down; returns where they end. */
export function layoutFacts(L: Layout, model: InvoicePdfModel, top: number): number {
  const rightX = HEAD_RIGHT_X;
  const rightW = RIGHT - rightX;
  let ry = top;
  const meta: [string, string][] = [[model.kind === "INVOICE" ? "請求書番号 No." : "番号 No.", model.number]];
  if (model.correctsNumber && model.kind !== "INVOICE") meta.push(["元請求書番号 Original", model.correctsNumber]);
  meta.push(["発行日 Issue date", formatDate(model.issueDate, model.locale)]);
  if (model.dueDate && model.kind === "INVOICE")
    meta.push(["お支払期限 Due date", formatDate(model.dueDate, model.locale)]);
  meta.push(["取引期間 Period", formatPeriod(model.periodStart, model.periodEnd, model.locale)]);
  for (const [label, value] of meta) {
    ry -= 15;
    L.text(label, rightX, ry + 4, 7.5, { color: GREY });
    L.fitRight(value, RIGHT, ry + 4, 9, rightW - 86, { font: label.includes("No.") ? "bold" : "regular" });
    L.line(rightX, ry, RIGHT, ry, LIGHT, 0.5);
  }
  return ry;
}
