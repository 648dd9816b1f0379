// Renders the console's icons from public/icons/icon.svg with the test Chromium: the PNG app
// icons (home screen, Apple touch icon) and favicon.ico (16, 32 and 48 pixels, PNG-compressed
// entries). Run after changing the SVG: `npx tsx scripts/make-icons.ts`; the output is committed.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, "public/icons");
const svg = fs.readFileSync(path.join(dir, "icon.svg"), "utf8");
// The Apple touch icon and the maskable icon fill the square; the platform rounds the corners.
const square = svg.replace(/ rx="\d+"/, "");

async function render(page: import("@playwright/test").Page, source: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const sized = source.replace("<svg ", `<svg width="${size}" height="${size}" `);
  await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${sized}</body>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** An ICO file whose entries are PNG images (supported by every current browser). */
function ico(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  fs.writeFileSync(path.join(dir, "icon-192.png"), await render(page, svg, 192));
  fs.writeFileSync(path.join(dir, "icon-512.png"), await render(page, svg, 512));
  fs.writeFileSync(path.join(dir, "icon-maskable-512.png"), await render(page, square, 512));
  fs.writeFileSync(path.join(dir, "apple-touch-icon.png"), await render(page, square, 180));
  const sizes = [16, 32, 48];
  const images = [];
  for (const size of sizes) images.push({ size, png: await render(page, svg, size) });
  fs.writeFileSync(path.join(root, "public/favicon.ico"), ico(images));
  console.log(`icons written to ${path.relative(root, dir)} and public/favicon.ico`);
} finally {
  await browser.close();
}
