// Everything the invoice PDF prints, as plain data: the release step builds it from the
// frozen invoice, the renderer (render-invoice-pdf.ts) only lays it out. Amounts are integer
// yen as bigint; dates are YYYY-MM-DD strings in Japan time.
import type { TaxRateCode } from "../services/types";

export type InvoicePdfModel = {
  kind: "INVOICE" | "CREDIT_NOTE" | "VOID";
  number: string;
  correctsNumber: string | null;
  issueDate: string;
  dueDate: string | null;
  /** Transaction period: the billed month's first and last day. */
  periodStart: string;
  periodEnd: string;
  issuer: {
    name: string;
    nameLatin: string | null;
    registrationNumber: string; // T + 13 digits
    postalCode: string | null;
    address: string;
    phone: string | null;
    /** One line as the issuer setting holds it, e.g. "みずほ銀行 大手町支店 普通 1234567 カ)クラウドブリッジ". */
    bank: string;
  };
  recipient: {
    name: string;
    department: string | null;
    address: string | null;
    customerCode: string;
    registrationNumber: string | null;
  };
  lines: {
    description: string;
    /** Project / service context printed under the description, if any. */
    detail: string | null;
    quantity: string; // decimal string as entered
    unit: string | null;
    unitPriceJpy: string | null; // decimal string
    amountJpy: bigint;
    taxRate: TaxRateCode;
  }[];
  taxBreakdown: { taxRate: TaxRateCode; baseJpy: bigint; taxJpy: bigint }[];
  subtotalJpy: bigint;
  taxJpy: bigint;
  totalJpy: bigint;
  notesPrinted: string | null;
  /** Language of the fixed labels; Japanese by default (bilingual labels are fine). */
  locale: "ja" | "en";
};
