// The lines table's quantity, unit and unit price columns: printed where they mean something,
// left out when no line has them (read back from the PDF as a customer's reader sees it).
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { computeInvoiceTotals } from "../money/invoice-totals";
import type { InvoicePdfModel } from "./invoice-pdf-model";
import { hasQuantities } from "./lines-table";
import { renderInvoicePdf } from "./render-invoice-pdf";
import { sampleInvoice } from "./sample-models";

type Line = InvoicePdfModel["lines"][number];

async function text(model: InvoicePdfModel): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(await renderInvoicePdf(model)));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

function withLines(lines: Line[]): InvoicePdfModel {
  return { ...sampleInvoice, lines, notesPrinted: null, ...computeInvoiceTotals(lines, "FLOOR") };
}

// A computed line as generation writes it: an amount for a project's service, quantity one.
const computed = (description: string, amountJpy: bigint): Line => ({
  description,
  detail: null,
  quantity: "1",
  unit: null,
  unitPriceJpy: null,
  amountJpy,
  taxRate: "STANDARD_10",
});

describe("hasQuantities", () => {
  it("is true for a unit price, a unit or a quantity other than one, false for a bare amount", () => {
    const bare = { quantity: "1", unit: null, unitPriceJpy: null };
    expect(hasQuantities(bare)).toBe(false);
    expect(hasQuantities({ ...bare, quantity: "1.000000000" })).toBe(false);
    expect(hasQuantities({ ...bare, unit: " " })).toBe(false);
    expect(hasQuantities({ ...bare, quantity: "12" })).toBe(true);
    expect(hasQuantities({ ...bare, quantity: "-1" })).toBe(true);
    expect(hasQuantities({ ...bare, quantity: "0.5" })).toBe(true);
    expect(hasQuantities({ ...bare, unit: "式" })).toBe(true);
    expect(hasQuantities({ ...bare, unitPriceJpy: "150000" })).toBe(true);
  });
});

describe("the lines table's quantity columns", () => {
  it("are left out when every line is a bare amount, so no line reads quantity 1", async () => {
    const all = await text(
      withLines([computed("Compute Engine — alpha-prod", 482_315n), computed("BigQuery", 98_760n)]),
    );
    expect(all).toContain("品目");
    expect(all).toContain("Compute Engine — alpha-prod");
    expect(all).not.toContain("数量");
    expect(all).not.toContain("単価");
    expect(all).not.toContain("Unit price");
  });

  it("are printed for the lines that have them, and blank on the bare amounts", async () => {
    const manual: Line = {
      description: "Support hours",
      detail: null,
      quantity: "12",
      unit: "時間",
      unitPriceJpy: "8000",
      amountJpy: 96_000n,
      taxRate: "STANDARD_10",
    };
    const all = await text(withLines([computed("Compute Engine — alpha-prod", 482_315n), manual]));
    expect(all).toContain("数量");
    expect(all).toContain("単価");
    expect(all).toContain("時間");
    expect(all).toContain("¥8,000");
    // The computed line prints no quantity: its row reads description, tax, amount.
    expect(all.replace(/\s+/g, " ")).toMatch(/Compute Engine — alpha-prod 10% ¥482,315/);
  });
});
