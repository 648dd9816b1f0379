// Checks a JP PINT document before it leaves the console, against the rules of the published
// specification that matter for what the console issues (rule ids as in the JP PINT rule list:
// the shared PINT rules ibr-*, the aligned rules aligned-ibrp-* and the Japanese jurisdiction
// rules jp-* / aligned-ibr-jp-*). It reads the XML itself, not the generator's input, so it also
// catches a generator bug. The official validation artefacts remain the authority; a document
// that fails here is never stored, downloaded or sent.
import { XMLParser } from "fast-xml-parser";
import { isValidRegistrationNumber } from "@/lib/customers/registration-number";
import { dec, type Decimal } from "@/lib/money/money";
import {
  CREDIT_NOTE_TYPE_CODE,
  INVOICE_TYPE_CODE,
  JP_PINT_CUSTOMIZATION_ID,
  JP_PINT_PROFILE_ID,
  JP_TAX_CATEGORY_CODES,
  TAX_SCHEME_ID,
  UBL_NAMESPACES,
} from "./jp-pint";
import { PEPPOL_SCHEMES } from "./participant";

/** What a failed rule is about, for the person who must fix it (translated in the UI). */
export type EInvoiceReason =
  | "identifiers"
  | "seller"
  | "buyer"
  | "period"
  | "lines"
  | "totals"
  | "tax"
  | "decimals"
  | "correction";

export type EInvoiceProblem = { rule: string; reason: EInvoiceReason; message: string };

type Node = Record<string, unknown>;

const REPEATED = new Set([
  "InvoiceLine",
  "CreditNoteLine",
  "TaxTotal",
  "TaxSubtotal",
  "PartyTaxScheme",
  "PaymentMeans",
  "BillingReference",
  "ClassifiedTaxCategory",
  "Note",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

const child = (node: unknown, name: string): Node | undefined => {
  const value = (node as Node | undefined)?.[name];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
};
const list = (node: unknown, name: string): Node[] => ((node as Node | undefined)?.[name] as Node[] | undefined) ?? [];
const text = (node: unknown, name: string): string | undefined => {
  const value = (node as Node | undefined)?.[name];
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && "#text" in value) return String((value as Node)["#text"]);
  return undefined;
};
const attr = (node: unknown, name: string, attribute: string): string | undefined => {
  const value = (node as Node | undefined)?.[name];
  return typeof value === "object" && value !== null ? ((value as Node)[`@_${attribute}`] as string) : undefined;
};
const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";
const decimal = (value: string | undefined): Decimal | null =>
  value !== undefined && /^-?\d+(\.\d+)?$/.test(value.trim()) ? dec(value.trim()) : null;

/** Every element with a currencyID attribute (an amount), with its path. */
function amounts(node: unknown, path: string, out: Array<{ path: string; value: string; currency: string }>) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) amounts(item, `${path}[${i + 1}]`, out);
    return out;
  }
  if (typeof node !== "object" || node === null) return out;
  const record = node as Node;
  if (typeof record["@_currencyID"] === "string") {
    out.push({ path, value: String(record["#text"] ?? ""), currency: record["@_currencyID"] as string });
  }
  for (const [key, value] of Object.entries(record)) {
    if (!key.startsWith("@_") && key !== "#text") amounts(value, `${path}/${key}`, out);
  }
  return out;
}

type Check = (doc: Document, add: (rule: string, reason: EInvoiceReason, message: string) => void) => void;
type Document = { root: Node; type: "Invoice" | "CreditNote"; raw: string };

