// The JP PINT generator and its validation, rule by rule. Each rule has a written-out example:
// a document the generator writes passes, and the smallest change that breaks the rule (made
// to the XML, as a faulty generator or a hand edit would) is caught under the rule's id from
// the published JP PINT rule list.
import { describe, expect, it } from "vitest";
import { registrationNumberFrom } from "@/lib/customers/registration-number";
import { computeInvoiceTotals } from "@/lib/money/invoice-totals";
import type { InvoicePdfModel } from "@/lib/pdf/invoice-pdf-model";
import { bankAccountOf, buildJpPintXml, linePricing } from "./build-jp-pint";
import type { EInvoiceInput } from "./einvoice-input";
import { JP_PINT_CUSTOMIZATION_ID, JP_PINT_PROFILE_ID } from "./jp-pint";
import { validateJpPint } from "./validate-jp-pint";

const SELLER_REG = registrationNumberFrom("010401123456");
const BUYER_REG = registrationNumberFrom("200000007919");

type Line = InvoicePdfModel["lines"][number];
const line = (amountJpy: bigint, taxRate: Line["taxRate"], more: Partial<Line> = {}): Line => ({
  description: "クラウド運用サービス",
  detail: "alpha-prod / Compute Engine",
  quantity: "1",
  unit: "式",
  unitPriceJpy: amountJpy.toString(),
  amountJpy,
  taxRate,
  ...more,
});

function model(lines: Line[], more: Partial<InvoicePdfModel> = {}): InvoicePdfModel {
  return {
    kind: "INVOICE",
    number: "INV-2026-000042",
    correctsNumber: null,
    issueDate: "2026-11-05",
    dueDate: "2026-11-30",
    periodStart: "2026-10-01",
    periodEnd: "2026-10-31",
    issuer: {
      name: "株式会社クラウドブリッジ",
      nameLatin: "CloudBridge K.K.",
      registrationNumber: SELLER_REG,
      postalCode: "100-0004",
      address: "東京都千代田区大手町一丁目1番1号",
      phone: "03-5555-0100",
      bank: "みずほ銀行 大手町支店 普通 1234567 カ)クラウドブリッジ",
    },
    recipient: {
      name: "株式会社サンプル商事",
      department: "経理部",
      address: "大阪府大阪市北区梅田2-4-9",
      customerCode: "C00042",
      registrationNumber: BUYER_REG,
    },
    lines,
    ...computeInvoiceTotals(lines, "FLOOR"),
    notesPrinted: null,
    locale: "ja",
    ...more,
  };
}

const input = (m: InvoicePdfModel, more: Partial<EInvoiceInput> = {}): EInvoiceInput => ({
  model: m,
  corrects: null,
  buyerParticipant: null,
  ...more,
});

// Three rates on one invoice: 10 % lines 1,001 + 2,002 + 3,003 = 6,006 -> tax 600;
// 8 % 1,999 -> 159; exempt 5,000 -> 0. Subtotal 13,005, tax 759, total 13,764.
const MIXED = model([
  line(1001n, "STANDARD_10"),
  line(2002n, "STANDARD_10"),
  line(1999n, "REDUCED_8", { description: "軽食・飲料" }),
  line(3003n, "STANDARD_10"),
  line(5000n, "EXEMPT", { description: "立替金（非課税）" }),
]);
const mixedXml = () => buildJpPintXml(input(MIXED)).xml;

/** The rule ids a changed document breaks. */
const broken = (xml: string) => validateJpPint(xml).map((p) => p.rule);
/** Elements in sequence, with any white space between them. */
const pattern = (...parts: string[]) => new RegExp(parts.join("\\s*"));
/** Replaces exactly one occurrence (so a test cannot pass by changing nothing). */
function change(xml: string, from: string | RegExp, to: string) {
  const matches =
    typeof from === "string" ? xml.split(from).length - 1 : (xml.match(new RegExp(from.source, "g")) ?? []).length;
  expect(matches, `expected one ${String(from)}`).toBe(1);
  return xml.replace(from, to);
}

