// Generates the month's drafts: one per billing group with usage, from its projects' usage
// (summed in SQL from the batches' rollups, which the import wrote with the lines), the
// customer's pricing contract and the month's FX rates. A contract's billing groups are priced
// together, with its fee group (which carries the contract-level fees once), as one unit.
// Regenerating keeps finance's work: manual lines stay, edited computed lines keep finance's
// values (their `computed` is refreshed), and only a real change makes a new version. Only
// drafts are regenerated; submitted, approved and released invoices are left alone.
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { recordAuditEvent, recordAuditEventNow, recordAuditEvents } from "@/lib/audit/record-audit-event";
import type { Actor, SystemActor } from "@/lib/authz/actor";
import { decide, forbiddenError } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LineKind, TaxRate, TaxRounding } from "@/lib/generated/prisma/enums";
import { computeInvoiceTotals, taxBreakdownJson } from "@/lib/money/invoice-totals";
import { Decimal } from "@/lib/money/money";
import { type ContractFees, contractFeesFor } from "@/lib/pricing/contract-fees";
import {
  type ContractTerms,
  MissingFxRateError,
  type PricedContractMonth,
  type PricedLine,
  priceContractMonth,
  type SkuDetail,
  type UsageAggregate,
} from "@/lib/pricing/price-draft";
import {
  type ContractUnit,
  contractUnitGroupIds,
  loadContractUnits,
  type SkipCode,
  type UnitSkip,
} from "./contract-units";
import { draftFlags } from "./flags";
import { dateOnly } from "@/lib/release/invoice-number";
import { contentHash, snapshotOf } from "./snapshot";

export interface GenerateDraftsOptions {
  actor: Actor | SystemActor;
  month: string;
  billingGroupIds?: string[];
}

export interface GenerateDraftsSummary {
  month: string;
  created: number;
  updated: number;
  unchanged: number;
  /** Groups left out: a reason code screens translate (lib/i18n/refusals.ts) with its params, and English. */
  skipped: UnitSkip[];
}

interface AggregateRow {
  billingGroupId: string;
  projectId: string;
  serviceId: string;
  serviceDescription: string;
  currency: string;
  skuId: string;
  skuDescription: string;
  cost: string;
  credits: string;
  usageAmount: string | null;
  usageUnit: string | null;
  rows: number;
}

export function dueDateFor(month: string, paymentTermsDays: number): Date {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const endOfMonth = new Date(Date.UTC(y, m, 0));
  return new Date(endOfMonth.getTime() + paymentTermsDays * 86_400_000);
}

export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

