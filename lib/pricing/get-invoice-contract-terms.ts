// The pricing contract an invoice was computed with, as the invoice page shows it beside the
// lines: markup, operations fee (rate and monthly minimum), contract discount, fixed fees, tax
// rate and rounding. Read by the invoice's own contract reference, which generation (and
// regeneration) records; null for an invoice without one (a manual correction).
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TaxRate, TaxRounding } from "@/lib/generated/prisma/enums";
import { UUID } from "@/lib/uuid";

export interface ContractTermsView {
  name: string;
  fromMonth: string;
  toMonth: string | null;
  /** Decimal strings as stored: 0.08 = +8 %, -0.03 = 3 % below cost. */
  markupRate: string;
  opsFeeRate: string;
  opsFeeMinimumJpy: string;
  discountRate: string;
  taxRate: TaxRate;
  taxRounding: TaxRounding;
  fixedFees: Array<{ description: string; amountJpy: string; taxRate: TaxRate }>;
}

export async function getInvoiceContractTerms(invoiceId: string): Promise<ContractTermsView | null> {
  if (!UUID.test(invoiceId)) return null;
  // Rates leave PostgreSQL as text, trimmed as Decimal prints them (0.080000 -> 0.08).
  const [row] = await readRows<ContractTermsView[]>(Prisma.sql`
    SELECT k.name, k."fromMonth", k."toMonth",
           trim_scale(k."markupRate")::text AS "markupRate", trim_scale(k."opsFeeRate")::text AS "opsFeeRate",
           k."opsFeeMinimumJpy"::text AS "opsFeeMinimumJpy", trim_scale(k."discountRate")::text AS "discountRate",
           k."taxRate"::text AS "taxRate", k."taxRounding"::text AS "taxRounding",
           coalesce((SELECT json_agg(json_build_object('description', f.description,
                                                       'amountJpy', f."amountJpy"::text, 'taxRate', f."taxRate")
                                     ORDER BY f.description, f.id)
                     FROM "PricingFixedFee" f WHERE f."contractId" = k.id), '[]') AS "fixedFees"
    FROM "Invoice" i JOIN "PricingContract" k ON k.id = i."contractId"
    WHERE i.id = ${invoiceId}::uuid`);
  return row ?? null;
}