describe("what the generator writes", () => {
  it("an invoice with 10 %, 8 % and exempt lines passes every rule and states the PDF's numbers", () => {
    const { documentType, xml } = buildJpPintXml(input(MIXED));
    expect(documentType).toBe("Invoice");
    expect(validateJpPint(xml)).toEqual([]);
    expect(xml).toContain(`<cbc:CustomizationID>${JP_PINT_CUSTOMIZATION_ID}</cbc:CustomizationID>`);
    expect(xml).toContain(`<cbc:ProfileID>${JP_PINT_PROFILE_ID}</cbc:ProfileID>`);
    expect(xml).toContain("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
    expect(xml).toContain(`<cbc:CompanyID>${SELLER_REG}</cbc:CompanyID>`);
    expect(xml).toContain(`<cbc:EndpointID schemeID="0221">${BUYER_REG}</cbc:EndpointID>`);
    expect(xml).toContain("<cbc:DueDate>2026-11-30</cbc:DueDate>");
    expect(xml).toMatch(/<cac:InvoicePeriod>\s*<cbc:StartDate>2026-10-01<\/cbc:StartDate>\s*<cbc:EndDate>2026-10-31/);
    expect(xml).toMatch(/<cbc:PaymentMeansCode>30<\/cbc:PaymentMeansCode>\s*<cbc:PaymentID>INV-2026-000042/);
    expect(xml).toMatch(/<cac:PayeeFinancialAccount>\s*<cbc:ID>1234567<\/cbc:ID>\s*<cbc:Name>カ\)クラウドブリッジ/);
    // The PDF's breakdown, one subtotal per category and rate, and its totals, to the yen.
    const subtotals = [...xml.matchAll(/<cac:TaxSubtotal>([\s\S]*?)<\/cac:TaxSubtotal>/g)].map((m) =>
      [...m[1]!.matchAll(/>([^<\s][^<]*)</g)].map((v) => v[1]),
    );
    expect(subtotals).toEqual([
      ["6006", "600", "S", "10", "VAT"],
      ["1999", "159", "AA", "8", "VAT"],
      ["5000", "0", "E", "0", "非課税 / Exempt", "VAT"],
    ]);
    expect(MIXED).toMatchObject({ subtotalJpy: 13005n, taxJpy: 759n, totalJpy: 13764n });
    expect(xml).toContain('<cbc:TaxAmount currencyID="JPY">759</cbc:TaxAmount>');
    expect(xml).toContain('<cbc:TaxInclusiveAmount currencyID="JPY">13764</cbc:TaxInclusiveAmount>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="JPY">13764</cbc:PayableAmount>');
    expect(xml.match(/<cac:InvoiceLine>/g)).toHaveLength(5);
  });

  it("a credit note is a CreditNote (381) crediting positive amounts and naming the invoice it corrects", () => {
    const credit = model([line(-1001n, "STANDARD_10"), line(-1999n, "REDUCED_8")], {
      kind: "CREDIT_NOTE",
      number: "INV-2026-000050",
      correctsNumber: "INV-2026-000042",
      dueDate: null,
    });
    const { documentType, xml } = buildJpPintXml(
      input(credit, { corrects: { number: "INV-2026-000042", issueDate: "2026-11-05" } }),
    );
    expect(documentType).toBe("CreditNote");
    expect(validateJpPint(xml)).toEqual([]);
    expect(xml).toContain("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>");
    expect(xml).toMatch(
      /<cac:InvoiceDocumentReference>\s*<cbc:ID>INV-2026-000042<\/cbc:ID>\s*<cbc:IssueDate>2026-11-05<\/cbc:IssueDate>/,
    );
    // -1,001 and -1,999 credited: 1,001 at 10 % (tax 100) and 1,999 at 8 % (tax 159), total 3,259.
    expect(xml).toContain('<cbc:CreditedQuantity unitCode="C62">1</cbc:CreditedQuantity>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="JPY">3259</cbc:PayableAmount>');
    expect(xml).not.toContain("<cac:PaymentMeans>");
  });

  it("a void is a CreditNote of the whole invoice with the same reference", () => {
    const original = model([line(120_000n, "STANDARD_10")]);
    const voided = model([line(-120_000n, "STANDARD_10")], { kind: "VOID", number: "INV-2026-000051" });
    const corrects = { number: original.number, issueDate: original.issueDate };
    const { xml } = buildJpPintXml(input(voided, { corrects }));
    expect(validateJpPint(xml)).toEqual([]);
    expect(xml).toContain('<cbc:PayableAmount currencyID="JPY">132000</cbc:PayableAmount>');
    expect(xml).toContain(`<cbc:ID>${original.number}</cbc:ID>`);
  });

  it("the buyer's participant ID, when set, is its electronic address", () => {
    const { xml } = buildJpPintXml(input(MIXED, { buyerParticipant: { scheme: "0188", id: "2000000079190" } }));
    expect(xml).toContain('<cbc:EndpointID schemeID="0188">2000000079190</cbc:EndpointID>');
  });

  it("a discount line has a negative quantity and a positive price (ibr-027)", () => {
    const withDiscount = model([line(10_000n, "STANDARD_10"), line(-500n, "STANDARD_10", { description: "値引" })]);
    const { xml } = buildJpPintXml(input(withDiscount));
    expect(validateJpPint(xml)).toEqual([]);
    expect(xml).toMatch(/<cbc:InvoicedQuantity unitCode="C62">-1<\/cbc:InvoicedQuantity>/);
    expect(xml).toContain('<cbc:PriceAmount currencyID="JPY">500</cbc:PriceAmount>');
  });

  it("prices a line so that quantity x price / base quantity is its amount", () => {
    // 3 hours at 1,500 yen: the unit price is exact.
    expect(linePricing({ quantity: "3", unitPriceJpy: "1500" }, 4500n)).toEqual({
      quantity: "3",
      price: 1500n,
      baseQuantity: null,
    });
    // 2.5 units at 333.33 yen = 833.325 -> 833 (四捨五入): price 833 for a base quantity of 2.5.
    expect(linePricing({ quantity: "2.5", unitPriceJpy: "333.33" }, 833n)).toEqual({
      quantity: "2.5",
      price: 833n,
      baseQuantity: "2.5",
    });
    expect(linePricing({ quantity: "1", unitPriceJpy: "-500" }, -500n)).toEqual({
      quantity: "-1",
      price: 500n,
      baseQuantity: null,
    });
  });

  it("escapes what a description may contain", () => {
    const { xml } = buildJpPintXml(input(model([line(100n, "STANDARD_10", { description: 'A & B <"C">' })])));
    expect(xml).toContain("A &amp; B &lt;&quot;C&quot;&gt;");
    expect(validateJpPint(xml)).toEqual([]);
  });

  it("reads the issuer's bank line as the payment account", () => {
    expect(bankAccountOf("三井住友銀行 本店 当座 0012345 カ)テスト")).toEqual({
      id: "0012345",
      name: "カ)テスト",
      branch: "三井住友銀行 本店 当座",
    });
    expect(bankAccountOf("口座は別途ご案内します")).toEqual({ id: "口座は別途ご案内します", name: null, branch: null });
  });
});

