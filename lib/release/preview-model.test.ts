import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { registrationNumberFrom } from "@/lib/customers/registration-number";
import { Prisma } from "@/lib/generated/prisma/client";
import { renderInvoicePdf } from "@/lib/pdf/render-invoice-pdf";
import { pdfModelOf } from "./pdf-model";
import { PREVIEW_NUMBER, previewIssuer, previewModelOf, type PreviewSource } from "./preview-model";

const ISSUER = {
  name: "株式会社クラウドブリッジ",
  nameLatin: "CloudBridge K.K.",
  registrationNumber: registrationNumberFrom("010401123456"),
  postalCode: "100-0004",
  address: "東京都千代田区大手町1-2-3",
  phone: "03-5555-0100",
  bank: "みずほ銀行 大手町支店 普通 1234567",
};

function source(over: Partial<PreviewSource["invoice"]> = {}, issuerSetting: unknown = ISSUER): PreviewSource {
  const invoice = {
    id: "00000000-0000-0000-0000-000000000001",
    kind: "INVOICE",
    status: "DRAFT",
    version: 3,
    contentHash: "h",
    billingGroupId: "g",
    customerId: "c",
    month: "2026-09",
    correctsInvoiceId: null,
    contractId: null,
    currency: "JPY",
    fxRates: [],
    taxRounding: "FLOOR",
    subtotalJpy: 100_000n,
    taxJpy: 10_000n,
    totalJpy: 110_000n,
    taxBreakdown: [{ taxRate: "STANDARD_10", baseJpy: "100000", taxJpy: "10000" }],
    recipientName: "株式会社サンプル商事",
    recipientDept: "経理部",
    recipientAddress: null,
    dueDate: new Date("2026-10-31T00:00:00Z"),
    notesInternal: "internal only",
    notesPrinted: "お振込手数料はご負担ください",
    flags: [],
    previousTotalJpy: null,
    number: null,
    issueDate: null,
    issuer: null,
    rejectionReason: null,
    generatedAt: new Date(),
    submittedById: null,
    submittedAt: null,
    releasedById: null,
    releasedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    lines: [
      {
        id: "l1",
        invoiceId: "i",
        position: 1,
        kind: "USAGE",
        manual: false,
        edited: false,
        computed: null,
        projectId: "alpha-prod",
        serviceId: "compute",
        serviceDescription: "Compute Engine",
        description: "Compute Engine",
        quantity: new Prisma.Decimal("1"),
        unit: null,
        unitPriceJpy: null,
        amountJpy: 100_000n,
        taxRate: "STANDARD_10",
        reason: null,
        sourceCost: null,
        sourceCurrency: null,
        fxRate: null,
        skuDetail: null,
        editedById: null,
        editedAt: null,
      },
    ],
    customer: {
      code: "C00042",
      name: "株式会社サンプル商事",
      nameKana: "サンプルショウジ",
      registrationNumber: null,
      address: null,
    },
    correctsInvoice: null,
    ...over,
  } as unknown as PreviewSource["invoice"];
  return { invoice, issuerSetting: issuerSetting as PreviewSource["issuerSetting"] };
}

async function text(bytes: Uint8Array) {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, "");
}

describe("customer preview model", () => {
  it("an unreleased invoice shows 見本 PREVIEW, today's date in Japan and the current issuer", () => {
    // 2026-09-30 20:00 UTC is already 2026-10-01 in Japan.
    const { model, released, issuerComplete } = previewModelOf(source(), new Date("2026-09-30T20:00:00Z"));
    expect(released).toBe(false);
    expect(issuerComplete).toBe(true);
    expect(model).toMatchObject({
      number: PREVIEW_NUMBER,
      issueDate: "2026-10-01",
      dueDate: "2026-10-31",
      periodStart: "2026-09-01",
      periodEnd: "2026-09-30",
      issuer: ISSUER,
      correctsNumber: null,
      notesPrinted: "お振込手数料はご負担ください",
    });
    expect(model.lines).toEqual([
      {
        description: "Compute Engine",
        detail: "alpha-prod / Compute Engine",
        quantity: "1",
        unit: null,
        unitPriceJpy: null,
        amountJpy: 100_000n,
        taxRate: "STANDARD_10",
      },
    ]);
    expect(model.totalJpy).toBe(110_000n);
  });

  it("a released invoice previews as exactly what was delivered", () => {
    const frozen = { ...ISSUER, name: "旧社名株式会社" };
    const released = source({
      status: "RELEASED",
      number: "INV-2026-000007",
      issueDate: new Date("2026-10-02T00:00:00Z"),
      issuer: frozen as never,
    });
    const preview = previewModelOf(released, new Date("2027-01-01T00:00:00Z"));
    expect(preview.released).toBe(true);
    expect(preview.model).toEqual(pdfModelOf(released.invoice));
    expect(preview.model).toMatchObject({
      number: "INV-2026-000007",
      issueDate: "2026-10-02",
      issuer: { name: "旧社名株式会社" },
    });
  });

  it("a correction draft names the invoice it corrects", () => {
    const { model } = previewModelOf(source({ kind: "VOID", correctsInvoice: { number: "INV-2026-000001" } as never }));
    expect(model).toMatchObject({ kind: "VOID", number: PREVIEW_NUMBER, correctsNumber: "INV-2026-000001" });
  });

  it("an incomplete issuer setting still previews, with the missing fields marked", () => {
    expect(previewIssuer(null)).toMatchObject({
      complete: false,
      issuer: { name: "(未設定 / not set)", registrationNumber: "(未設定 / not set)" },
    });
    const partial = previewIssuer({ name: "株式会社途中", registrationNumber: "T123" });
    expect(partial).toMatchObject({
      complete: false,
      issuer: { name: "株式会社途中", registrationNumber: "T123", bank: "(未設定 / not set)" },
    });
    expect(previewModelOf(source({}, { name: "株式会社途中" })).issuerComplete).toBe(false);
  });

  it("renders to a PDF that says it is a preview and never prints the internal notes", async () => {
    const pdf = await renderInvoicePdf(previewModelOf(source(), new Date("2026-10-01T03:00:00Z")).model);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const content = await text(pdf);
    expect(content).toContain("見本PREVIEW");
    expect(content).toContain("株式会社クラウドブリッジ");
    expect(content).not.toContain("internalonly");
  });

  it("prints where the contract-level fees were charged, before finance's notes", async () => {
    const contractFees = { feeGroupId: "fee-group", feeGroupName: "本社 / Headquarters" };
    const elsewhere = previewModelOf(source({ contractFees, billingGroupId: "g" } as never)).model;
    expect(elsewhere.notesPrinted?.split("\n")).toEqual([
      "契約単位の料金(固定費、運用代行費の月額最低料金までの差額)は" +
        "「本社 / Headquarters」宛の請求書でご請求しています。",
      "Contract-level fees (fixed fees, the top-up to the operations fee's monthly minimum) are charged on the " +
        'invoice for "本社 / Headquarters".',
      "お振込手数料はご負担ください",
    ]);
    const here = previewModelOf(source({ contractFees, billingGroupId: "fee-group", notesPrinted: null } as never));
    expect(here.model.notesPrinted).toContain("ご契約の全請求書の分をこの請求書でご請求しています。");
    expect(previewModelOf(source({ contractFees: null } as never)).model.notesPrinted).toBe(
      "お振込手数料はご負担ください",
    );
    const content = await text(await renderInvoicePdf(elsewhere));
    expect(content).toContain("「本社/Headquarters」宛の請求書でご請求しています");
  });
});
