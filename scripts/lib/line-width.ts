// Display width of a line: East Asian wide and full-width characters take two columns, a tab
// takes two (Biome indents with spaces, so tabs only appear inside strings).
const WIDE: Array<[number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x20000, 0x3fffd],
];

export function charWidth(codePoint: number): number {
  if (codePoint === 0x09) return 2;
  for (const [from, to] of WIDE) if (codePoint >= from && codePoint <= to) return 2;
  return 1;
}

export function lineWidth(line: string): number {
  let width = 0;
  for (const char of line.replace(/\r$/, "")) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}