describe("identifiers (JP PINT BIS 5.1, ibr-001 to ibr-005, ibr-cl-01)", () => {
  it("the customization and profile are JP PINT's billing ones", () => {
    expect(broken(change(mixedXml(), JP_PINT_CUSTOMIZATION_ID, "urn:cen.eu:en16931:2017"))).toEqual([
      "jp-customization-id",
    ]);
    expect(broken(change(mixedXml(), /<cbc:CustomizationID>[^<]*<\/cbc:CustomizationID>/, ""))).toEqual(["ibr-001"]);
    // BIS Billing 3.0's profile is not PINT's.
    expect(broken(change(mixedXml(), JP_PINT_PROFILE_ID, "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"))).toEqual([
      "jp-profile-id",
    ]);
  });

  it("an Invoice is type 380, a CreditNote 381; the currency is JPY", () => {
    expect(broken(change(mixedXml(), ">380<", ">384<"))).toEqual(["ibr-cl-01"]);
    expect(broken(change(mixedXml(), "<cbc:DocumentCurrencyCode>JPY", "<cbc:DocumentCurrencyCode>USD"))).toEqual([
      "ibr-005",
    ]);
    expect(
      broken(change(mixedXml(), "<cbc:ID>INV-2026-000042</cbc:ID>\n  <cbc:IssueDate>", "<cbc:IssueDate>")),
    ).toEqual(["ibr-002"]);
  });
});