const identifiers: Check = ({ root, type, raw }, add) => {
  // The root element in its UBL namespace (UBL 2.1 schema).
  const declared = new RegExp(`<${type}\\b[^>]*\\sxmlns="${UBL_NAMESPACES[type].replace(/[.:]/g, "\\$&")}"`);
  if (!declared.test(raw)) add("ubl-namespace", "identifiers", `The ${type} root is not in the UBL 2.1 namespace.`);
  // ibr-001: a specification identifier; JP PINT BIS 5.1.1: the JP PINT billing customization.
  const customization = text(root, "CustomizationID");
  if (!present(customization)) add("ibr-001", "identifiers", "An Invoice shall have a Specification identifier.");
  else if (customization !== JP_PINT_CUSTOMIZATION_ID)
    add("jp-customization-id", "identifiers", `The specification identifier is ${customization}, not JP PINT's.`);
  // JP PINT BIS 5.1.2: the PINT billing business process.
  if (text(root, "ProfileID") !== JP_PINT_PROFILE_ID)
    add("jp-profile-id", "identifiers", `The business process type must be ${JP_PINT_PROFILE_ID}.`);
  if (!present(text(root, "ID"))) add("ibr-002", "identifiers", "An Invoice shall have an Invoice number.");
  const issueDate = text(root, "IssueDate");
  if (!present(issueDate) || !/^\d{4}-\d{2}-\d{2}$/.test(issueDate))
    add("ibr-003", "identifiers", "An Invoice shall have an Invoice issue date (YYYY-MM-DD).");
  // ibr-004 / ibr-cl-01: the document type code, 380 for an Invoice, 381 for a CreditNote.
  const code = text(root, type === "Invoice" ? "InvoiceTypeCode" : "CreditNoteTypeCode");
  const expected = type === "Invoice" ? INVOICE_TYPE_CODE : CREDIT_NOTE_TYPE_CODE;
  if (!present(code)) add("ibr-004", "identifiers", "An Invoice shall have an Invoice type code.");
  else if (code !== expected)
    add("ibr-cl-01", "identifiers", `The ${type} type code must be ${expected}, not ${code}.`);
  // ibr-005: the invoice currency; the console issues in yen only.
  if (text(root, "DocumentCurrencyCode") !== "JPY")
    add("ibr-005", "identifiers", "The invoice currency code must be present and JPY.");
  // aligned-ibr-jp-05: a tax accounting currency, if any, is JPY.
  const taxCurrency = text(root, "TaxCurrencyCode");
  if (taxCurrency !== undefined && taxCurrency !== "JPY")
    add("aligned-ibr-jp-05", "identifiers", "The tax accounting currency, if present, shall be JPY.");
};

function party(root: Node, which: "AccountingSupplierParty" | "AccountingCustomerParty") {
  return child(child(root, which), "Party");
}

function checkAddressAndEndpoint(
  node: Node | undefined,
  who: "Seller" | "Buyer",
  rules: { name: string; address: string; country: string; endpoint: string; scheme: string },
  add: Parameters<Check>[1],
) {
  const reason = who === "Seller" ? "seller" : "buyer";
  if (!present(text(child(node, "PartyName"), "Name")))
    add(rules.name, reason, `An Invoice shall contain the ${who} name.`);
  const postal = child(node, "PostalAddress");
  if (!postal) add(rules.address, reason, `An Invoice shall contain the ${who} postal address.`);
  if (!present(text(child(postal, "Country"), "IdentificationCode")))
    add(rules.country, reason, `The ${who} postal address shall contain a country code.`);
  const endpoint = text(node, "EndpointID");
  const scheme = attr(node, "EndpointID", "schemeID");
  if (!present(endpoint)) add(rules.endpoint, reason, `The ${who} electronic address (Peppol participant) is missing.`);
  else if (!present(scheme)) add(rules.scheme, reason, `The ${who} electronic address has no scheme identifier.`);
  else if (!(PEPPOL_SCHEMES as readonly string[]).includes(scheme))
    add("ibr-cl-25", reason, `The ${who} electronic address scheme ${scheme} is not one the console issues to.`);
}

