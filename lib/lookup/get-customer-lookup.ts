// Support's read-only view of one customer: what they were charged by month, project and
// service (from their invoices' lines), their invoices, the contract terms in force, and the
// billing groups and projects. Contact data is not here: it goes through lib/access, which
// masks it per actor and records unmasked reads.
import { z } from "zod";
import { readRows } from "@/lib/db-read";
import { monthParam } from "@/lib/http/search-params";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAccessDenied } from "@/lib/audit/access-denied";
import type { Actor } from "@/lib/authz/actor";
import { decide, forbiddenError } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { chooseMonth } from "@/lib/months/asked-month";
import { UUID } from "@/lib/uuid";
import { customerExists } from "./lookup-target-exists";
import type { InvoiceStatus, TaxRate, TaxRounding } from "@/lib/generated/prisma/enums";

/** The customer lookup page's query string (lib/http/search-params.ts). */
export const customerLookupSearchSchema = z.object({ month: monthParam.optional() });

export const CHART_MONTHS = 24;
const CHART_PROJECTS = 5;
export const OTHER_PROJECTS = "__other__";
export const CUSTOMER_LEVEL = "__customer__";

export interface ChargeRow {
  projectId: string | null;
  /** serviceId for usage; the line kind (OPS_FEE, FIXED_FEE, DISCOUNT ...) otherwise. */
  serviceKey: string;
  serviceDescription: string | null;
  amountJpy: string;
}

export interface MonthCharges {
  month: string;
  totalJpy: string;
  /** Top projects by amount over the period, the rest as OTHER_PROJECTS, customer-level lines as CUSTOMER_LEVEL. */
  byProject: Record<string, string>;
}

/** The month a person in Japan calls "this month", as YYYY-MM. */
export function tokyoMonth(now: Date): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
}