describe("the seller's registration number (jp-br-01, aligned-ibr-jp-04, aligned-ibrp-009)", () => {
  const companyId = `<cbc:CompanyID>${SELLER_REG}</cbc:CompanyID>`;
  it("is T followed by 13 digits", () => {
    // T + 12 digits, and the corporate number alone without T.
    expect(broken(change(mixedXml(), companyId, `<cbc:CompanyID>${SELLER_REG.slice(0, -1)}</cbc:CompanyID>`))).toEqual([
      "jp-br-01",
    ]);
    expect(broken(change(mixedXml(), companyId, `<cbc:CompanyID>${SELLER_REG.slice(1)}</cbc:CompanyID>`))).toEqual([
      "jp-br-01",
    ]);
  });

  it("has the National Tax Agency's check digit", () => {
    // T9010401123456 is valid (check digit 9 over 010401123456); T8... is not.
    expect(SELLER_REG).toBe("T9010401123456");
    expect(broken(change(mixedXml(), companyId, "<cbc:CompanyID>T8010401123456</cbc:CompanyID>"))).toEqual([
      "jp-registration-check-digit",
    ]);
  });

  it("is present, once", () => {
    const scheme = new RegExp(
      `<cac:PartyTaxScheme>\\s*<cbc:CompanyID>${SELLER_REG}</cbc:CompanyID>[\\s\\S]*?</cac:PartyTaxScheme>`,
    );
    const [block] = mixedXml().match(scheme)!;
    expect(broken(change(mixedXml(), scheme, ""))).toEqual(["aligned-ibr-jp-04"]);
    expect(broken(change(mixedXml(), scheme, block + block))).toEqual(["aligned-ibrp-009"]);
  });
});

describe("parties' electronic addresses (ibr-080, ibr-081, ibr-062, ibr-063)", () => {
  it("a buyer with neither a participant ID nor a registration number cannot be addressed", () => {
    const anonymous = model(MIXED.lines, { recipient: { ...MIXED.recipient, registrationNumber: null } });
    const { xml } = buildJpPintXml(input(anonymous));
    expect(broken(xml)).toEqual(["ibr-080"]);
    expect(validateJpPint(xml)[0]).toMatchObject({ reason: "buyer" });
  });

  it("the seller's address carries a scheme", () => {
    const endpoint = `<cbc:EndpointID schemeID="0221">${SELLER_REG}</cbc:EndpointID>`;
    expect(broken(change(mixedXml(), endpoint, ""))).toEqual(["ibr-081"]);
    expect(broken(change(mixedXml(), endpoint, `<cbc:EndpointID>${SELLER_REG}</cbc:EndpointID>`))).toEqual(["ibr-062"]);
  });
});

describe("invoice period (aligned-ibrp-052, ibr-029)", () => {
  it("is present and runs forward", () => {
    expect(broken(change(mixedXml(), /<cac:InvoicePeriod>[\s\S]*?<\/cac:InvoicePeriod>/, ""))).toEqual([
      "aligned-ibrp-052",
    ]);
    expect(broken(change(mixedXml(), "<cbc:EndDate>2026-10-31", "<cbc:EndDate>2026-09-30"))).toEqual(["ibr-029"]);
  });
});

describe("line net amounts add up to the totals (ibr-co-10, ibr-co-13 to ibr-co-16)", () => {
  it("a line amount that does not match the lines' sum is caught, with the line's own arithmetic", () => {
    // Line 1 says 1,002 instead of 1,001: the lines now add up to 13,006, not the stated 13,005.
    const xml = change(
      mixedXml(),
      '<cbc:LineExtensionAmount currencyID="JPY">1001</cbc:LineExtensionAmount>',
      '<cbc:LineExtensionAmount currencyID="JPY">1002</cbc:LineExtensionAmount>',
    );
    expect(broken(xml).sort()).toEqual(["aligned-ibrp-s-08", "ibr-co-10", "line-net-amount"]);
  });

  it("the totals chain: without tax + tax = with tax = amount due", () => {
    const inclusive = '<cbc:TaxInclusiveAmount currencyID="JPY">13764</cbc:TaxInclusiveAmount>';
    expect(broken(change(mixedXml(), inclusive, inclusive.replace("13764", "13765"))).sort()).toEqual([
      "ibr-co-15",
      "ibr-co-16",
    ]);
    const exclusive = '<cbc:TaxExclusiveAmount currencyID="JPY">13005</cbc:TaxExclusiveAmount>';
    expect(broken(change(mixedXml(), exclusive, exclusive.replace("13005", "13000"))).sort()).toEqual([
      "ibr-co-13",
      "ibr-co-15",
    ]);
    const payable = '<cbc:PayableAmount currencyID="JPY">13764</cbc:PayableAmount>';
    expect(broken(change(mixedXml(), payable, payable.replace("13764", "13700")))).toEqual(["ibr-co-16"]);
  });

  it("the total tax is the sum of the subtotals", () => {
    const total = '<cbc:TaxAmount currencyID="JPY">759</cbc:TaxAmount>';
    expect(broken(change(mixedXml(), total, total.replace("759", "760"))).sort()).toEqual(["ibr-co-14", "ibr-co-15"]);
  });
});

