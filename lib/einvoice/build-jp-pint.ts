// The JP PINT e-invoice of a released document as UBL 2.1 XML: an Invoice (380) for an
// invoice, a CreditNote (381) for a credit note or a void, which name the invoice they correct
// with its number and issue date (ibg-03 preceding invoice reference). A pure function of the
// PDF model: the lines, the tax breakdown per rate and the totals are the PDF's numbers, never
// recomputed here. The console stores a credit note's amounts as negatives; a UBL CreditNote
// states what is credited, so its amounts are written with the sign turned.
// Element order follows the UBL 2.1 Invoice and CreditNote schemas.
import { XMLBuilder } from "fast-xml-parser";
import { Decimal, dec } from "@/lib/money/money";
import type { InvoicePdfModel } from "@/lib/pdf/invoice-pdf-model";
import type { EInvoiceInput } from "./einvoice-input";
import {
  CREDIT_NOTE_TYPE_CODE,
  INVOICE_TYPE_CODE,
  JP_PINT_CUSTOMIZATION_ID,
  JP_PINT_PROFILE_ID,
  PAYMENT_MEANS_CREDIT_TRANSFER,
  TAX_CATEGORY,
  TAX_SCHEME_ID,
  UBL_NAMESPACES,
  unitCodeOf,
} from "./jp-pint";
import type { PeppolParticipant } from "./participant";

export type EInvoiceDocument = { documentType: "Invoice" | "CreditNote"; xml: string };

type Node = Record<string, unknown>;
const CURRENCY = "JPY";

const yen = (amount: bigint) => ({ "#text": amount.toString(), "@_currencyID": CURRENCY });
const taxScheme = { "cac:TaxScheme": { "cbc:ID": TAX_SCHEME_ID } };

/** A registration number's participant under scheme 0221 (qualified-invoice issuers). */
function registrationParticipant(registrationNumber: string | null): PeppolParticipant | null {
  return registrationNumber ? { scheme: "0221", id: registrationNumber } : null;
}

/**
 * ibt-049 Buyer electronic address: the participant ID an admin set, else the customer's
 * registration number under scheme 0221; null when neither is known (ibr-080 then refuses).
 */
export function buyerElectronicAddress(
  participant: PeppolParticipant | null,
  registrationNumber: string | null,
): PeppolParticipant | null {
  return participant ?? registrationParticipant(registrationNumber);
}

function endpoint(participant: PeppolParticipant | null): Node {
  return participant ? { "cbc:EndpointID": { "#text": participant.id, "@_schemeID": participant.scheme } } : {};
}

/**
 * The issuer's bank line as the setting holds it ("みずほ銀行 大手町支店 普通 1234567 カ)名義"):
 * the account number is the payment account identifier (ibt-084), the holder its name (ibt-085),
 * bank and branch the service provider (ibt-086). A line in another shape is kept whole.
 */
export function bankAccountOf(bank: string): { id: string; name: string | null; branch: string | null } {
  const match = /^(.+?)\s+(\S+支店|\S+出張所|本店)\s+(普通|当座|貯蓄)\s+(\d{4,8})\s*(.*)$/.exec(bank.trim());
  const [, name, branch, type, account, holder] = match ?? [];
  if (!account) return { id: bank.trim(), name: null, branch: null };
  return { id: account, name: holder?.trim() || null, branch: `${name} ${branch} ${type}` };
}

function address(street: string | null, postalCode: string | null): Node {
  return {
    "cac:PostalAddress": {
      ...(street ? { "cbc:StreetName": street } : {}),
      ...(postalCode ? { "cbc:PostalZone": postalCode } : {}),
      "cac:Country": { "cbc:IdentificationCode": "JP" },
    },
  };
}

