// Renders an InvoicePdfModel as an A4 Japanese qualified invoice (適格請求書) with pdf-lib.
//
// Two phases: layout() turns the model into pages of plain drawing operations (measuring text
// with the font's own advance widths), then draw() replays them into a PDF. Knowing every page
// before drawing gives the "page X / Y" footer, and knowing every character before embedding
// gives a deterministic subset tag, so the same model always renders the same bytes.
//
// Fonts: Noto Sans JP (TrueType) parsed once per process with fontkit 2 and subset per
// document. pdf-lib's fontkit glue expects the @pdf-lib/fontkit API, so a small adapter maps
// text to glyphs through the cmap only (no OpenType shaping: faster by two orders of magnitude,
// and measuring and drawing then agree exactly) and wraps fontkit 2's synchronous encode().
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as fontkit from "fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import type { TaxRateCode } from "../services/types";
import type { InvoicePdfModel } from "./invoice-pdf-model";

// ---------------------------------------------------------------- formatting

/** `¥1,234,567`, negative as `-¥1,234`; bigint all the way (amounts may exceed 2^53). */
export function formatYen(amount: bigint): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString();
  return `${negative ? "-" : ""}¥${groupThousands(digits)}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A decimal string with thousands separators and without trailing fractional zeros. */
export function formatDecimal(value: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value.trim();
  const [, minus, digits = "", fractionDigits = ""] = m;
  const fraction = fractionDigits.replace(/0+$/, "");
  const int = groupThousands(digits.replace(/^0+(?=\d)/, ""));
  const sign = minus && (int !== "0" || fraction) ? "-" : "";
  return `${sign}${int}${fraction ? `.${fraction}` : ""}`;
}

function formatUnitPrice(value: string): string {
  const formatted = formatDecimal(value);
  return formatted.startsWith("-") ? `-¥${formatted.slice(1)}` : `¥${formatted}`;
}

function parseDate(value: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

function formatDate(value: string, locale: InvoicePdfModel["locale"]): string {
  const p = parseDate(value);
  if (!p) return value;
  return locale === "ja" ? `${p.y}年${p.m}月${p.d}日` : value;
}

function formatPeriod(start: string, end: string, locale: InvoicePdfModel["locale"]): string {
  const s = parseDate(start);
  const e = parseDate(end);
  if (locale === "ja" && s && e && s.y === e.y) return `${formatDate(start, locale)}〜${e.m}月${e.d}日`;
  return `${formatDate(start, locale)}〜${formatDate(end, locale)}`;
}

const TAX_LABEL: Record<TaxRateCode, string> = { STANDARD_10: "10%", REDUCED_8: "8%※", EXEMPT: "非課税" };
const TAX_BASE_LABEL: Record<TaxRateCode, string> = { STANDARD_10: "10%対象", REDUCED_8: "8%対象※", EXEMPT: "非課税" };

// ---------------------------------------------------------------- fonts

type FontKey = "regular" | "bold";

const FONT_FILES: Record<FontKey, string> = {
  regular: "node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf",
  bold: "node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf",
};

/** What pdf-lib's subset embedder reads from a glyph: id, width, and code points for ToUnicode. */
type PdfGlyph = { readonly id: number; readonly advanceWidth: number; readonly codePoints: readonly number[] };

/** One parsed font, shared by every render in the process. */
class LoadedFont {
  readonly bytes: Uint8Array;
  readonly font: fontkit.Font;
  /** Per code point; glyph objects are ours (not fontkit's cached ones) so each carries exactly
   * the code point it was asked for. */
  private readonly glyphs = new Map<number, PdfGlyph | null>();
  private readonly scale: number;
  /** The object pdf-lib sees as "the fontkit font". */
  readonly pdfLibFont: object;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.font = fontkit.create(bytes);
    this.scale = 1000 / this.font.unitsPerEm;
    const f = this.font;
    this.pdfLibFont = {
      unitsPerEm: f.unitsPerEm,
      postscriptName: f.postscriptName,
      ascent: f.ascent,
      descent: f.descent,
      capHeight: f.capHeight,
      xHeight: f.xHeight,
      italicAngle: f.italicAngle,
      bbox: f.bbox,
      "OS/2": f["OS/2"],
      post: f.post,
      head: f.head,
      cff: false,
      layout: (text: string) => ({ glyphs: this.glyphsFor(text), positions: [] }),
      createSubset: () => subsetAdapter(f.createSubset()),
    };
  }

  private glyph(cp: number): PdfGlyph | null {
    let g = this.glyphs.get(cp);
    if (g === undefined) {
      g = null;
      if (this.font.hasGlyphForCodePoint(cp)) {
        const fg = this.font.glyphForCodePoint(cp);
        g = Object.freeze({ id: fg.id, advanceWidth: fg.advanceWidth, codePoints: Object.freeze([cp]) });
      }
      this.glyphs.set(cp, g);
    }
    return g;
  }

  private glyphOf(ch: string): PdfGlyph | null {
    const cp = ch.codePointAt(0);
    return cp === undefined ? null : this.glyph(cp);
  }

  /** Glyphs for a string: control characters and variation selectors dropped, missing characters
   * replaced by their compatibility form or "?" (never a .notdef box). */
  glyphsFor(text: string): PdfGlyph[] {
    const out: PdfGlyph[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0);
      if (cp === undefined) continue; // never: for…of yields whole characters
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef))
        continue;
      const g = this.glyph(cp);
      if (g) {
        out.push(g);
        continue;
      }
      const compat = ch.normalize("NFKC");
      const fallback = compat !== ch ? [...compat].map((c) => this.glyphOf(c)) : [];
      if (fallback.length > 0 && fallback.every((x) => x !== null)) out.push(...(fallback as PdfGlyph[]));
      else {
        const question = this.glyph(0x3f); // the font has "?"
        if (question) out.push(question);
      }
    }
    return out;
  }

  /** Text width in points, from the same glyphs pdf-lib will write (and the same widths it puts in /W). */
  width(text: string, size: number): number {
    let units = 0;
    for (const g of this.glyphsFor(text)) units += g.advanceWidth;
    return (units * this.scale * size) / 1000;
  }
}

/** fontkit 2's subset encodes synchronously; pdf-lib 1.17 wants the old encodeStream() events. */
function subsetAdapter(subset: fontkit.Subset) {
  return {
    cff: subset.cff,
    includeGlyph: (glyph: number | { id: number }) => subset.includeGlyph(glyph),
    encodeStream() {
      type Handler = (arg?: unknown) => void;
      const handlers = { data: [] as Handler[], end: [] as Handler[], error: [] as Handler[] };
      const stream = {
        on(event: string, fn: Handler) {
          if (event === "data" || event === "end" || event === "error") handlers[event].push(fn);
          return stream;
        },
      };
      // pdf-lib attaches its listeners right after this call returns.
      queueMicrotask(() => {
        let bytes: Uint8Array;
        try {
          bytes = subset.encode();
        } catch (err) {
          for (const fn of handlers.error) fn(err);
          return;
        }
        for (const fn of handlers.data) fn(bytes);
        for (const fn of handlers.end) fn();
      });
      return stream;
    },
  };
}

type Fonts = Record<FontKey, LoadedFont>;
type PdfLibFontkit = Parameters<PDFDocument["registerFontkit"]>[0];

let fontsPromise: Promise<{ fonts: Fonts; fontkit: PdfLibFontkit }> | null = null;

/** Reads and parses the fonts once per process (about 11 MB; parsing is lazy in fontkit). */
function loadFonts() {
  fontsPromise ??= (async () => {
    const load = async (key: FontKey) =>
      new LoadedFont(new Uint8Array(await readFile(path.join(process.cwd(), FONT_FILES[key]))));
    const [regular, bold] = await Promise.all([load("regular"), load("bold")]);
    const fonts: Fonts = { regular, bold };
    const byBytes = new Map<Uint8Array, object>([
      [fonts.regular.bytes, fonts.regular.pdfLibFont],
      [fonts.bold.bytes, fonts.bold.pdfLibFont],
    ]);
    // pdf-lib calls create(bytes) once per embedFont; hand back the already parsed font.
    const adapter = {
      create(bytes: Uint8Array) {
        const font = byBytes.get(bytes);
        if (!font) throw new Error("render-invoice-pdf: unknown font bytes");
        return font;
      },
    } as unknown as PdfLibFontkit;
    return { fonts, fontkit: adapter };
  })().catch((err: unknown) => {
    fontsPromise = null; // let a later call retry (e.g. after a transient read error)
    throw err;
  });
  return fontsPromise;
}

// ---------------------------------------------------------------- drawing operations

type Color = readonly [number, number, number];
type Op =
  | { t: "text"; text: string; x: number; y: number; size: number; font: FontKey; color: Color }
  | {
      t: "rect";
      x: number;
      y: number;
      w: number;
      h: number;
      fill: Color | null;
      stroke: Color | null;
      lineWidth: number;
    }
  | { t: "line"; x1: number; y1: number; x2: number; y2: number; color: Color; width: number };

const BLACK: Color = [0.12, 0.13, 0.15];
const GREY: Color = [0.42, 0.44, 0.48];
const LIGHT: Color = [0.82, 0.84, 0.87];
const NAVY: Color = [0.13, 0.23, 0.4];
const PALE: Color = [0.94, 0.95, 0.97];
const WHITE: Color = [1, 1, 1];
const RED: Color = [0.75, 0.1, 0.12];
const PALE_RED: Color = [0.99, 0.93, 0.93];

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = 40;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const TOP = PAGE_H - 40;
const BOTTOM = 62; // content stops here; the footer lives below
const RIGHT = PAGE_W - MARGIN_X;

// Lines table columns (left to right). The description takes what the others leave.
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

// Characters that must not start a line (kinsoku shori), kept with what precedes them, and
// opening brackets that must not end one, kept with what follows.
const NO_LINE_START = new Set([
  ..."、。，．,.)）」』】〕〉》]｝}ー－ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々・：；:;!?！？%％",
]);
const NO_LINE_END = new Set([..."（「『【〔〈《([｛{〒"]);
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;

/** Splits text into break units: a space run, a run of non-CJK characters (a word), or one CJK
 * character; trailing no-line-start characters stay with their unit. */
function breakUnits(text: string): string[] {
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

class Layout {
  readonly pages: Op[][] = [];
  private page: Op[] = [];
  y = TOP;
  /** Code points drawn per font, for the subset tag. */
  readonly used: Record<FontKey, Set<number>> = { regular: new Set(), bold: new Set() };

  constructor(
    private readonly fonts: Fonts,
    private readonly onNewPage: (layout: Layout) => void,
  ) {
    this.pages.push(this.page);
  }

  width(text: string, size: number, font: FontKey = "regular"): number {
    return this.fonts[font].width(text, size);
  }

  text(
    text: string,
    x: number,
    y: number,
    size: number,
    opts: { font?: FontKey; color?: Color; align?: "left" | "right" | "center" } = {},
  ) {
    text = text.replace(/[\r\n\t]+/g, " "); // drawText would break lines at newlines
    if (!text) return;
    const font = opts.font ?? "regular";
    let left = x;
    if (opts.align === "right") left = x - this.width(text, size, font);
    else if (opts.align === "center") left = x - this.width(text, size, font) / 2;
    for (const ch of text) {
      const cp = ch.codePointAt(0);
      if (cp !== undefined) this.used[font].add(cp); // always: for…of yields whole characters
    }
    this.page.push({ t: "text", text, x: left, y, size, font, color: opts.color ?? BLACK });
  }

  /** Text shrunk so it fits `maxWidth`: down to `minScale` of its size, then cut with "…"
   * (amounts pass minScale 0 so they are never cut). */
  fit(
    text: string,
    x: number,
    y: number,
    size: number,
    maxWidth: number,
    opts: { font?: FontKey; color?: Color; align?: "left" | "right" | "center"; minScale?: number } = {},
  ) {
    const font = opts.font ?? "regular";
    const w = this.width(text, size, font);
    const fitted = w > maxWidth ? Math.max(size * (opts.minScale ?? 0.7), (size * maxWidth) / w) : size;
    let out = text;
    if (this.width(out, fitted, font) > maxWidth + 0.01) {
      const chars = [...text];
      while (chars.length > 1 && this.width(`${chars.join("")}…`, fitted, font) > maxWidth) chars.pop();
      out = `${chars.join("")}…`;
    }
    this.text(out, x, y, fitted, opts);
  }

  /** Right-aligned amount or number, shrunk as far as needed but never cut. */
  fitRight(
    text: string,
    right: number,
    y: number,
    size: number,
    maxWidth: number,
    opts: { font?: FontKey; color?: Color } = {},
  ) {
    this.fit(text, right, y, size, maxWidth, { ...opts, align: "right", minScale: 0 });
  }

  rect(x: number, y: number, w: number, h: number, opts: { fill?: Color; stroke?: Color; lineWidth?: number }) {
    this.page.push({
      t: "rect",
      x,
      y,
      w,
      h,
      fill: opts.fill ?? null,
      stroke: opts.stroke ?? null,
      lineWidth: opts.lineWidth ?? 0.5,
    });
  }

  line(x1: number, y1: number, x2: number, y2: number, color: Color = LIGHT, width = 0.5) {
    this.page.push({ t: "line", x1, y1, x2, y2, color, width });
  }

  /** Greedy line breaking at the font's real widths; explicit newlines are kept. */
  wrap(text: string, size: number, maxWidth: number, font: FontKey = "regular"): string[] {
    const lines: string[] = [];
    for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
      let line = "";
      let lineW = 0;
      for (const unit of breakUnits(paragraph)) {
        const w = this.width(unit, size, font);
        if (lineW + w <= maxWidth || line === "") {
          if (line === "" && /^\s+$/.test(unit)) continue;
          if (w > maxWidth) {
            // A word wider than the line: break it by character.
            for (const ch of unit) {
              const cw = this.width(ch, size, font);
              if (lineW + cw > maxWidth && line !== "") {
                lines.push(line.trimEnd());
                line = "";
                lineW = 0;
              }
              line += ch;
              lineW += cw;
            }
            continue;
          }
          line += unit;
          lineW += w;
        } else {
          lines.push(line.trimEnd());
          if (/^\s+$/.test(unit)) {
            line = "";
            lineW = 0;
          } else {
            line = unit;
            lineW = w;
          }
        }
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  /** Starts a new page when `height` does not fit; returns whether it did. */
  ensure(height: number): boolean {
    if (this.y - height >= BOTTOM) return false;
    this.newPage();
    return true;
  }

  /** Makes page `index` the one drawn on (for footers after the page count is known). */
  select(index: number) {
    const page = this.pages[index];
    if (!page) throw new RangeError(`no page ${index} in a layout of ${this.pages.length}`);
    this.page = page;
  }

  newPage() {
    this.page = [];
    this.pages.push(this.page);
    this.y = TOP;
    this.onNewPage(this);
  }
}

// ---------------------------------------------------------------- layout

function titles(model: InvoicePdfModel): { ja: string; en: string } {
  if (model.kind === "CREDIT_NOTE") return { ja: "適格返還請求書", en: "Credit note" };
  if (model.kind === "VOID") return { ja: "請求書 取消", en: "Void" };
  return { ja: "請求書", en: "Invoice" };
}

function layout(model: InvoicePdfModel, fonts: Fonts): Layout {
  const title = titles(model);
  const hasReduced =
    model.lines.some((l) => l.taxRate === "REDUCED_8") || model.taxBreakdown.some((t) => t.taxRate === "REDUCED_8");
  let inTable = false;

  const L = new Layout(fonts, (layout) => {
    // Continuation pages: a small running head, then the table header again if rows continue.
    layout.text(`${title.ja} ${title.en}`, MARGIN_X, layout.y - 10, 10, { font: "bold", color: NAVY });
    layout.text(`No. ${model.number}`, RIGHT, layout.y - 10, 9, { align: "right", color: GREY });
    layout.line(MARGIN_X, layout.y - 16, RIGHT, layout.y - 16, NAVY, 0.8);
    layout.y -= 28;
    if (inTable) tableHeader();
  });

  // -------- title
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

  if (model.kind === "VOID") {
    // Make the cancellation impossible to miss: a red banner naming the voided invoice.
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

  const headTop = L.y;

  // -------- recipient (left)
  const leftW = 268;
  let ly = headTop;
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

  // -------- invoice facts and issuer (right)
  const rightX = 330;
  const rightW = RIGHT - rightX;
  let ry = headTop;
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
  ry -= 14;
  const issuer = model.issuer;
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

  L.y = Math.min(ly, ry) - 16;

  // -------- lines table
  const HEADER_H = 24;
  function tableHeader() {
    const top = L.y;
    L.rect(MARGIN_X, top - HEADER_H, CONTENT_W, HEADER_H, { fill: NAVY });
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
    L.y = top - HEADER_H;
  }

  L.ensure(HEADER_H + 40);
  inTable = true;
  tableHeader();

  model.lines.forEach((line, index) => {
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
  if (model.lines.length === 0) {
    L.text("明細はありません / No lines", MARGIN_X + CONTENT_W / 2, L.y - 14, 8.5, { color: GREY, align: "center" });
    L.y -= 22;
  }
  L.line(MARGIN_X, L.y, RIGHT, L.y, NAVY, 0.8);
  inTable = false;

  // -------- totals: per-rate breakdown (left) and sums (right), kept together
  const breakdownRows = model.taxBreakdown.length;
  const breakdownH = 18 + breakdownRows * 16 + (hasReduced ? 14 : 0);
  const sumsH = 2 * 17 + 8 + 32;
  const totalsH = 14 + Math.max(breakdownH, sumsH);
  if (L.ensure(totalsH)) L.y -= 4;
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

  // -------- bank details (invoices only: a credit note or void asks for no payment)
  if (model.kind === "INVOICE") {
    const bankLines = L.wrap(model.issuer.bank, 10, CONTENT_W - 110, "bold");
    const h = 14 + bankLines.length * 14;
    L.ensure(h + 6);
    L.rect(MARGIN_X, L.y - h, CONTENT_W, h, { fill: PALE, stroke: LIGHT });
    L.text("お振込先", MARGIN_X + 10, L.y - 15, 9, { font: "bold", color: NAVY });
    L.text("Bank account", MARGIN_X + 10, L.y - 25, 6.5, { color: GREY });
    let y = L.y - 16;
    for (const line of bankLines) {
      L.text(line, MARGIN_X + 100, y, 10, { font: "bold" });
      y -= 14;
    }
    L.y -= h + 14;
  }

  // -------- notes, line by line so long notes may continue on the next page
  if (model.notesPrinted?.trim()) {
    const noteLines = L.wrap(model.notesPrinted.trim(), 8.5, CONTENT_W - 12);
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

  // -------- footers, now that the page count is known
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
  return L;
}

// ---------------------------------------------------------------- PDF output

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

/** Renders the invoice as PDF bytes; the same model always yields the same bytes. */
export async function renderInvoicePdf(model: InvoicePdfModel): Promise<Uint8Array> {
  const { fonts, fontkit: adapter } = await loadFonts();
  const laid = layout(model, fonts);

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(adapter);
  const pdfFonts = {} as Record<FontKey, PDFFont>;
  for (const key of ["regular", "bold"] as const) {
    const name = `${subsetTag(laid.used[key])}+${fonts[key].font.postscriptName ?? `NotoSansJP-${key}`}`;
    pdfFonts[key] = await doc.embedFont(fonts[key].bytes, { subset: true, customName: name });
  }
  for (const ops of laid.pages) drawOps(doc.addPage([PAGE_W, PAGE_H]), ops, pdfFonts);

  const title = titles(model);
  const date = new Date(`${model.issueDate}T00:00:00+09:00`);
  const stamp = Number.isNaN(date.getTime()) ? new Date(0) : date;
  doc.setTitle(model.number, { showInWindowTitleBar: true });
  doc.setAuthor(model.issuer.name);
  doc.setSubject(`${title.ja} / ${title.en} ${model.number}`);
  doc.setCreator("Billing Console");
  doc.setProducer("pdf-lib");
  doc.setLanguage(model.locale === "ja" ? "ja-JP" : "en");
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  return doc.save();
}