const seller: Check = ({ root }, add) => {
  const node = party(root, "AccountingSupplierParty");
  const ids = { name: "ibr-006", address: "ibr-008", country: "ibr-009", endpoint: "ibr-081", scheme: "ibr-062" };
  checkAddressAndEndpoint(node, "Seller", ids, add);
  const vat = list(node, "PartyTaxScheme").filter((s) => text(child(s, "TaxScheme"), "ID") === TAX_SCHEME_ID);
  // aligned-ibr-jp-04: a seller tax identifier; aligned-ibrp-009: at most once.
  if (vat.length === 0) add("aligned-ibr-jp-04", "seller", "An Invoice shall have the Seller tax identifier.");
  if (vat.length > 1) add("aligned-ibrp-009", "seller", "The Seller tax identifier must occur at most once.");
  for (const scheme of vat) {
    const id = text(scheme, "CompanyID") ?? "";
    // jp-br-01 / aligned-ibr-jp-01: the registration number for qualified invoices, T + 13 digits.
    if (!/^T[0-9]{13}$/.test(id.trim()))
      add("jp-br-01", "seller", `The Seller tax identifier "${id}" is not T followed by 13 digits.`);
    // The National Tax Agency's check digit over the corporate number (a stricter console check).
    else if (!isValidRegistrationNumber(id.trim()))
      add("jp-registration-check-digit", "seller", `The registration number ${id} has a wrong check digit.`);
  }
};

const buyer: Check = ({ root }, add) => {
  const node = party(root, "AccountingCustomerParty");
  const ids = { name: "ibr-007", address: "ibr-010", country: "ibr-011", endpoint: "ibr-080", scheme: "ibr-063" };
  checkAddressAndEndpoint(node, "Buyer", ids, add);
};

const period: Check = ({ root }, add) => {
  // aligned-ibrp-052: JP PINT requires an invoice period (ibg-14) with both dates.
  const invoicePeriod = child(root, "InvoicePeriod");
  const start = text(invoicePeriod, "StartDate");
  const end = text(invoicePeriod, "EndDate");
  if (!invoicePeriod || !present(start) || !present(end)) {
    add("aligned-ibrp-052", "period", "An Invoice shall have an invoice period with its start and end date.");
    return;
  }
  // ibr-029: the end date is on or after the start date.
  if (end < start) add("ibr-029", "period", `The invoice period ends (${end}) before it starts (${start}).`);
};

function linesOf(doc: Document) {
  return list(doc.root, doc.type === "Invoice" ? "InvoiceLine" : "CreditNoteLine");
}

