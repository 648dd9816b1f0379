// The layout primitives: a page is a list of plain drawing operations (text, rectangles,
// lines) in points from the bottom left; Layout measures text with the fonts' own widths,
// shrinks or wraps it to fit, and starts a new page when a block does not fit.
import type { FontKey, Fonts } from "./fonts";
import { breakUnits } from "./line-break";

export type Color = readonly [number, number, number];
export type Op =
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

export const BLACK: Color = [0.12, 0.13, 0.15];
export const GREY: Color = [0.42, 0.44, 0.48];
export const LIGHT: Color = [0.82, 0.84, 0.87];
export const NAVY: Color = [0.13, 0.23, 0.4];
export const PALE: Color = [0.94, 0.95, 0.97];
export const WHITE: Color = [1, 1, 1];
export const RED: Color = [0.75, 0.1, 0.12];
export const PALE_RED: Color = [0.99, 0.93, 0.93];

export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MARGIN_X = 40;
export const CONTENT_W = PAGE_W - 2 * MARGIN_X;
export const TOP = PAGE_H - 40;
export const BOTTOM = 62; // content stops here; the footer lives below
export const RIGHT = PAGE_W - MARGIN_X;

// The head's two columns: the recipient on the left; the invoice facts and the issuer on the right.
export const HEAD_LEFT_W = 268;
export const HEAD_RIGHT_X = 330;

export class Layout {
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
