// Replays laid-out pages into a PDF with pdf-lib: each font embedded as a subset whose tag comes
// from the characters used, so the same pages always give the same bytes.
import { createHash } from "node:crypto";
import { PDFDocument, type PDFFont, type PDFPage, rgb, type RGB } from "pdf-lib";
import type { FontKey, Fonts, PdfLibFontkit } from "./fonts";
import { type Color, type Layout, type Op, PAGE_H, PAGE_W } from "./layout";

/** The document information written with the pages; both dates are the same fixed stamp. */
export type PdfMetadata = {
  title: string;
  author: string;
  subject: string;
  language: string;
  date: Date;
};

function color(c: Color): RGB {
  return rgb(c[0], c[1], c[2]);
}

/** Six capital letters from the used characters: the subset tag (ISO 32000 9.6.4). */
function subsetTag(codePoints: Set<number>): string {
  const hash = createHash("sha256")
    .update([...codePoints].sort((a, b) => a - b).join(","))
    .digest();
  let tag = "";
  for (const byte of hash.subarray(0, 6)) tag += String.fromCharCode(65 + (byte % 26));
  return tag;
}

function drawOps(page: PDFPage, ops: Op[], fonts: Record<FontKey, PDFFont>) {
  for (const op of ops) {
    if (op.t === "text")
      page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: fonts[op.font], color: color(op.color) });
    else if (op.t === "rect")
      page.drawRectangle({
        x: op.x,
        y: op.y,
        width: op.w,
        height: op.h,
        color: op.fill ? color(op.fill) : undefined,
        borderColor: op.stroke ? color(op.stroke) : undefined,
        borderWidth: op.stroke ? op.lineWidth : 0,
      });
    else
      page.drawLine({
        start: { x: op.x1, y: op.y1 },
        end: { x: op.x2, y: op.y2 },
        thickness: op.width,
        color: color(op.color),
      });
  }
}

export async function writePdf(
  laid: Layout,
  fonts: Fonts,
  adapter: PdfLibFontkit,
  metadata: PdfMetadata,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(adapter);
  const pdfFonts = {} as Record<FontKey, PDFFont>;
  for (const key of ["regular", "bold"] as const) {
    const name = `${subsetTag(laid.used[key])}+${fonts[key].font.postscriptName ?? `NotoSansJP-${key}`}`;
    pdfFonts[key] = await doc.embedFont(fonts[key].bytes, { subset: true, customName: name });
  }
  for (const ops of laid.pages) drawOps(doc.addPage([PAGE_W, PAGE_H]), ops, pdfFonts);

  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setCreator("Billing Console");
  doc.setProducer("pdf-lib");
  doc.setLanguage(metadata.language);
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  return doc.save();
}