const lines: Check = (doc, add) => {
  const quantityName = doc.type === "Invoice" ? "InvoicedQuantity" : "CreditedQuantity";
  const all = linesOf(doc);
  if (all.length === 0) add("ibr-016", "lines", "An Invoice shall have at least one Invoice line.");
  all.forEach((line, index) => {
    const at = `line ${index + 1}`;
    if (!present(text(line, "ID"))) add("ibr-021", "lines", `${at}: an Invoice line shall have an identifier.`);
    const quantity = decimal(text(line, quantityName));
    if (quantity === null) add("ibr-022", "lines", `${at}: an Invoice line shall have an invoiced quantity.`);
    if (!present(attr(line, quantityName, "unitCode")))
      add("ibr-023", "lines", `${at}: the invoiced quantity shall have a unit of measure code.`);
    const net = decimal(text(line, "LineExtensionAmount"));
    if (net === null) add("ibr-024", "lines", `${at}: an Invoice line shall have a line net amount.`);
    const item = child(line, "Item");
    if (!present(text(item, "Name"))) add("ibr-025", "lines", `${at}: an Invoice line shall contain the Item name.`);
    const priceNode = child(line, "Price");
    const price = decimal(text(priceNode, "PriceAmount"));
    if (price === null) add("ibr-026", "lines", `${at}: an Invoice line shall contain the Item net price.`);
    else if (price.isNegative() && !price.isZero()) add("ibr-027", "lines", `${at}: the Item net price is negative.`);
    // ibt-131 = ibt-129 x ibt-146 / ibt-149 (JP PINT BIS 4, line net amount; PEPPOL-EN16931-R120).
    const base = text(priceNode, "BaseQuantity") === undefined ? dec(1) : decimal(text(priceNode, "BaseQuantity"));
    if (quantity && net && price && base && !base.isZero() && !quantity.times(price).div(base).eq(net))
      add("line-net-amount", "lines", `${at}: quantity x price / base quantity is not the line net amount.`);
    const categories = list(item, "ClassifiedTaxCategory");
    // aligned-ibrp-050-jp: each line has a tax category code and a tax rate.
    const category = categories[0];
    const code = text(category, "ID");
    const percent = decimal(text(category, "Percent"));
    if (categories.length !== 1 || !present(code) || percent === null) {
      add("aligned-ibrp-050-jp", "lines", `${at}: the line shall have one tax category code and rate.`);
      return;
    }
    // aligned-ibrp-cl-01-jp: UNCL5305 codes as JP restricts them; aligned-ibr-jp-03: scheme VAT.
    if (!(JP_TAX_CATEGORY_CODES as readonly string[]).includes(code))
      add("aligned-ibrp-cl-01-jp", "lines", `${at}: tax category ${code} is not a Japanese tax category.`);
    if (text(child(category, "TaxScheme"), "ID") !== TAX_SCHEME_ID)
      add("aligned-ibr-jp-03", "lines", `${at}: the tax scheme shall be VAT (Japanese consumption tax).`);
    // jp-br-co-02: standard and reduced rates are above zero; aligned-ibrp-e-05: exempt is zero.
    // The console issues the rates in force since 2019-10-01: 10 % standard, 8 % reduced.
    const rate = ({ S: 10, AA: 8, E: 0 } as Record<string, number | undefined>)[code];
    if (rate !== undefined && !percent.eq(rate))
      add(
        code === "E" ? "aligned-ibrp-e-05" : "jp-br-co-02",
        "lines",
        `${at}: tax category ${code} has rate ${percent.toString()} %, not ${rate} %.`,
      );
  });
};

type Subtotal = { code: string; percent: string; taxable: Decimal | null; tax: Decimal | null; node: Node };

function subtotalsOf(root: Node): Subtotal[] {
  return list(root, "TaxTotal")
    .flatMap((total) => list(total, "TaxSubtotal"))
    .map((node) => {
      const category = child(node, "TaxCategory");
      return {
        code: text(category, "ID") ?? "",
        percent: decimal(text(category, "Percent"))?.toString() ?? "",
        taxable: decimal(text(node, "TaxableAmount")),
        tax: decimal(text(node, "TaxAmount")),
        node,
      };
    });
}