function supplierParty(model: InvoicePdfModel): Node {
  const issuer = model.issuer;
  return {
    "cac:Party": {
      ...endpoint(registrationParticipant(issuer.registrationNumber)),
      "cac:PartyName": { "cbc:Name": issuer.name },
      ...address(issuer.address, issuer.postalCode),
      // ibt-031 Seller tax identifier: the qualified-invoice registration number (jp-br-01).
      "cac:PartyTaxScheme": { "cbc:CompanyID": issuer.registrationNumber, ...taxScheme },
      "cac:PartyLegalEntity": { "cbc:RegistrationName": issuer.name },
      ...(issuer.phone ? { "cac:Contact": { "cbc:Telephone": issuer.phone } } : {}),
    },
  };
}

function customerParty(model: InvoicePdfModel, participant: PeppolParticipant | null): Node {
  const recipient = model.recipient;
  return {
    "cac:Party": {
      ...endpoint(buyerElectronicAddress(participant, recipient.registrationNumber)),
      "cac:PartyIdentification": { "cbc:ID": recipient.customerCode },
      "cac:PartyName": { "cbc:Name": recipient.name },
      ...address(recipient.address, null),
      ...(recipient.registrationNumber
        ? { "cac:PartyTaxScheme": { "cbc:CompanyID": recipient.registrationNumber, ...taxScheme } }
        : {}),
      "cac:PartyLegalEntity": { "cbc:RegistrationName": recipient.name },
      ...(recipient.department ? { "cac:Contact": { "cbc:Name": recipient.department } } : {}),
    },
  };
}

function taxCategory(rate: InvoicePdfModel["taxBreakdown"][number]["taxRate"]): Node {
  const category = TAX_CATEGORY[rate];
  return {
    "cbc:ID": category.code,
    "cbc:Percent": String(category.percent),
    ...(category.code === "E" ? { "cbc:TaxExemptionReason": "非課税 / Exempt" } : {}),
    ...taxScheme,
  };
}

const plain = (value: Decimal) =>
  value
    .toFixed()
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");

/**
 * One line's quantity and price. A line net amount is quantity x price / base quantity
 * (ibt-131 = ibt-129 x ibt-146 / ibt-149) and a price is never negative (ibr-027): a negative
 * line (a discount or credit) has a negative quantity. When the unit price is a whole number of
 * yen that gives the amount exactly, it is the price; otherwise the price is the line amount
 * for the line's quantity as base quantity, so the line states the amount the PDF prints.
 */
export function linePricing(line: { quantity: string; unitPriceJpy: string | null }, amount: bigint) {
  const quantity = dec(line.quantity).gt(0) ? dec(line.quantity) : new Decimal(1);
  const absolute = amount < 0n ? -amount : amount;
  const sign = amount < 0n ? -1 : 1;
  const invoiced = plain(quantity.times(sign));
  const unitPrice = line.unitPriceJpy === null ? null : dec(line.unitPriceJpy).abs();
  if (unitPrice?.isInteger() && quantity.times(unitPrice).eq(dec(absolute))) {
    return { quantity: invoiced, price: BigInt(unitPrice.toFixed(0)), baseQuantity: null };
  }
  return { quantity: invoiced, price: absolute, baseQuantity: plain(quantity) };
}

function documentLine(model: InvoicePdfModel, sign: bigint, credit: boolean) {
  return model.lines.map((line, index) => {
    const amount = line.amountJpy * sign;
    const pricing = linePricing(line, amount);
    const unitCode = unitCodeOf(line.unit);
    return {
      "cbc:ID": String(index + 1),
      [credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity"]: { "#text": pricing.quantity, "@_unitCode": unitCode },
      "cbc:LineExtensionAmount": yen(amount),
      "cac:Item": {
        ...(line.detail ? { "cbc:Description": line.detail } : {}),
        "cbc:Name": line.description,
        "cac:ClassifiedTaxCategory": taxCategory(line.taxRate),
      },
      "cac:Price": {
        "cbc:PriceAmount": yen(pricing.price),
        ...(pricing.baseQuantity
          ? { "cbc:BaseQuantity": { "#text": pricing.baseQuantity, "@_unitCode": unitCode } }
          : {}),
      },
    };
  });
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: "  ", suppressEmptyNode: true });

