// Support's read-only view of one customer: what they were charged by month, project and
// service (from their invoices' lines), their invoices, the contract terms in force, and the
// billing groups and projects. Contact data is not here: it goes through lib/access, which
// masks it per actor and records unmasked reads.
import { db } from "@/lib/db";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { UUID } from "@/lib/access/refusal";

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

export async function getCustomerLookup({ actor, customerId, month, now = new Date() }: { actor: Actor; customerId: string; month?: string; now?: Date }) {
  const customer = UUID.test(customerId)
    ? await db.customer.findUnique({
        where: { id: customerId },
        select: { id: true, code: true, name: true, nameKana: true, nameLatin: true, registrationNumber: true, postalCode: true, address: true, paymentTermsDays: true },
      })
    : null;
  if (!customer) throw new AppError("NOT_FOUND", "No such customer.");
  const decision = decide(actor, "customer.view");
  if (!decision.allowed) {
    await recordAuditEventNow({ actor, action: "access.denied", target: { type: "customer", id: customerId }, outcome: "REFUSED", reason: `customer.view: ${decision.rule}` });
    throw new AppError("FORBIDDEN", decision.message);
  }

  const thisMonth = tokyoMonth(now);
  const from = monthsBack(thisMonth, CHART_MONTHS);
  const [charges, invoices, contracts, groups, assignments] = await Promise.all([
    db.$queryRaw<Array<{ month: string; projectId: string | null; serviceKey: string; serviceDescription: string | null; amountJpy: bigint }>>`
      SELECT i.month, l."projectId", coalesce(l."serviceId", l.kind::text) AS "serviceKey", max(l."serviceDescription") AS "serviceDescription", sum(l."amountJpy")::bigint AS "amountJpy"
      FROM "Invoice" i JOIN "InvoiceLine" l ON l."invoiceId" = i.id
      WHERE i."customerId" = ${customerId}::uuid AND i.kind = 'INVOICE' AND i.status <> 'VOIDED' AND i.month >= ${from}
      GROUP BY 1, 2, 3
      ORDER BY 1, 2 NULLS LAST, 5 DESC`,
    db.invoice.findMany({
      where: { customerId },
      orderBy: [{ month: "desc" }, { createdAt: "desc" }],
      take: 200,
      select: { id: true, number: true, month: true, kind: true, status: true, totalJpy: true, dueDate: true, billingGroup: { select: { name: true } }, document: { select: { invoiceId: true } } },
    }),
    db.pricingContract.findMany({
      where: { customerId, fromMonth: { lte: thisMonth }, OR: [{ toMonth: null }, { toMonth: { gt: thisMonth } }] },
      orderBy: { fromMonth: "desc" },
      include: { fixedFees: true },
    }),
    db.billingGroup.findMany({ where: { customerId }, orderBy: [{ isDefault: "desc" }, { name: "asc" }], select: { id: true, name: true, isDefault: true, recipientName: true, recipientDept: true } }),
    db.projectAssignment.findMany({
      where: { customerId, OR: [{ toMonth: null }, { toMonth: { gt: thisMonth } }] },
      orderBy: { projectId: "asc" },
      select: { projectId: true, fromMonth: true, toMonth: true, billingGroupId: true, project: { select: { name: true, billingAccountId: true } } },
    }),
  ]);

  // Chart: the largest projects over the period by name, the rest together.
  const perProject = new Map<string, bigint>();
  for (const c of charges) if (c.projectId) perProject.set(c.projectId, (perProject.get(c.projectId) ?? 0n) + c.amountJpy);
  const top = [...perProject].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0]))).slice(0, CHART_PROJECTS).map(([p]) => p);
  const monthly = new Map<string, { total: bigint; byProject: Map<string, bigint> }>();
  for (const c of charges) {
    const m = monthly.get(c.month) ?? { total: 0n, byProject: new Map<string, bigint>() };
    const key = c.projectId === null ? CUSTOMER_LEVEL : top.includes(c.projectId) ? c.projectId : OTHER_PROJECTS;
    m.total += c.amountJpy;
    m.byProject.set(key, (m.byProject.get(key) ?? 0n) + c.amountJpy);
    monthly.set(c.month, m);
  }
  const months: MonthCharges[] = [...monthly].map(([m, v]) => ({ month: m, totalJpy: v.total.toString(), byProject: Object.fromEntries([...v.byProject].map(([k, a]) => [k, a.toString()])) }));
  const chargeMonths = months.map((m) => m.month);
  const selected = month && chargeMonths.includes(month) ? month : (chargeMonths.at(-1) ?? null);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));

  return {
    customer,
    thisMonth,
    months,
    chartSeries: [...top, ...(months.some((m) => OTHER_PROJECTS in m.byProject) ? [OTHER_PROJECTS] : []), ...(months.some((m) => CUSTOMER_LEVEL in m.byProject) ? [CUSTOMER_LEVEL] : [])],
    selectedMonth: selected,
    monthCharges: charges
      .filter((c) => c.month === selected)
      .map((c): ChargeRow => ({ projectId: c.projectId, serviceKey: c.serviceKey, serviceDescription: c.serviceDescription, amountJpy: c.amountJpy.toString() })),
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      month: i.month,
      kind: i.kind,
      status: i.status,
      totalJpy: i.totalJpy.toString(),
      dueDate: i.dueDate?.toISOString().slice(0, 10) ?? null,
      billingGroup: i.billingGroup.name,
      // The PDF exists once the invoice is released (rendered in the release transaction).
      hasPdf: i.document !== null || i.status === "RELEASED",
    })),
    contracts: contracts.map((c) => ({
      id: c.id,
      name: c.name,
      fromMonth: c.fromMonth,
      toMonth: c.toMonth,
      markupRate: c.markupRate.toString(),
      opsFeeRate: c.opsFeeRate.toString(),
      opsFeeMinimumJpy: c.opsFeeMinimumJpy.toString(),
      discountRate: c.discountRate.toString(),
      taxRate: c.taxRate,
      taxRounding: c.taxRounding,
      paymentTermsDays: c.paymentTermsDays,
      fixedFees: c.fixedFees.map((f) => ({ description: f.description, amountJpy: f.amountJpy.toString(), taxRate: f.taxRate })),
    })),
    billingGroups: groups.map((g) => ({ id: g.id, name: g.name, isDefault: g.isDefault, recipientName: g.recipientName, recipientDept: g.recipientDept })),
    projects: assignments.map((a) => ({ id: a.projectId, name: a.project.name, billingAccountId: a.project.billingAccountId, billingGroup: groupName.get(a.billingGroupId) ?? null, fromMonth: a.fromMonth, toMonth: a.toMonth })),
  };
}

export type CustomerLookup = Awaited<ReturnType<typeof getCustomerLookup>>;