function monthsBack(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

interface CustomerRow {
  customer: {
    id: string;
    code: string;
    name: string;
    nameKana: string;
    nameLatin: string | null;
    registrationNumber: string | null;
    postalCode: string | null;
    address: string | null;
    paymentTermsDays: number;
  };
  invoices: Array<{
    id: string;
    number: string | null;
    month: string;
    kind: "INVOICE" | "CREDIT_NOTE" | "VOID";
    status: InvoiceStatus;
    totalJpy: string;
    dueDate: string | null;
    billingGroup: string;
    hasDocument: boolean;
  }>;
  contracts: Array<{
    id: string;
    name: string;
    fromMonth: string;
    toMonth: string | null;
    markupRate: string;
    opsFeeRate: string;
    opsFeeMinimumJpy: string;
    discountRate: string;
    taxRate: TaxRate;
    taxRounding: TaxRounding;
    paymentTermsDays: number;
    fixedFees: Array<{ description: string; amountJpy: string; taxRate: TaxRate }>;
  }>;
  groups: Array<{ id: string; name: string; isDefault: boolean; recipientName: string; recipientDept: string | null }>;
  assignments: Array<{
    projectId: string;
    fromMonth: string;
    toMonth: string | null;
    billingGroupId: string;
    name: string;
    billingAccountId: string | null;
  }>;
}

export async function getCustomerLookup({
  actor,
  customerId,
  month,
  now = new Date(),
}: {
  actor: Actor;
  customerId: string;
  month?: string;
  now?: Date;
}) {
  const decision = decide(actor, "customer.view");
  if (!decision.allowed) {
    // An unknown customer is NOT_FOUND for everyone; a refusal is recorded against one that exists.
    if (!(await customerExists(customerId)))
      throw new AppError("NOT_FOUND", "No such customer.", { details: { rule: "not-found" } });
    await recordAccessDenied(actor, "customer.view", decision, { target: { type: "customer", id: customerId } });
    throw forbiddenError(decision);
  }
  if (!UUID.test(customerId)) throw new AppError("NOT_FOUND", "No such customer.", { details: { rule: "not-found" } });

  const thisMonth = tokyoMonth(now);
  const from = monthsBack(thisMonth, CHART_MONTHS);
  // Two queries: the charges by month, project and service, and everything else about the
  // customer (invoices, contracts in force, billing groups, current projects) as one row.
  // Exact numbers (yen, rates) leave PostgreSQL as text; trim_scale prints rates as Decimal does.
  const [charges, [row]] = await Promise.all([
    readRows<
      Array<{
        month: string;
        projectId: string | null;
        serviceKey: string;
        serviceDescription: string | null;
        amountJpy: bigint;
      }>
    >(Prisma.sql`
      SELECT i.month, l."projectId", coalesce(l."serviceId", l.kind::text) AS "serviceKey",
             max(l."serviceDescription") AS "serviceDescription", sum(l."amountJpy")::bigint AS "amountJpy"
      FROM "Invoice" i JOIN "InvoiceLine" l ON l."invoiceId" = i.id
      WHERE i."customerId" = ${customerId}::uuid AND i.kind = 'INVOICE' AND i.status <> 'VOIDED' AND i.month >= ${from}
      GROUP BY 1, 2, 3
      ORDER BY 1, 2 NULLS LAST, 5 DESC`),
    readRows<CustomerRow[]>(Prisma.sql`
      SELECT json_build_object(
               'id', c.id, 'code', c.code, 'name', c.name, 'nameKana', c."nameKana", 'nameLatin', c."nameLatin",
               'registrationNumber', c."registrationNumber", 'postalCode', c."postalCode", 'address', c.address,
               'paymentTermsDays', c."paymentTermsDays"
             ) AS customer,
             coalesce((
               SELECT json_agg(json_build_object(
                        'id', x.id, 'number', x.number, 'month', x.month, 'kind', x.kind, 'status', x.status,
                        'totalJpy', x."totalJpy"::text, 'dueDate', to_char(x."dueDate", 'YYYY-MM-DD'),
                        'billingGroup', x."billingGroup", 'hasDocument', x."hasDocument"
                      ) ORDER BY x.month DESC, x."createdAt" DESC)
               FROM (SELECT i.id, i.number, i.month, i.kind, i.status, i."totalJpy", i."dueDate", i."createdAt",
                            g.name AS "billingGroup",
                            EXISTS (SELECT 1 FROM "InvoiceDocument" d WHERE d."invoiceId" = i.id) AS "hasDocument"
                     FROM "Invoice" i JOIN "BillingGroup" g ON g.id = i."billingGroupId"
                     WHERE i."customerId" = c.id
                     ORDER BY i.month DESC, i."createdAt" DESC LIMIT 200) x), '[]') AS invoices,
             coalesce((
               SELECT json_agg(json_build_object(
                        'id', k.id, 'name', k.name, 'fromMonth', k."fromMonth", 'toMonth', k."toMonth",
                        'markupRate', trim_scale(k."markupRate")::text, 'opsFeeRate', trim_scale(k."opsFeeRate")::text,
                        'opsFeeMinimumJpy', k."opsFeeMinimumJpy"::text,
                        'discountRate', trim_scale(k."discountRate")::text, 'taxRate', k."taxRate",
                        'taxRounding', k."taxRounding", 'paymentTermsDays', k."paymentTermsDays",
                        'fixedFees', coalesce((
                          SELECT json_agg(json_build_object(
                                   'description', f.description, 'amountJpy', f."amountJpy"::text,
                                   'taxRate', f."taxRate"))
                          FROM "PricingFixedFee" f WHERE f."contractId" = k.id), '[]')
                      ) ORDER BY k."fromMonth" DESC)
               FROM "PricingContract" k
               WHERE k."customerId" = c.id AND k."fromMonth" <= ${thisMonth}
                 AND (k."toMonth" IS NULL OR k."toMonth" > ${thisMonth})), '[]') AS contracts,
             coalesce((
               SELECT json_agg(json_build_object(
                        'id', g.id, 'name', g.name, 'isDefault', g."isDefault",
                        'recipientName', g."recipientName", 'recipientDept', g."recipientDept"
                      ) ORDER BY g."isDefault" DESC, g.name ASC)
               FROM "BillingGroup" g WHERE g."customerId" = c.id), '[]') AS groups,
             coalesce((
               SELECT json_agg(json_build_object(
                        'projectId', a."projectId", 'fromMonth', a."fromMonth", 'toMonth', a."toMonth",
                        'billingGroupId', a."billingGroupId", 'name', p.name, 'billingAccountId', p."billingAccountId"
                      ) ORDER BY a."projectId" ASC)
               FROM "ProjectAssignment" a JOIN "Project" p ON p.id = a."projectId"
               WHERE a."customerId" = c.id AND (a."toMonth" IS NULL OR a."toMonth" > ${thisMonth})
             ), '[]') AS assignments
      FROM "Customer" c WHERE c.id = ${customerId}::uuid`),
  ]);
  if (!row) throw new AppError("NOT_FOUND", "No such customer.", { details: { rule: "not-found" } });
  const { customer, invoices, contracts, groups, assignments } = row;

  // Chart: the largest projects over the period by name, the rest together.
  const perProject = new Map<string, bigint>();
  for (const c of charges)
    if (c.projectId) perProject.set(c.projectId, (perProject.get(c.projectId) ?? 0n) + c.amountJpy);
  const top = [...perProject]
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0])))
    .slice(0, CHART_PROJECTS)
    .map(([p]) => p);
  const monthly = new Map<string, { total: bigint; byProject: Map<string, bigint> }>();
  for (const c of charges) {
    const m = monthly.get(c.month) ?? { total: 0n, byProject: new Map<string, bigint>() };
    const key = c.projectId === null ? CUSTOMER_LEVEL : top.includes(c.projectId) ? c.projectId : OTHER_PROJECTS;
    m.total += c.amountJpy;
    m.byProject.set(key, (m.byProject.get(key) ?? 0n) + c.amountJpy);
    monthly.set(c.month, m);
  }
  const months: MonthCharges[] = [...monthly].map(([m, v]) => ({
    month: m,
    totalJpy: v.total.toString(),
    byProject: Object.fromEntries([...v.byProject].map(([k, a]) => [k, a.toString()])),
  }));
  const chargeMonths = months.map((m) => m.month);
  // A month without charges (an old or edited link) shows the newest, said (unknownMonth).
  const { month: selected, unknown: unknownMonth } = chooseMonth(month, [...chargeMonths].reverse());
  const groupName = new Map(groups.map((g) => [g.id, g.name]));

  return {
    customer,
    thisMonth,
    months,
    chartSeries: [
      ...top,
      ...(months.some((m) => OTHER_PROJECTS in m.byProject) ? [OTHER_PROJECTS] : []),
      ...(months.some((m) => CUSTOMER_LEVEL in m.byProject) ? [CUSTOMER_LEVEL] : []),
    ],
    selectedMonth: selected,
    unknownMonth,
    monthCharges: charges
      .filter((c) => c.month === selected)
      .map(
        (c): ChargeRow => ({
          projectId: c.projectId,
          serviceKey: c.serviceKey,
          serviceDescription: c.serviceDescription,
          amountJpy: c.amountJpy.toString(),
        }),
      ),
    invoices: invoices.map(({ hasDocument, ...i }) => ({
      ...i,
      // The PDF exists once the invoice is released (rendered in the release transaction).
      hasPdf: hasDocument || i.status === "RELEASED",
    })),
    contracts,
    billingGroups: groups,
    projects: assignments.map((a) => ({
      id: a.projectId,
      name: a.name,
      billingAccountId: a.billingAccountId,
      billingGroup: groupName.get(a.billingGroupId) ?? null,
      fromMonth: a.fromMonth,
      toMonth: a.toMonth,
    })),
  };
}

export type CustomerLookup = Awaited<ReturnType<typeof getCustomerLookup>>;
