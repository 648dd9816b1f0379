// The identifiers and code values of JP PINT (Peppol BIS Standard Invoice JP PINT, the Japanese
// specialisation of the Peppol International invoice model on UBL 2.1) that the generator
// writes and the validator checks. Sources: the JP PINT BIS, section 5.1 (identifiers); its
// syntax binding; UNCL5305 (tax category codes) and UNECE 5153 (tax scheme) as the JP
// jurisdiction rules restrict them; the Peppol EAS list (participant identifier schemes).
import type { TaxRateCode } from "@/lib/money/money";

/** ibt-024 Specification identifier: the JP PINT billing customization. */
export const JP_PINT_CUSTOMIZATION_ID = "urn:peppol:pint:billing-1@jp-1";
/** ibt-023 Business process type: the PINT billing profile (not BIS 3.0's poacc:billing:01:1.0). */
export const JP_PINT_PROFILE_ID = "urn:peppol:bis:billing";

export const UBL_NAMESPACES = {
  Invoice: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  CreditNote: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
} as const;

/** UNCL1001 document name codes: commercial invoice and credit note (ibr-cl-01). */
export const INVOICE_TYPE_CODE = "380";
export const CREDIT_NOTE_TYPE_CODE = "381";

/** UNECE 5153: JP PINT codes Japanese consumption tax as "VAT" (aligned-ibr-jp-03). */
export const TAX_SCHEME_ID = "VAT";

/** The console's tax rates as UNCL5305 categories and rates (aligned-ibrp-cl-01-jp: AA E S G O). */
export const TAX_CATEGORY: Record<TaxRateCode, { code: "S" | "AA" | "E"; percent: number }> = {
  STANDARD_10: { code: "S", percent: 10 },
  REDUCED_8: { code: "AA", percent: 8 },
  // Exempt lines carry rate 0 (aligned-ibrp-e-05) and no tax (aligned-ibrp-e-09).
  EXEMPT: { code: "E", percent: 0 },
};

/** Tax categories the JP jurisdiction rules accept (aligned-ibrp-cl-01-jp). */
export const JP_TAX_CATEGORY_CODES = ["S", "AA", "E", "G", "O"] as const;

/** UNCL4461 payment means: credit transfer (振込). */
export const PAYMENT_MEANS_CREDIT_TRANSFER = "30";

/**
 * The console's free-text units as UN/ECE Recommendation 20 codes (ibr-023 requires one);
 * anything else is counted in units ("C62", one).
 */
const UNIT_CODES: Record<string, string> = {
  h: "HUR",
  hour: "HUR",
  hours: "HUR",
  時間: "HUR",
  day: "DAY",
  days: "DAY",
  日: "DAY",
  month: "MON",
  months: "MON",
  月: "MON",
  ヶ月: "MON",
  か月: "MON",
};

export function unitCodeOf(unit: string | null): string {
  return (unit && UNIT_CODES[unit.trim().toLowerCase()]) || "C62";
}