export function buildJpPintXml(input: EInvoiceInput): EInvoiceDocument {
  const { model } = input;
  const credit = model.kind !== "INVOICE";
  const documentType = credit ? "CreditNote" : "Invoice";
  // A CreditNote states the credited amounts; the console holds them negated.
  const sign = credit ? -1n : 1n;
  const subtotal = model.subtotalJpy * sign;
  const tax = model.taxJpy * sign;
  const total = model.totalJpy * sign;
  const bank = bankAccountOf(model.issuer.bank);
  const root: Node = {
    "@_xmlns": UBL_NAMESPACES[documentType],
    "@_xmlns:cac": UBL_NAMESPACES.cac,
    "@_xmlns:cbc": UBL_NAMESPACES.cbc,
    "cbc:CustomizationID": JP_PINT_CUSTOMIZATION_ID,
    "cbc:ProfileID": JP_PINT_PROFILE_ID,
    "cbc:ID": model.number,
    "cbc:IssueDate": model.issueDate,
    ...(!credit && model.dueDate ? { "cbc:DueDate": model.dueDate } : {}),
    [credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode"]: credit ? CREDIT_NOTE_TYPE_CODE : INVOICE_TYPE_CODE,
    ...(model.notesPrinted ? { "cbc:Note": model.notesPrinted } : {}),
    "cbc:DocumentCurrencyCode": CURRENCY,
    // ibg-14: the billed month (aligned-ibrp-052 requires an invoice period in JP PINT).
    "cac:InvoicePeriod": { "cbc:StartDate": model.periodStart, "cbc:EndDate": model.periodEnd },
    ...(input.corrects
      ? {
          "cac:BillingReference": {
            "cac:InvoiceDocumentReference": {
              "cbc:ID": input.corrects.number,
              "cbc:IssueDate": input.corrects.issueDate,
            },
          },
        }
      : {}),
    "cac:AccountingSupplierParty": supplierParty(model),
    "cac:AccountingCustomerParty": customerParty(model, input.buyerParticipant),
    ...(!credit
      ? {
          "cac:PaymentMeans": {
            "cbc:PaymentMeansCode": PAYMENT_MEANS_CREDIT_TRANSFER,
            // ibt-083 Remittance information: the invoice number, once (aligned-ibrp-014).
            "cbc:PaymentID": model.number,
            "cac:PayeeFinancialAccount": {
              "cbc:ID": bank.id,
              ...(bank.name ? { "cbc:Name": bank.name } : {}),
              ...(bank.branch ? { "cac:FinancialInstitutionBranch": { "cbc:ID": bank.branch } } : {}),
            },
          },
        }
      : {}),
    "cac:TaxTotal": {
      "cbc:TaxAmount": yen(tax),
      // One subtotal per tax category and rate, the PDF's breakdown: tax rounded once per rate.
      "cac:TaxSubtotal": model.taxBreakdown.map((entry) => ({
        "cbc:TaxableAmount": yen(entry.baseJpy * sign),
        "cbc:TaxAmount": yen(entry.taxJpy * sign),
        "cac:TaxCategory": taxCategory(entry.taxRate),
      })),
    },
    "cac:LegalMonetaryTotal": {
      "cbc:LineExtensionAmount": yen(subtotal),
      "cbc:TaxExclusiveAmount": yen(subtotal),
      "cbc:TaxInclusiveAmount": yen(total),
      "cbc:PayableAmount": yen(total),
    },
    [credit ? "cac:CreditNoteLine" : "cac:InvoiceLine"]: documentLine(model, sign, credit),
  };
  const xml = builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" }, [documentType]: root });
  return { documentType, xml: String(xml) };
}