const totals: Check = (doc, add) => {
  const monetary = child(doc.root, "LegalMonetaryTotal");
  const amount = (name: string, rule: string, label: string) => {
    const value = decimal(text(monetary, name));
    if (value === null) add(rule, "totals", `An Invoice shall have the ${label}.`);
    return value;
  };
  const lineTotal = amount("LineExtensionAmount", "ibr-012", "Sum of Invoice line net amount");
  const exclusive = amount("TaxExclusiveAmount", "ibr-013", "Invoice total amount without tax");
  const inclusive = amount("TaxInclusiveAmount", "ibr-014", "Invoice total amount with tax");
  const payable = amount("PayableAmount", "ibr-015", "Amount due for payment");
  const allowances = decimal(text(monetary, "AllowanceTotalAmount")) ?? dec(0);
  const charges = decimal(text(monetary, "ChargeTotalAmount")) ?? dec(0);
  const prepaid = decimal(text(monetary, "PrepaidAmount")) ?? dec(0);
  const rounding = decimal(text(monetary, "PayableRoundingAmount")) ?? dec(0);
  const sumOfLines = linesOf(doc).reduce((sum, l) => sum.plus(decimal(text(l, "LineExtensionAmount")) ?? 0), dec(0));
  // ibr-co-10: Sum of Invoice line net amount = Σ Invoice line net amount.
  if (lineTotal && !lineTotal.eq(sumOfLines))
    add("ibr-co-10", "totals", `The sum of line net amounts is ${lineTotal}, the lines add up to ${sumOfLines}.`);
  // ibr-co-13: total without tax = Σ line net amounts - allowances + charges.
  if (lineTotal && exclusive && !exclusive.eq(lineTotal.minus(allowances).plus(charges)))
    add("ibr-co-13", "totals", "The total without tax is not the line total less allowances plus charges.");
  const taxTotals = list(doc.root, "TaxTotal");
  const taxAmount = decimal(text(taxTotals[0], "TaxAmount"));
  if (taxTotals.length !== 1 || taxAmount === null)
    add("ibr-co-14", "totals", "The invoice shall have one total tax amount.");
  // ibr-co-14: Invoice total tax amount = Σ tax category tax amount.
  const sumOfTax = subtotalsOf(doc.root).reduce((sum, s) => sum.plus(s.tax ?? 0), dec(0));
  if (taxAmount && !taxAmount.eq(sumOfTax))
    add("ibr-co-14", "totals", `The total tax ${taxAmount} is not the sum of the tax subtotals ${sumOfTax}.`);
  // ibr-co-15: total with tax = total without tax + total tax amount.
  if (exclusive && inclusive && taxAmount && !inclusive.eq(exclusive.plus(taxAmount)))
    add("ibr-co-15", "totals", "The total with tax is not the total without tax plus the tax.");
  // ibr-co-16: amount due = total with tax - paid amount + rounding amount.
  if (inclusive && payable && !payable.eq(inclusive.minus(prepaid).plus(rounding)))
    add("ibr-co-16", "totals", "The amount due is not the total with tax less the paid amount plus rounding.");
};

const CATEGORY_RULE: Record<string, string> = { S: "s", AA: "aa", E: "e", G: "g", O: "o" };

const tax: Check = (doc, add) => {
  const subtotals = subtotalsOf(doc.root);
  subtotals.forEach((s, index) => {
    const at = `tax subtotal ${index + 1}`;
    if (s.taxable === null) add("aligned-ibrp-045", "tax", `${at}: no taxable amount.`);
    if (s.tax === null) add("aligned-ibrp-046", "tax", `${at}: no tax amount.`);
    if (!present(s.code)) add("aligned-ibrp-047", "tax", `${at}: no tax category code.`);
    if (s.percent === "" && s.code !== "O") add("aligned-ibrp-048", "tax", `${at}: no tax category rate.`);
    if (text(child(child(s.node, "TaxCategory"), "TaxScheme"), "ID") !== TAX_SCHEME_ID)
      add("aligned-ibr-jp-03", "tax", `${at}: the tax scheme shall be VAT (Japanese consumption tax).`);
    if (s.taxable === null || s.tax === null || s.percent === "") return;
    // aligned-ibrp-051-jp: tax = taxable x rate / 100 rounded to an integer, so between the floor
    // and the ceiling of the exact product: rounded once per category and rate, not per line.
    const exact = s.taxable.times(s.percent).div(100);
    if (s.tax.lt(exact.floor()) || s.tax.gt(exact.ceil()))
      add("aligned-ibrp-051-jp", "tax", `${at}: tax ${s.tax} is not ${s.taxable} x ${s.percent} % rounded once.`);
    // aligned-ibrp-e-09: an exempt breakdown carries no tax.
    if (s.code === "E" && !s.tax.isZero()) add("aligned-ibrp-e-09", "tax", `${at}: exempt tax amount is not zero.`);
  });
  // aligned-ibrp-{s,aa,e}-01: exactly one breakdown per category and rate used by the lines;
  // aligned-ibrp-{s,aa,e}-08: its taxable amount is the sum of those lines' net amounts.
  const used = new Map<string, Decimal>();
  for (const line of linesOf(doc)) {
    const category = list(child(line, "Item"), "ClassifiedTaxCategory")[0];
    const key = `${text(category, "ID")}|${decimal(text(category, "Percent"))?.toString() ?? ""}`;
    used.set(key, (used.get(key) ?? dec(0)).plus(decimal(text(line, "LineExtensionAmount")) ?? 0));
  }
  const keys = new Set([...used.keys(), ...subtotals.map((s) => `${s.code}|${s.percent}`)]);
  for (const key of keys) {
    const [code = "", percent = ""] = key.split("|");
    const prefix = `aligned-ibrp-${CATEGORY_RULE[code] ?? code.toLowerCase()}`;
    const matching = subtotals.filter((s) => s.code === code && s.percent === percent);
    const linesNet = used.get(key);
    if (matching.length !== 1 || linesNet === undefined) {
      add(`${prefix}-01`, "tax", `Category ${code} at ${percent} % needs exactly one tax subtotal for its lines.`);
      continue;
    }
    const taxable = matching[0]?.taxable;
    if (taxable && !taxable.eq(linesNet))
      add(`${prefix}-08`, "tax", `Category ${code} at ${percent} %: taxable ${taxable}, lines ${linesNet}.`);
  }
};

