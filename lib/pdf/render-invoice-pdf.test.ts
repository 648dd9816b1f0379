import { createHash } from "node:crypto";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { formatDecimal, formatYen, renderInvoicePdf } from "./render-invoice-pdf";
import { sampleCreditNote, sampleInvoice, sampleLongInvoice, sampleVoid } from "./sample-models";

/** Text per page, as a PDF reader would copy it. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  // pdf.js may detach the buffer it is given; hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

/** Whitespace-free, so wrapped lines still match the string they came from. */
const squash = (s: string) => s.replace(/\s+/g, "");

/** Occurrences of an amount not embedded in a longer number. */
function countAmount(text: string, amount: string): number {
  const escaped = amount.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return (text.match(new RegExp(`(?<![\\d,-])${escaped}(?![\\d,])`, "g")) ?? []).length;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("formatYen", () => {
  it("groups thousands, puts the minus before the yen sign, and stays exact beyond 2^53", () => {
    expect(formatYen(0n)).toBe("¥0");
    expect(formatYen(999n)).toBe("¥999");
    expect(formatYen(1_234_567n)).toBe("¥1,234,567");
    expect(formatYen(-1_234n)).toBe("-¥1,234");
    expect(formatYen(12_345_678_901_234_567_890n)).toBe("¥12,345,678,901,234,567,890");
  });

  it("formats decimal strings for quantities and unit prices", () => {
    expect(formatDecimal("1")).toBe("1");
    expect(formatDecimal("1234.500")).toBe("1,234.5");
    expect(formatDecimal("-12")).toBe("-12");
    expect(formatDecimal("0.000")).toBe("0");
  });
});

describe("renderInvoicePdf", () => {
  it("renders a qualified invoice whose text can be extracted", async () => {
    const bytes = await renderInvoicePdf(sampleInvoice);
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    const pages = await pageTexts(bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    const flat = squash(text);
    for (const expected of [
      sampleInvoice.number,
      "請求書",
      sampleInvoice.issuer.name,
      "登録番号 T1234567890123",
      `${sampleInvoice.recipient.name}`,
      "御中",
      "経理部",
      "消費税",
      "お振込先",
      sampleInvoice.issuer.bank,
      "2026年7月31日",
      "2026年8月31日",
      "2026年7月1日〜7月31日",
      "非課税",
      "8%※",
    ]) {
      expect(flat).toContain(squash(expected));
    }
    for (const line of sampleInvoice.lines) {
      expect(flat).toContain(squash(line.description));
      if (line.detail) expect(flat).toContain(squash(line.detail));
      expect(flat).toContain(formatYen(line.amountJpy));
    }
    expect(text).toContain(formatYen(sampleInvoice.subtotalJpy));
    expect(text).toContain(formatYen(sampleInvoice.taxJpy));
    expect(text).toContain(formatYen(sampleInvoice.totalJpy));
    expect(text).toContain("ご請求金額");
    // Per-rate taxable amount and tax, as the qualified-invoice rule requires.
    for (const row of sampleInvoice.taxBreakdown) {
      expect(text).toContain(formatYen(row.baseJpy));
      if (row.taxRate !== "EXEMPT") expect(text).toContain(formatYen(row.taxJpy));
    }
    expect(flat).toContain("10%対象");
    expect(flat).toContain("8%対象※");
    expect(text).toContain("1 / 1");
  });

  it("sample totals follow the lines: tax once per rate, rounded down", () => {
    expect(sampleInvoice.taxBreakdown).toEqual([
      { taxRate: "STANDARD_10", baseJpy: 1_096_753n, taxJpy: 109_675n },
      { taxRate: "REDUCED_8", baseJpy: 6_480n, taxJpy: 518n },
      { taxRate: "EXEMPT", baseJpy: 4_000n, taxJpy: 0n },
    ]);
    expect(sampleInvoice.totalJpy).toBe(sampleInvoice.subtotalJpy + sampleInvoice.taxJpy);
    expect(sampleLongInvoice.lines).toHaveLength(120);
  });

  it("embeds Noto Sans JP as a subset (tagged BaseFont, font file, ToUnicode)", async () => {
    const bytes = await renderInvoicePdf(sampleInvoice);
    const doc = await PDFDocument.load(bytes);
    const fonts = doc.context
      .enumerateIndirectObjects()
      .map(([, obj]) => obj)
      .filter(
        (obj): obj is PDFDict =>
          obj instanceof PDFDict &&
          obj.get(PDFName.of("Type")) === PDFName.of("Font") &&
          obj.get(PDFName.of("Subtype")) === PDFName.of("Type0"),
      );
    expect(fonts.length).toBe(2); // regular and bold
    for (const font of fonts) {
      const baseFont = font.lookup(PDFName.of("BaseFont"), PDFName).decodeText();
      expect(baseFont).toMatch(/^[A-Z]{6}\+NotoSansJP-(Regular|Bold)$/);
      expect(font.get(PDFName.of("ToUnicode"))).toBeInstanceOf(PDFRef);
      const cidFont = font.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
      expect(cidFont.lookup(PDFName.of("Subtype"), PDFName).decodeText()).toBe("CIDFontType2");
      expect(cidFont.lookup(PDFName.of("BaseFont"), PDFName).decodeText()).toBe(baseFont);
    }
    const descriptors = doc.context
      .enumerateIndirectObjects()
      .map(([, obj]) => obj)
      .filter(
        (obj): obj is PDFDict => obj instanceof PDFDict && obj.get(PDFName.of("Type")) === PDFName.of("FontDescriptor"),
      );
    expect(descriptors).toHaveLength(2);
    for (const d of descriptors) {
      expect(d.get(PDFName.of("FontFile2"))).toBeInstanceOf(PDFRef);
      expect(d.lookup(PDFName.of("FontName"), PDFName).decodeText()).toMatch(/^[A-Z]{6}\+/);
    }
    // A subset, not the 5 MB font: the whole document stays small.
    expect(bytes.length).toBeLessThan(200_000);
  });

  it("sets the metadata from the model", async () => {
    const doc = await PDFDocument.load(await renderInvoicePdf(sampleInvoice), { updateMetadata: false });
    expect(doc.getTitle()).toBe(sampleInvoice.number);
    expect(doc.getAuthor()).toBe(sampleInvoice.issuer.name);
    expect(doc.getCreationDate()?.toISOString()).toBe("2026-07-30T15:00:00.000Z"); // 2026-07-31 00:00 JST
    expect(doc.getModificationDate()?.toISOString()).toBe("2026-07-30T15:00:00.000Z");
  });

  it("paginates 120 lines: header on every page, totals once on the last page", async () => {
    const bytes = await renderInvoicePdf(sampleLongInvoice);
    const pages = await pageTexts(bytes);
    expect(pages.length).toBeGreaterThan(1);
    const total = formatYen(sampleLongInvoice.totalJpy);
    pages.forEach((text, i) => {
      expect(text).toContain("品目"); // table header repeated
      expect(text).toContain(`${i + 1} / ${pages.length}`);
      expect(countAmount(text, total)).toBe(i === pages.length - 1 ? 1 : 0);
    });
    const last = pages.at(-1)!;
    expect(last).toContain("ご請求金額");
    expect(last).toContain(formatYen(sampleLongInvoice.subtotalJpy));
    expect(squash(last)).toContain(squash(sampleLongInvoice.lines.at(-1)!.description));
    // Every line is printed exactly once, in order, across the pages.
    const all = squash(pages.join("\n"));
    let from = 0;
    for (const line of sampleLongInvoice.lines) {
      const at = all.indexOf(squash(line.description), from);
      expect(at, line.description).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });

  it("wraps a long description instead of running into the next column", async () => {
    const description = "Cloud Run — プロジェクト wrap-test ".concat(
      "長い説明文が列幅を超えて続く場合は折り返して表示します。".repeat(6),
    );
    const model: InvoicePdfModel = {
      ...sampleInvoice,
      lines: [{ ...sampleInvoice.lines[0]!, description, detail: "detail ".repeat(40).trim() }],
    };
    const [text] = await pageTexts(await renderInvoicePdf(model));
    const lines = text!.split("\n").filter((l) => l.includes("長い説明文") || l.includes("折り返して"));
    expect(lines.length).toBeGreaterThan(3); // wrapped onto several lines
    expect(squash(text!)).toContain(squash(description));
  });

  it("renders a credit note with its title, the corrected invoice and negative amounts", async () => {
    const [text] = await pageTexts(await renderInvoicePdf(sampleCreditNote));
    expect(text).toContain("適格返還請求書");
    expect(text).toContain("Credit note");
    expect(text).toContain(sampleCreditNote.correctsNumber!);
    expect(sampleCreditNote.totalJpy).toBeLessThan(0n);
    expect(text).toContain(formatYen(sampleCreditNote.totalJpy));
    expect(formatYen(sampleCreditNote.totalJpy)).toMatch(/^-¥\d/);
    expect(text).toContain("-¥48,230");
    expect(text).toContain(formatYen(sampleCreditNote.taxJpy));
    expect(text).not.toContain("お振込先"); // nothing to pay
  });

  it("renders a void as clearly cancelled, naming the voided invoice", async () => {
    const [text] = await pageTexts(await renderInvoicePdf(sampleVoid));
    expect(text).toContain("取消");
    expect(text).toContain("VOID");
    expect(text).toContain(`請求書 ${sampleVoid.correctsNumber} を取り消します`);
    expect(text).toContain(sampleVoid.number);
    expect(text).toContain(formatYen(sampleVoid.totalJpy));
  });

  it("copes with missing optional fields, unbreakable words, odd characters and notes spanning pages", async () => {
    const notes = Array.from({ length: 90 }, (_, i) => `備考 ${i + 1}: 長い備考の行です。`).join("\n");
    const model: InvoicePdfModel = {
      ...sampleInvoice,
      locale: "en",
      dueDate: null,
      recipient: {
        name: "一般社団法人 日本クラウドコンピューティング利用者推進協議会 東日本支部",
        department: null,
        address: null,
        customerCode: "C-99999",
        registrationNumber: null,
      },
      issuer: { ...sampleInvoice.issuer, nameLatin: null, postalCode: null, phone: null },
      lines: [
        {
          description: "AVeryLongSkuIdentifierWithoutAnySpaces".repeat(4),
          detail: null,
          quantity: "1234.5000",
          unit: "gibibyte month",
          unitPriceJpy: "0.0001",
          amountJpy: 1n,
          taxRate: "STANDARD_10",
        },
        {
          description: "Emoji 😀 line",
          detail: "tab\tand\nnewline",
          quantity: "-1",
          unit: null,
          unitPriceJpy: null,
          amountJpy: -5n,
          taxRate: "EXEMPT",
        },
      ],
      notesPrinted: notes,
    };
    const pages = await pageTexts(await renderInvoicePdf(model));
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join("\n");
    expect(squash(all)).toContain(squash(model.lines[0]!.description));
    expect(all).toContain("1,234.5");
    expect(all).toContain("Emoji ? line"); // no glyph in the font: "?" instead of a blank box
    expect(all).toContain("2026-07-31"); // ISO dates for locale en
    for (let i = 1; i <= 90; i++) expect(all).toContain(`備考 ${i}: 長い備考の行です。`);
    expect(countAmount(all, formatYen(model.totalJpy))).toBe(1);
  });

  it("renders concurrently with the shared fonts", async () => {
    const models = [sampleInvoice, sampleLongInvoice, sampleCreditNote, sampleVoid];
    const sequential: string[] = [];
    for (const m of models) sequential.push(sha256(await renderInvoicePdf(m)));
    const concurrent = await Promise.all([...models, ...models].map(async (m) => sha256(await renderInvoicePdf(m))));
    expect(concurrent).toEqual([...sequential, ...sequential]);
  });

  it("renders identical bytes for the same model, whatever was rendered before", async () => {
    const first = await renderInvoicePdf(sampleInvoice);
    await renderInvoicePdf(sampleLongInvoice);
    await renderInvoicePdf(sampleCreditNote);
    const second = await renderInvoicePdf(sampleInvoice);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(await renderInvoicePdf(sampleVoid))).not.toBe(sha256(first));
  });

  it("renders a typical invoice fast", async () => {
    await renderInvoicePdf(sampleInvoice); // warm-up: fonts read and parsed once
    const n = 20;
    const start = performance.now();
    for (let i = 0; i < n; i++) await renderInvoicePdf(sampleInvoice);
    const mean = (performance.now() - start) / n;
    console.log(`renderInvoicePdf: ${mean.toFixed(1)} ms per PDF (mean of ${n})`);
    // A render that reads and parses the fonts again (the first one does) takes about ten times
    // longer than a warm one; the bound catches that and leaves room for a busy 2-core machine.
    expect(mean).toBeLessThan(250);
  });
});
