// fontkit 2.x ships no type declarations; this covers only what fonts.ts uses.
declare module "fontkit" {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
  }

  export interface Subset {
    /** Returns the glyph's id inside the subset (0 is always .notdef). */
    includeGlyph(glyph: number | { id: number }): number;
    encode(): Uint8Array;
    /** Set by the CFF subsetter only. */
    cff?: unknown;
  }

  export interface BBox {
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
  }

  export interface Font {
    postscriptName: string | null;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    xHeight: number;
    italicAngle: number;
    bbox: BBox;
    numGlyphs: number;
    /** Raw tables pdf-lib reads for the font descriptor flags. */
    "OS/2": { sFamilyClass: number } | undefined;
    post: { isFixedPitch: number | boolean };
    head: { macStyle: { italic: boolean } };
    glyphForCodePoint(codePoint: number): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
    createSubset(): Subset;
  }

  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
