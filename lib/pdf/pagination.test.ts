// Page breaks of the invoice PDF, read back as a customer's PDF reader sees them (unpdf): the
// totals, the tax per rate and the bank account stay on one page whatever the number of lines.
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { computeInvoiceTotals } from "../money/invoice-totals";
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { formatYen, renderInvoicePdf } from "./render-invoice-pdf";
import { sampleLongInvoice } from "./sample-models";

async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

/** The long sample's first `n` lines (rows of one to four text lines), totals recomputed. */
function withLines(n: number): InvoicePdfModel {
  const lines = sampleLongInvoice.lines.slice(0, n);
  return { ...sampleLongInvoice, lines, ...computeInvoiceTotals(lines, "FLOOR") };
}

describe("invoice PDF pagination", () => {
  it("keeps the bank account box with the totals and the tax per rate, for every line count from 1 to 80", async () => {
    const alone: number[] = [];
    const pageCounts = new Set<number>();
    for (let n = 1; n <= 80; n++) {
      const model = withLines(n);
      const pages = await pageTexts(await renderInvoicePdf(model));
      pageCounts.add(pages.length);
      const bank = pages.filter((p) => p.includes("お振込先"));
      expect(bank, `${n} lines`).toHaveLength(1);
      const page = bank[0] ?? "";
      const together =
        page.includes("ご請求金額") &&
        page.includes("税率区分") &&
        page.includes("10%対象") &&
        page.includes(formatYen(model.totalJpy)) &&
        page.includes(formatYen(model.taxJpy));
      if (!together) alone.push(n);
    }
    expect(alone, "line counts whose bank box is on a page without the totals").toEqual([]);
    // The range crosses page breaks, or it proves nothing.
    expect([...pageCounts].sort()).toEqual(expect.arrayContaining([1, 2, 3]));
  }, 120_000);
});