describe("tax subtotals per category and rate, rounded once per rate (aligned-ibrp-051-jp and -01/-08)", () => {
  it("worked example: three 15-yen lines at 10 % owe 4 or 5 yen (4.5 rounded once), never 3 (rounded per line)", () => {
    const lines = [1, 2, 3].map(() => line(15n, "STANDARD_10"));
    const { xml } = buildJpPintXml(input(model(lines)));
    expect(validateJpPint(xml)).toEqual([]);
    expect(xml).toContain('<cbc:TaxAmount currencyID="JPY">4</cbc:TaxAmount>');
    // Per line: 1.5 -> 1, three times = 3, outside [floor(4.5), ceil(4.5)] = [4, 5].
    const perLine = xml.replaceAll(
      '<cbc:TaxAmount currencyID="JPY">4</cbc:TaxAmount>',
      '<cbc:TaxAmount currencyID="JPY">3</cbc:TaxAmount>',
    );
    expect(
      broken(
        perLine
          .replace('<cbc:TaxInclusiveAmount currencyID="JPY">49<', '<cbc:TaxInclusiveAmount currencyID="JPY">48<')
          .replace('<cbc:PayableAmount currencyID="JPY">49<', '<cbc:PayableAmount currencyID="JPY">48<'),
      ),
    ).toEqual(["aligned-ibrp-051-jp"]);
    // Rounding up (5) is also one rounding of 4.5 and passes.
    const up = xml.replaceAll('currencyID="JPY">4</cbc:TaxAmount>', 'currencyID="JPY">5</cbc:TaxAmount>');
    expect(broken(up.replaceAll('currencyID="JPY">49<', 'currencyID="JPY">50<'))).toEqual([]);
  });

  it("worked example: 6,006 yen at 10 % owes 600 or 601, not 599", () => {
    const subtotal =
      '<cbc:TaxableAmount currencyID="JPY">6006</cbc:TaxableAmount>\n      <cbc:TaxAmount currencyID="JPY">600<';
    const xml = change(mixedXml(), subtotal, subtotal.replace(">600<", ">599<"));
    expect(broken(xml)).toContain("aligned-ibrp-051-jp");
  });

  it("the 10 % and 8 % lines may not share one subtotal", () => {
    // The 8 % subtotal relabelled as 10 %: two 10 % subtotals, none for the 8 % line.
    const xml = change(
      mixedXml(),
      pattern(
        '(<cbc:TaxAmount currencyID="JPY">159</cbc:TaxAmount>',
        "<cac:TaxCategory>",
        "<cbc:ID>)AA(</cbc:ID>",
        "<cbc:Percent>)8<",
      ),
      "$1S$210<",
    );
    expect(broken(xml).sort()).toEqual(["aligned-ibrp-051-jp", "aligned-ibrp-aa-01", "aligned-ibrp-s-01"]);
  });

  it("an exempt subtotal carries no tax and exempt lines have rate 0", () => {
    const exempt =
      '<cbc:TaxableAmount currencyID="JPY">5000</cbc:TaxableAmount>\n      <cbc:TaxAmount currencyID="JPY">0<';
    const taxed = change(mixedXml(), exempt, exempt.replace(">0<", ">1<"));
    expect(broken(taxed)).toEqual(expect.arrayContaining(["aligned-ibrp-e-09", "aligned-ibrp-051-jp", "ibr-co-14"]));
    const lineRate =
      /(<cbc:Name>立替金（非課税）<\/cbc:Name>\s*<cac:ClassifiedTaxCategory>\s*<cbc:ID>E<\/cbc:ID>\s*<cbc:Percent>)0</;
    expect(broken(change(mixedXml(), lineRate, "$110<"))).toContain("aligned-ibrp-e-05");
  });

  it("the reduced rate is 8 % and the tax scheme is VAT (Japanese consumption tax)", () => {
    const reduced =
      /(<cbc:Name>軽食・飲料<\/cbc:Name>\s*<cac:ClassifiedTaxCategory>\s*<cbc:ID>AA<\/cbc:ID>\s*<cbc:Percent>)8</;
    expect(broken(change(mixedXml(), reduced, "$110<"))).toContain("jp-br-co-02");
    expect(
      broken(
        change(
          mixedXml(),
          pattern(
            "(軽食・飲料</cbc:Name>",
            "<cac:ClassifiedTaxCategory>",
            "<cbc:ID>AA</cbc:ID>",
            "<cbc:Percent>8</cbc:Percent>",
            "<cac:TaxScheme>",
            "<cbc:ID>)VAT<",
          ),
          "$1GST<",
        ),
      ),
    ).toEqual(["aligned-ibr-jp-03"]);
    expect(
      broken(
        change(mixedXml(), /(<cbc:Name>軽食・飲料<\/cbc:Name>\s*<cac:ClassifiedTaxCategory>\s*<cbc:ID>)AA</, "$1Z<"),
      ),
    ).toEqual(expect.arrayContaining(["aligned-ibrp-cl-01-jp"]));
  });
});

