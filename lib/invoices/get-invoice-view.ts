// Read side of an invoice for the console: header, lines grouped by project and service
// with SKU detail, tax per rate, FX used, and the version history.
import { db } from "@/lib/db";
import { listProjectUsageLines } from "@/lib/usage/usage-lines";
import { AppError } from "@/lib/errors";
import type { InvoiceKind, InvoiceStatus, LineKind, TaxRate, TaxRounding } from "@/lib/generated/prisma/enums";
import type { SkuDetail } from "@/lib/pricing/price-draft";

/** What the invoice view is built from (read by lib/invoices/get-invoice-page.ts). */
export interface InvoiceViewFacts {
  id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  version: number;
  month: string;
  number: string | null;
  customer: { id: string; code: string; name: string; registrationNumber: string | null };
  billingGroup: string;
  recipientName: string;
  recipientDept: string | null;
  dueDate: Date | null;
  issuer: unknown;
  subtotalJpy: string;
  taxJpy: string;
  totalJpy: string;
  previousTotalJpy: string | null;
  taxBreakdown: unknown;
  taxRounding: TaxRounding;
  fxRates: unknown;
  flags: string[];
  notesPrinted: string | null;
  /** By position. */
  lines: Array<{
    id: string;
    position: number;
    kind: LineKind;
    manual: boolean;
    edited: boolean;
    projectId: string | null;
    serviceId: string | null;
    description: string;
    amountJpy: string;
    computedAmountJpy: string | null;
    taxRate: TaxRate;
    reason: string | null;
    sourceCost: string | null;
    sourceCurrency: string | null;
    fxRate: string | null;
    skuDetail: unknown;
  }>;
  /** Newest first, with the author's name when known. */
  versions: Array<{
    version: number;
    cause: string;
    createdAt: Date;
    createdById: string | null;
    createdByName: string | null;
    contentHash: string;
  }>;
}

export function invoiceViewFrom(invoice: InvoiceViewFacts) {
  const lines = invoice.lines.map((l) => ({
    id: l.id,
    position: l.position,
    kind: l.kind,
    manual: l.manual,
    edited: l.edited,
    projectId: l.projectId,
    serviceId: l.serviceId,
    description: l.description,
    amountJpy: l.amountJpy,
    computedAmountJpy: l.computedAmountJpy,
    taxRate: l.taxRate,
    reason: l.reason,
    sourceCost: l.sourceCost,
    sourceCurrency: l.sourceCurrency,
    fxRate: l.fxRate,
    skus: (l.skuDetail as SkuDetail[] | null) ?? [],
  }));
  const groups = new Map<string, typeof lines>();
  for (const l of lines) {
    const key = l.projectId ?? "";
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  return {
    id: invoice.id,
    kind: invoice.kind,
    status: invoice.status,
    version: invoice.version,
    month: invoice.month,
    number: invoice.number,
    customer: invoice.customer,
    billingGroup: invoice.billingGroup,
    recipientName: invoice.recipientName,
    recipientDept: invoice.recipientDept,
    dueDate: invoice.dueDate?.toISOString().slice(0, 10) ?? null,
    issuer: (invoice.issuer ?? null) as { name?: string; registrationNumber?: string } | null,
    subtotalJpy: invoice.subtotalJpy,
    taxJpy: invoice.taxJpy,
    totalJpy: invoice.totalJpy,
    previousTotalJpy: invoice.previousTotalJpy,
    taxBreakdown: invoice.taxBreakdown as Array<{ taxRate: string; baseJpy: string; taxJpy: string }>,
    taxRounding: invoice.taxRounding,
    fxRates: invoice.fxRates as Array<{ currency: string; rate: string }>,
    flags: invoice.flags,
    notesPrinted: invoice.notesPrinted,
    projectGroups: [...groups].map(([projectId, groupLines]) => ({ projectId: projectId || null, lines: groupLines })),
    versions: invoice.versions.map((v) => ({
      version: v.version,
      cause: v.cause,
      createdAt: v.createdAt.toISOString(),
      by: v.createdById ? (v.createdByName ?? v.createdById) : "system",
      contentHash: v.contentHash,
    })),
  };
}

export type InvoiceView = ReturnType<typeof invoiceViewFrom>;

/** A project's usage rows for a month (optionally one service), paged, newest first. */
export async function getProjectUsage(
  projectId: string,
  month: string | undefined,
  serviceId: string | undefined,
  page: number,
) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { id: true, name: true, billingAccountId: true },
  });
  if (!project) throw new AppError("NOT_FOUND", "No such project.");
  // Months, per-service sums and counts come from the usage rollup; only the page of rows shown
  // is read from the usage lines, through their key (project, month).
  const months = await db.$queryRaw<
    Array<{ month: string }>
  >`SELECT DISTINCT "invoiceMonth" AS month FROM "UsageRollup" WHERE "projectId" = ${projectId} ORDER BY 1 DESC`;
  const selected = month ?? months[0]?.month ?? null;
  const pageSize = 100;
  const [rows, totals] = await Promise.all([
    selected
      ? listProjectUsageLines({ projectId, month: selected, serviceId, limit: pageSize, offset: (page - 1) * pageSize })
      : [],
    db.$queryRaw<
      Array<{
        serviceId: string;
        serviceDescription: string;
        currency: string;
        cost: string;
        credits: string;
        rows: number;
      }>
    >`
      SELECT "serviceId", "serviceDescription", currency, trim_scale(sum(cost))::text AS cost,
        trim_scale(sum(credits))::text AS credits, sum(rows)::int AS rows
      FROM "UsageRollup" WHERE "projectId" = ${projectId} AND "invoiceMonth" = ${selected} GROUP BY 1, 2, 3 ORDER BY 2`,
  ]);
  const count = totals.filter((t) => !serviceId || t.serviceId === serviceId).reduce((n, t) => n + t.rows, 0);
  const batches = new Map(
    (
      await db.usageBatch.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.batchId))] } },
        select: { id: true, fileName: true },
      })
    ).map((b) => [b.id, b.fileName]),
  );
  return {
    project,
    months: months.map((m) => m.month),
    month: selected,
    serviceId: serviceId ?? null,
    page,
    pageSize,
    count,
    services: totals,
    rows: rows.map((r) => ({
      id: `${r.batchId}:${r.lineNo}`,
      lineNo: r.lineNo,
      batch: batches.get(r.batchId) ?? r.batchId,
      serviceDescription: r.serviceDescription,
      skuDescription: r.skuDescription,
      usageStart: r.usageStart?.toISOString() ?? null,
      usageAmount: r.usageAmount,
      usageUnit: r.usageUnit,
      cost: r.cost,
      credits: r.credits,
      currency: r.currency,
    })),
  };
}