const decimals: Check = ({ root, type }, add) => {
  for (const amount of amounts(root, `/${type}`, [])) {
    if (amount.currency !== "JPY") {
      add("ibr-cl-03", "decimals", `${amount.path} is in ${amount.currency}; the console issues in JPY.`);
      continue;
    }
    // jp-br-02 / aligned-ibr-jp-06: yen has no minor unit, so every JPY amount is an integer.
    if (!/^-?\d+$/.test(amount.value.trim()))
      add(
        amount.path.endsWith("/TaxAmount") ? "aligned-ibr-jp-06" : "jp-br-02",
        "decimals",
        `${amount.path} = ${amount.value} is not whole yen.`,
      );
  }
};

const correction: Check = ({ root, type }, add) => {
  const references = list(root, "BillingReference");
  const reference = child(references[0], "InvoiceDocumentReference");
  if (type === "Invoice") return;
  // JP PINT corrections (credit notes, cancellations) name the preceding invoice (ibg-03):
  // its number (ibt-025) and issue date (ibt-026), once.
  const number = text(reference, "ID");
  const issued = text(reference, "IssueDate");
  if (references.length !== 1 || !present(number))
    add("ibt-025", "correction", "A credit note shall reference the number of the invoice it corrects.");
  if (!present(issued) || !/^\d{4}-\d{2}-\d{2}$/.test(issued)) {
    add("ibt-026", "correction", "A credit note shall reference the issue date of the invoice it corrects.");
    return;
  }
  const issueDate = text(root, "IssueDate");
  if (issueDate && issued > issueDate)
    add("ibt-026", "correction", `The corrected invoice's issue date ${issued} is after this one's ${issueDate}.`);
};

const CHECKS: Check[] = [identifiers, seller, buyer, period, lines, totals, tax, decimals, correction];

/** Every rule the document breaks; empty when it may leave. */
export function validateJpPint(xml: string): EInvoiceProblem[] {
  const problems: EInvoiceProblem[] = [];
  const add = (rule: string, reason: EInvoiceReason, message: string) => problems.push({ rule, reason, message });
  let parsed: Node;
  try {
    parsed = parser.parse(xml, true) as Node;
  } catch (error) {
    add("xml", "identifiers", `Not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
    return problems;
  }
  const type = "Invoice" in parsed ? "Invoice" : "CreditNote" in parsed ? "CreditNote" : null;
  if (!type) {
    add("ubl-namespace", "identifiers", "The document is neither a UBL Invoice nor a UBL CreditNote.");
    return problems;
  }
  const doc: Document = { root: parsed[type] as Node, type, raw: xml };
  for (const check of CHECKS) check(doc, add);
  return problems;
}