describe("no decimals in JPY amounts (jp-br-02, aligned-ibr-jp-06)", () => {
  it("every yen amount is whole", () => {
    const price = '<cbc:PriceAmount currencyID="JPY">5000</cbc:PriceAmount>';
    expect(broken(change(mixedXml(), price, price.replace("5000", "5000.00")))).toEqual(["jp-br-02"]);
    const total = '<cbc:TaxAmount currencyID="JPY">759</cbc:TaxAmount>';
    expect(broken(change(mixedXml(), total, total.replace("759", "759.0")))).toEqual(["aligned-ibr-jp-06"]);
  });
});

describe("line rules (ibr-021 to ibr-027)", () => {
  it("a price is never negative and a line has a unit code", () => {
    const discount = model([line(10_000n, "STANDARD_10"), line(-500n, "STANDARD_10", { description: "値引" })]);
    const xml = buildJpPintXml(input(discount)).xml;
    const negative = change(
      change(xml, 'unitCode="C62">-1<', 'unitCode="C62">1<'),
      '<cbc:PriceAmount currencyID="JPY">500<',
      '<cbc:PriceAmount currencyID="JPY">-500<',
    );
    expect(broken(negative)).toEqual(["ibr-027"]);
    expect(
      broken(
        change(
          mixedXml(),
          pattern(
            '<cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>',
            '<cbc:LineExtensionAmount currencyID="JPY">1999',
          ),
          '<cbc:InvoicedQuantity>1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="JPY">1999',
        ),
      ),
    ).toEqual(["ibr-023"]);
  });
});

describe("correction references (ibg-03: ibt-025, ibt-026)", () => {
  const credit = model([line(-1001n, "STANDARD_10")], { kind: "CREDIT_NOTE", dueDate: null });
  const corrects = { number: "INV-2026-000042", issueDate: "2026-11-05" };
  it("a credit note names the preceding invoice's number and issue date", () => {
    const { xml } = buildJpPintXml(input(credit, { corrects: null }));
    expect(broken(xml).sort()).toEqual(["ibt-025", "ibt-026"]);
  });

  it("the preceding invoice was issued on or before the credit note", () => {
    const { xml } = buildJpPintXml(input(credit, { corrects: { ...corrects, issueDate: "2026-12-01" } }));
    expect(broken(xml)).toEqual(["ibt-026"]);
    expect(broken(buildJpPintXml(input(credit, { corrects })).xml)).toEqual([]);
  });
});

describe("documents that are not UBL", () => {
  it("names what it is not", () => {
    expect(broken("<Invoice><")).toEqual(["xml"]);
    expect(broken('<?xml version="1.0"?><Order xmlns="urn:x"/>')).toEqual(["ubl-namespace"]);
    expect(broken(change(mixedXml(), UBL_INVOICE_NS, 'xmlns="urn:example"'))).toContain("ubl-namespace");
  });
});

const UBL_INVOICE_NS = 'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"';