async function aggregateUsage(month: string, groupIds?: string[]) {
  const inGroups = groupIds ? Prisma.sql`AND a."billingGroupId" = ANY(${groupIds}::uuid[])` : Prisma.empty;
  const rows = await db.$queryRaw<AggregateRow[]>`
    SELECT a."billingGroupId"::text AS "billingGroupId", u."projectId", u."serviceId", u."serviceDescription",
           u.currency, u."skuId", u."skuDescription",
           trim_scale(sum(u.cost))::text AS cost, trim_scale(sum(u.credits))::text AS credits,
           trim_scale(sum(u."usageAmount"))::text AS "usageAmount", max(u."usageUnit") AS "usageUnit",
           sum(u.rows)::int AS rows
    FROM "UsageRollup" u
    JOIN "ProjectAssignment" a ON a."projectId" = u."projectId"
      AND a."fromMonth" <= ${month} AND (a."toMonth" IS NULL OR ${month} < a."toMonth")
    WHERE u."invoiceMonth" = ${month} AND u.current ${inGroups}
    GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  const byGroup = new Map<string, Map<string, UsageAggregate>>();
  for (const r of rows) {
    const group = byGroup.get(r.billingGroupId) ?? new Map<string, UsageAggregate>();
    byGroup.set(r.billingGroupId, group);
    const key = `${r.projectId}\u0000${r.serviceId}\u0000${r.currency}`;
    const agg = group.get(key) ?? {
      projectId: r.projectId,
      serviceId: r.serviceId,
      serviceDescription: r.serviceDescription,
      currency: r.currency,
      cost: "0",
      credits: "0",
      rows: 0,
      skus: [] as SkuDetail[],
    };
    agg.skus.push({
      skuId: r.skuId,
      description: r.skuDescription,
      cost: r.cost,
      credits: r.credits,
      usageAmount: r.usageAmount,
      unit: r.usageUnit,
      rows: r.rows,
    });
    agg.rows += r.rows;
    group.set(key, agg);
  }
  // Sum SKU amounts per line exactly (strings from numeric; no floats).
  for (const group of byGroup.values())
    for (const agg of group.values()) {
      agg.cost = agg.skus.reduce((s, k) => s.plus(k.cost), new Decimal(0)).toString();
      agg.credits = agg.skus.reduce((s, k) => s.plus(k.credits), new Decimal(0)).toString();
      agg.skus.sort((a, b) => a.description.localeCompare(b.description));
    }
  return byGroup;
}

/**
 * The named billing groups that have a draft for the month but no current usage any more (a
 * corrected export removed it): they are regenerated too, so the draft stops billing it.
 */
async function draftsLeftWithoutUsage(month: string, groupIds: string[] | undefined, usage: Map<string, unknown>) {
  const candidates = (groupIds ?? []).filter((id) => !usage.has(id));
  if (!candidates.length) return [];
  const drafts = await db.invoice.findMany({
    where: { month, kind: "INVOICE", status: "DRAFT", billingGroupId: { in: candidates } },
    select: { billingGroupId: true },
  });
  return drafts.map((d) => d.billingGroupId);
}

const lineKey = (l: {
  kind: string;
  projectId: string | null;
  serviceId: string | null;
  sourceCurrency: string | null;
  description: string;
}) => (l.kind === "USAGE" ? `USAGE|${l.projectId}|${l.serviceId}|${l.sourceCurrency}` : `${l.kind}|${l.description}`);

interface DraftLine {
  position: number;
  kind: LineKind;
  manual: boolean;
  edited: boolean;
  computed: Prisma.InputJsonValue | null;
  projectId: string | null;
  serviceId: string | null;
  serviceDescription: string | null;
  description: string;
  quantity: string;
  unit: string | null;
  unitPriceJpy: string | null;
  amountJpy: bigint;
  taxRate: TaxRate;
  reason: string | null;
  sourceCost: string | null;
  sourceCurrency: string | null;
  fxRate: string | null;
  skuDetail: Prisma.InputJsonValue | null;
  editedById: string | null;
  editedAt: Date | null;
}

function computedOf(l: PricedLine) {
  return { description: l.description, amountJpy: l.amountJpy.toString(), sourceCost: l.sourceCost, fxRate: l.fxRate };
}

function fromPriced(l: PricedLine, position: number): DraftLine {
  return {
    position,
    kind: l.kind,
    manual: false,
    edited: false,
    computed: computedOf(l),
    projectId: l.projectId,
    serviceId: l.serviceId,
    serviceDescription: l.serviceDescription,
    description: l.description,
    quantity: "1",
    unit: null,
    unitPriceJpy: null,
    amountJpy: l.amountJpy,
    taxRate: l.taxRate,
    reason: null,
    sourceCost: l.sourceCost,
    sourceCurrency: l.sourceCurrency,
    fxRate: l.fxRate,
    skuDetail: (l.skuDetail as unknown as Prisma.InputJsonValue) ?? null,
    editedById: null,
    editedAt: null,
  };
}

export async function generateDrafts({
  actor,
  month,
  billingGroupIds,
}: GenerateDraftsOptions): Promise<GenerateDraftsSummary> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new AppError("INVALID_INPUT", "The month must be YYYY-MM.", {
      fieldErrors: { month: ["month-format"] },
      details: { rule: "month-format" },
    });
  const decision = decide(actor, "drafts.generate");
  if (!decision.allowed) {
    // Refusals are audited like every other command's (a forged call included).
    await recordAuditEventNow({
      actor,
      action: "drafts.generate",
      outcome: "REFUSED",
      reason: `${decision.rule}: ${decision.message}`,
      metadata: { month, billingGroupIds, rule: decision.rule, params: decision.params },
    });
    throw forbiddenError(decision);
  }

  // A contract's groups are priced together (contract-units.ts), so asking for one group
  // regenerates every group of its customer.
  const requested = billingGroupIds ? await contractUnitGroupIds(billingGroupIds) : undefined;
  const usage = await aggregateUsage(month, requested);
  const withWork = [...new Set([...usage.keys(), ...(await draftsLeftWithoutUsage(month, requested, usage))])];
  const summary: GenerateDraftsSummary = { month, created: 0, updated: 0, unchanged: 0, skipped: [] };
  if (withWork.length === 0) return summary;
  const { units, skipped } = await loadContractUnits(month, withWork);
  summary.skipped.push(...skipped);
  const groupIds = units.flatMap((u) => u.groups.map((g) => g.id));

  const [fx, existing, previous, newProjects] = await Promise.all([
    db.fxRate.findMany({ where: { month, toCurrency: "JPY" } }),
    db.invoice.findMany({
      where: { billingGroupId: { in: groupIds }, month, kind: "INVOICE", status: { not: "VOIDED" } },
      include: { lines: true },
    }),
    db.invoice.findMany({
      where: {
        billingGroupId: { in: groupIds },
        month: previousMonth(month),
        kind: "INVOICE",
        status: { not: "VOIDED" },
      },
      select: { billingGroupId: true, totalJpy: true },
    }),
    db.project.findMany({ where: { firstSeenMonth: month }, select: { id: true } }),
  ]);
  const fxRates = Object.fromEntries(fx.map((r) => [r.fromCurrency, r.rate.toString()]));
  const existingByGroup = new Map(existing.map((i) => [i.billingGroupId, i]));
  const previousByGroup = new Map(previous.map((i) => [i.billingGroupId, i.totalJpy]));
  const newProjectIds = new Set(newProjects.map((p) => p.id));
  const generatedDue = await generatedDueDates(existing.filter((i) => i.status === "DRAFT").map((i) => i.id));
  const changeShare = await flagChangeShare();
  const newDrafts: NewDraft[] = [];

  for (const { customer, contract, feeGroup, groups } of units) {
    const skip = (billingGroupId: string, code: SkipCode, reason: string, params?: Record<string, string>) =>
      summary.skipped.push({ billingGroupId, customerCode: customer.code, code, params, reason });
    let priced: PricedContractMonth;
    try {
      priced = priceContractMonth(
        groups.map((g) => ({ billingGroupId: g.id, usage: [...(usage.get(g.id)?.values() ?? [])] })),
        contractTermsOf(contract),
        fxRates,
        feeGroup.id,
      );
    } catch (error) {
      if (error instanceof MissingFxRateError) {
        // The fee group's top-up needs every group's cost: none of the contract's drafts is priced.
        for (const g of groups)
          skip(
            g.id,
            "no-fx-rate",
            `no FX rate for ${error.currency} in ${month}: set it under Administration > FX rates`,
            {
              currency: error.currency,
              month,
            },
          );
        continue;
      }
      throw error;
    }
    // A group without usage gets no new invoice of nothing (a fee group with no fees to carry
    // this month); the note names the fee group only when it has an invoice.
    const invoiced = groups.filter(
      (g) => usage.has(g.id) || existingByGroup.has(g.id) || (priced.byGroup.get(g.id)?.lines.length ?? 0) > 0,
    );
    const contractFees = invoiced.some((g) => g.id === feeGroup.id) ? contractFeesFor(feeGroup, invoiced.length) : null;

    for (const group of invoiced) {
      const current = existingByGroup.get(group.id);
      if (current && current.status !== "DRAFT") {
        skip(group.id, "not-regenerated", `the invoice is ${current.status.toLowerCase()}, so it is not regenerated`, {
          status: current.status,
        });
        continue;
      }
      const groupPriced = priced.byGroup.get(group.id);
      if (!groupPriced) continue;
      const computedLines = groupPriced.lines.map((l, i) => fromPriced(l, i + 1));
      const lines = current ? mergeWithFinanceWork(computedLines, current.lines) : computedLines;
      const totals = computeInvoiceTotals(lines, contract.taxRounding);
      // The due date follows the contract's payment terms unless finance set another one.
      const contractDue = dueDateFor(month, contract.paymentTermsDays);
      const dueDate =
        current && dateOnly(current.dueDate) !== generatedDue.get(current.id) ? current.dueDate : contractDue;
      // Everything derived from the contract and the FX rates is refreshed; what belongs to the
      // billing group (recipient) and to finance (notes, a due date they set) is kept.
      const header = {
        kind: "INVOICE" as const,
        month,
        customerId: group.customerId,
        billingGroupId: group.id,
        correctsInvoiceId: null,
        recipientName: current?.recipientName ?? group.recipientName,
        recipientDept: current?.recipientDept ?? group.recipientDept,
        recipientAddress: current?.recipientAddress ?? group.recipientAddress,
        dueDate,
        notesPrinted: current?.notesPrinted ?? null,
        notesInternal: current?.notesInternal ?? null,
        currency: "JPY",
        fxRates: groupPriced.fxRates,
        taxRounding: contract.taxRounding as TaxRounding,
        subtotalJpy: totals.subtotalJpy,
        taxJpy: totals.taxJpy,
        totalJpy: totals.totalJpy,
        taxBreakdown: taxBreakdownJson(totals.taxBreakdown),
        contractFees,
      };
      const snapshot = snapshotOf({ ...header, lines });
      const hash = contentHash(snapshot);
      const flags = draftFlags({
        totalJpy: totals.totalJpy,
        previousTotalJpy: previousByGroup.get(group.id) ?? null,
        lines,
        projectIds: lines.map((l) => l.projectId),
        newProjectIds,
        changeShare,
      });

      // Unchanged only if the stored rows hash to it too: a draft whose rows drifted from its
      // hash (a header field regeneration once left behind) is rewritten, not reported unchanged.
      if (
        current &&
        current.contentHash === hash &&
        contentHash(snapshotOf(current)) === hash &&
        current.contractId === contract.id
      ) {
        summary.unchanged++;
        continue;
      }
      if (current) {
        await db.$transaction((tx) =>
          writeRegeneration(tx, actor, current, header, contract.id, lines, hash, snapshot, flags, {
            previousTotalJpy: previousByGroup.get(group.id) ?? null,
          }),
        );
        summary.updated++;
      } else {
        newDrafts.push({
          customerCode: customer.code,
          header,
          contractId: contract.id,
          lines,
          hash,
          snapshot,
          flags,
          previousTotalJpy: previousByGroup.get(group.id) ?? null,
        });
      }
    }
  }
  // New drafts are written a chunk at a time: per draft, the writes' own cost is small next to
  // the cost of a round of statements and a commit.
  for (let i = 0; i < newDrafts.length; i += NEW_DRAFTS_PER_TRANSACTION) {
    const chunk = newDrafts.slice(i, i + NEW_DRAFTS_PER_TRANSACTION);
    const written = await db.$transaction((tx) => writeNewDrafts(tx, actor, month, chunk), { timeout: 60_000 });
    summary.created += written.size;
    for (const d of chunk.filter((d) => !written.has(d.header.billingGroupId))) {
      summary.skipped.push({
        billingGroupId: d.header.billingGroupId,
        customerCode: d.customerCode,
        code: "generated-meanwhile",
        reason: "another generation created its draft meanwhile",
      });
    }
  }
  return summary;
}

/** A contract's terms as pricing reads them (exported for the tests that price a month themselves). */
export function contractTermsOf(contract: ContractUnit["contract"]): ContractTerms {
  return {
    markupRate: contract.markupRate.toString(),
    opsFeeRate: contract.opsFeeRate.toString(),
    opsFeeMinimumJpy: contract.opsFeeMinimumJpy,
    discountRate: contract.discountRate.toString(),
    taxRate: contract.taxRate,
    taxRounding: contract.taxRounding,
    fixedFees: contract.fixedFees.map((f) => ({
      description: f.description,
      amountJpy: f.amountJpy,
      taxRate: f.taxRate,
    })),
  };
}

/** The due date each draft's latest generation wrote (YYYY-MM-DD): a different one is finance's. */
async function generatedDueDates(invoiceIds: string[]): Promise<Map<string, string | null>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ invoiceId: string; dueDate: string | null }>>`
    SELECT DISTINCT ON (v."invoiceId") v."invoiceId"::text AS "invoiceId", v.snapshot->>'dueDate' AS "dueDate"
    FROM "InvoiceVersion" v
    WHERE v."invoiceId" = ANY(${invoiceIds}::uuid[]) AND v.cause IN ('generated', 'regenerated')
    ORDER BY v."invoiceId", v.version DESC`;
  return new Map(rows.map((r) => [r.invoiceId, r.dueDate]));
}

const NEW_DRAFTS_PER_TRANSACTION = 50;

/** Keeps manual lines and finance's edits; computed lines follow the new usage. */
export function mergeWithFinanceWork(
  computed: DraftLine[],
  old: Array<
    {
      kind: LineKind;
      manual: boolean;
      edited: boolean;
      projectId: string | null;
      serviceId: string | null;
      sourceCurrency: string | null;
      description: string;
      computed: unknown;
    } & Record<string, unknown>
  >,
): DraftLine[] {
  const edited = new Map(
    old
      .filter((l) => !l.manual && l.edited)
      .map((l) => [
        lineKey({ ...l, description: (l.computed as { description?: string } | null)?.description ?? l.description }),
        l,
      ]),
  );
  const merged = computed.map((line) => {
    const kept = edited.get(lineKey(line));
    if (!kept) return line;
    return {
      ...line,
      edited: true,
      description: kept.description,
      quantity: String(kept.quantity),
      unit: (kept.unit as string | null) ?? null,
      unitPriceJpy: kept.unitPriceJpy === null ? null : String(kept.unitPriceJpy),
      amountJpy: kept.amountJpy as bigint,
      reason: (kept.reason as string | null) ?? null,
      editedById: (kept.editedById as string | null) ?? null,
      editedAt: (kept.editedAt as Date | null) ?? null,
    };
  });
  const manual = old
    .filter((l) => l.manual)
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map(
      (l, i): DraftLine => ({
        position: merged.length + i + 1,
        kind: l.kind,
        manual: true,
        edited: false,
        computed: null,
        projectId: l.projectId,
        serviceId: l.serviceId,
        serviceDescription: (l.serviceDescription as string | null) ?? null,
        description: l.description,
        quantity: String(l.quantity),
        unit: (l.unit as string | null) ?? null,
        unitPriceJpy: l.unitPriceJpy === null ? null : String(l.unitPriceJpy),
        amountJpy: l.amountJpy as bigint,
        taxRate: l.taxRate as TaxRate,
        reason: (l.reason as string | null) ?? null,
        sourceCost: null,
        sourceCurrency: null,
        fxRate: null,
        skuDetail: null,
        editedById: (l.editedById as string | null) ?? null,
        editedAt: (l.editedAt as Date | null) ?? null,
      }),
    );
  return [...merged, ...manual];
}

function lineData(invoiceId: string, l: DraftLine) {
  return {
    invoiceId,
    position: l.position,
    kind: l.kind,
    manual: l.manual,
    edited: l.edited,
    computed: l.computed ?? Prisma.JsonNull,
    projectId: l.projectId,
    serviceId: l.serviceId,
    serviceDescription: l.serviceDescription,
    description: l.description,
    quantity: l.quantity,
    unit: l.unit,
    unitPriceJpy: l.unitPriceJpy,
    amountJpy: l.amountJpy,
    taxRate: l.taxRate,
    reason: l.reason,
    sourceCost: l.sourceCost,
    sourceCurrency: l.sourceCurrency,
    fxRate: l.fxRate,
    skuDetail: l.skuDetail ?? Prisma.JsonNull,
    editedById: l.editedById,
    editedAt: l.editedAt,
  };
}

type Header = Omit<Parameters<typeof snapshotOf>[0], "lines" | "contractFees"> & {
  dueDate: Date | null;
  taxRounding: TaxRounding;
  kind: "INVOICE";
  contractFees: ContractFees | null;
};

interface NewDraft {
  customerCode: string;
  header: Header;
  contractId: string;
  lines: DraftLine[];
  hash: string;
  snapshot: unknown;
  flags: string[];
  previousTotalJpy: bigint | null;
}

/**
 * Writes new drafts, skipping any billing group that got its invoice for the month meanwhile.
 * Returns the billing groups written.
 */
async function writeNewDrafts(
  tx: Tx,
  actor: Actor | SystemActor,
  month: string,
  drafts: NewDraft[],
): Promise<Set<string>> {
  // One writer of new drafts per month at a time, so two generations cannot both create one.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`drafts.generate:${month}`}))`;
  const taken = new Set(
    (
      await tx.invoice.findMany({
        where: {
          month,
          kind: "INVOICE",
          status: { not: "VOIDED" },
          billingGroupId: { in: drafts.map((d) => d.header.billingGroupId) },
        },
        select: { billingGroupId: true },
      })
    ).map((i) => i.billingGroupId),
  );
  const fresh = drafts.filter((d) => !taken.has(d.header.billingGroupId)).map((d) => ({ ...d, id: randomUUID() }));
  if (!fresh.length) return new Set();
  // Raw inserts from one JSON document per table: Prisma's createMany spent most of the time
  // of a generation walking the lines' and snapshots' JSON values one by one.
  const json = (rows: unknown[]) => JSON.stringify(rows, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
  await tx.$executeRawUnsafe(
    `INSERT INTO "Invoice" (id, kind, version, "contentHash", "billingGroupId", "customerId", month, "contractId",
                            currency, "fxRates", "taxRounding", "subtotalJpy", "taxJpy", "totalJpy",
                            "taxBreakdown", "recipientName", "recipientDept", "recipientAddress", "dueDate",
                            "notesInternal", "notesPrinted", flags, "previousTotalJpy", "contractFees", "updatedAt")
     SELECT x.id, 'INVOICE', 1, x."contentHash", x."billingGroupId", x."customerId", x.month, x."contractId",
            x.currency, x."fxRates", x."taxRounding"::"TaxRounding", x."subtotalJpy"::bigint,
            x."taxJpy"::bigint, x."totalJpy"::bigint, x."taxBreakdown", x."recipientName", x."recipientDept",
            x."recipientAddress", x."dueDate"::date, x."notesInternal", x."notesPrinted",
            ARRAY(SELECT jsonb_array_elements_text(x.flags)), x."previousTotalJpy"::bigint,
            nullif(x."contractFees", 'null'::jsonb), now()
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "contentHash" text, "billingGroupId" uuid, "customerId" uuid,
            month text, "contractId" uuid, currency text, "fxRates" jsonb,
            "taxRounding" text, "subtotalJpy" text, "taxJpy" text, "totalJpy" text, "taxBreakdown" jsonb,
            "recipientName" text, "recipientDept" text, "recipientAddress" text,
            "dueDate" text, "notesInternal" text, "notesPrinted" text, flags jsonb, "previousTotalJpy" text,
            "contractFees" jsonb)`,
    json(
      fresh.map(({ id, header, contractId, hash, flags, previousTotalJpy }) => ({
        ...header,
        dueDate: header.dueDate ? dateOnly(header.dueDate) : null,
        id,
        contractId,
        contentHash: hash,
        flags,
        previousTotalJpy,
      })),
    ),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "InvoiceLine" (id, "invoiceId", position, kind, manual, edited, computed, "projectId", "serviceId",
                                "serviceDescription", description, quantity, unit, "unitPriceJpy",
                                "amountJpy", "taxRate", reason, "sourceCost", "sourceCurrency", "fxRate", "skuDetail",
                                "editedById", "editedAt")
     SELECT gen_random_uuid(), x."invoiceId", x.position, x.kind::"LineKind", x.manual, x.edited, x.computed,
            x."projectId", x."serviceId", x."serviceDescription", x.description,
            x.quantity::numeric, x.unit, x."unitPriceJpy"::numeric, x."amountJpy"::bigint, x."taxRate"::"TaxRate",
            x.reason, x."sourceCost"::numeric, x."sourceCurrency", x."fxRate"::numeric,
            x."skuDetail", x."editedById", x."editedAt"::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x("invoiceId" uuid, position int, kind text, manual boolean, edited boolean,
            computed jsonb, "projectId" text, "serviceId" text,
            "serviceDescription" text, description text, quantity text, unit text, "unitPriceJpy" text,
            "amountJpy" text, "taxRate" text, reason text, "sourceCost" text,
            "sourceCurrency" text, "fxRate" text, "skuDetail" jsonb, "editedById" uuid, "editedAt" text)`,
    json(fresh.flatMap((d) => d.lines.map((l) => ({ ...l, invoiceId: d.id })))),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "InvoiceVersion" (id, "invoiceId", version, cause, "contentHash", snapshot, "createdById")
     SELECT gen_random_uuid(), x."invoiceId", 1, 'generated', x."contentHash", x.snapshot, $2::uuid
     FROM jsonb_to_recordset($1::jsonb) AS x("invoiceId" uuid, "contentHash" text, snapshot jsonb)`,
    json(fresh.map((d) => ({ invoiceId: d.id, contentHash: d.hash, snapshot: d.snapshot }))),
    actor.id,
  );
  await recordAuditEvents(
    tx,
    fresh.map((d) => ({
      actor,
      action: "invoice.generate",
      target: { type: "invoice", id: d.id },
      after: { month: d.header.month, totalJpy: d.header.totalJpy, lines: d.lines.length, contentHash: d.hash },
    })),
  );
  return new Set(fresh.map((d) => d.header.billingGroupId));
}

async function writeRegeneration(
  tx: Tx,
  actor: Actor | SystemActor,
  current: {
    id: string;
    version: number;
    totalJpy: bigint;
    lines: Array<{
      description: string;
      amountJpy: bigint;
      kind: LineKind;
      projectId: string | null;
      serviceId: string | null;
      sourceCurrency: string | null;
      computed: unknown;
      manual: boolean;
      edited: boolean;
    }>;
  },
  header: Header,
  contractId: string,
  lines: DraftLine[],
  hash: string,
  snapshot: unknown,
  flags: string[],
  { previousTotalJpy }: { previousTotalJpy: bigint | null },
) {
  // Lock and re-check: an edit that landed since we read the invoice wins; we regenerate again later.
  const [locked] = await tx.$queryRaw<
    Array<{ version: number; status: string }>
  >`SELECT version, status::text FROM "Invoice" WHERE id = ${current.id}::uuid FOR UPDATE`;
  if (!locked || locked.version !== current.version || locked.status !== "DRAFT") return;
  const version = current.version + 1;
  const before = new Map(
    current.lines
      .filter((l) => !l.manual)
      .map((l) => [
        lineKey({ ...l, description: (l.computed as { description?: string } | null)?.description ?? l.description }),
        l.amountJpy.toString(),
      ]),
  );
  const after = new Map(
    lines
      .filter((l) => !l.manual)
      .map((l) => [
        lineKey({ ...l, description: (l.computed as { description?: string } | null)?.description ?? l.description }),
        l.amountJpy.toString(),
      ]),
  );
  const changes = [...new Set([...before.keys(), ...after.keys()])]
    .filter((k) => before.get(k) !== after.get(k))
    .map((k) => ({ line: k, before: before.get(k) ?? null, after: after.get(k) ?? null }));
  await tx.invoiceLine.deleteMany({ where: { invoiceId: current.id } });
  await tx.invoiceLine.createMany({ data: lines.map((l) => lineData(current.id, l)) });
  // Every header field the content hash covers is written from the header that was hashed, so
  // the gate's hash recomputed from these rows is this one.
  await tx.invoice.update({
    where: { id: current.id },
    data: {
      contractId,
      recipientName: header.recipientName,
      recipientDept: header.recipientDept,
      recipientAddress: header.recipientAddress,
      dueDate: header.dueDate,
      notesPrinted: header.notesPrinted,
      notesInternal: header.notesInternal,
      currency: header.currency,
      fxRates: header.fxRates as Prisma.InputJsonValue,
      taxRounding: header.taxRounding,
      taxBreakdown: header.taxBreakdown as Prisma.InputJsonValue,
      contractFees: header.contractFees ? { ...header.contractFees } : Prisma.DbNull,
      subtotalJpy: header.subtotalJpy,
      taxJpy: header.taxJpy,
      totalJpy: header.totalJpy,
      contentHash: hash,
      version,
      flags,
      previousTotalJpy,
      generatedAt: new Date(),
    },
  });
  await tx.invoiceVersion.create({
    data: {
      invoiceId: current.id,
      version,
      cause: "regenerated",
      contentHash: hash,
      snapshot: snapshot as Prisma.InputJsonValue,
      createdById: actor.id,
    },
  });
  await recordAuditEvent(tx, {
    actor,
    action: "invoice.regenerate",
    target: { type: "invoice", id: current.id },
    before: { version: current.version, totalJpy: current.totalJpy },
    after: { version, totalJpy: header.totalJpy, contentHash: hash },
    metadata: { changes },
  });
}

async function flagChangeShare(): Promise<string> {
  const setting = await db.setting.findUnique({ where: { key: "drafts.flagChangeShare" } });
  return typeof setting?.value === "string" || typeof setting?.value === "number" ? String(setting.value) : "0.3";
}
