// Fonts: Noto Sans JP (TrueType) parsed once per process with fontkit 2 and subset per
// document. pdf-lib's fontkit glue expects the @pdf-lib/fontkit API, so a small adapter maps
// text to glyphs through the cmap only (no OpenType shaping: faster by two orders of magnitude,
// and measuring and drawing then agree exactly) and wraps fontkit 2's synchronous encode().
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as fontkit from "fontkit";
import type { PDFDocument } from "pdf-lib";

export type FontKey = "regular" | "bold";

const FONT_FILES: Record<FontKey, string> = {
  regular: "node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf",
  bold: "node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf",
};

/** What pdf-lib's subset embedder reads from a glyph: id, width, and code points for ToUnicode. */
type PdfGlyph = { readonly id: number; readonly advanceWidth: number; readonly codePoints: readonly number[] };

/** One parsed font, shared by every render in the process. */
export class LoadedFont {
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

export type Fonts = Record<FontKey, LoadedFont>;
export type PdfLibFontkit = Parameters<PDFDocument["registerFontkit"]>[0];

let fontsPromise: Promise<{ fonts: Fonts; fontkit: PdfLibFontkit }> | null = null;

/** Reads and parses the fonts once per process (about 11 MB; parsing is lazy in fontkit). */
export function loadFonts() {
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
        if (!font) throw new Error("invoice PDF fonts: unknown font bytes");
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
