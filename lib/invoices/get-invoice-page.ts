// The invoice page's read model: the invoice, its lines, versions, approvals, deliveries and
// corrections, the settings it needs and the names of the people involved, in one query.
// The page's four parts (view, gate, release, edit) are then built from that one row by the
// same builders their own loaders use, each with its own policy decisions for this actor.
// Heavy columns the page does not show (version snapshots, line snapshots) are not read.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { DEFAULT_TWO_APPROVER_THRESHOLD_JPY } from "@/lib/gate/approval-rules";
import { gateStatusFrom } from "@/lib/gate/gate-status";
import { disqualifiedFrom } from "@/lib/gate/participants";
import type {
  DeliveryService,
  DeliveryStatus,
  InvoiceAct,
  InvoiceKind,
  InvoiceStatus,
  LineKind,
  TaxRate,
  TaxRounding,
} from "@/lib/generated/prisma/enums";
import { releaseStatusFrom } from "@/lib/release/release-status";
import { SETTING_KEYS } from "@/lib/settings/keys";
import { invoiceForEditFrom } from "./get-invoice-for-edit";
import { invoiceViewFrom } from "./get-invoice-view";
import { canViewInternalNotes } from "./internal-notes";
import { UUID } from "@/lib/uuid";

interface LineJson {
  id: string;
  position: number;
  kind: LineKind;
  manual: boolean;
  edited: boolean;
  projectId: string | null;
  serviceId: string | null;
  description: string;
  quantity: string;
  unit: string | null;
  unitPriceJpy: string | null;
  amountJpy: string;
  computedAmountJpy: string | null;
  taxRate: TaxRate;
  reason: string | null;
  sourceCost: string | null;
  sourceCurrency: string | null;
  fxRate: string | null;
  skuDetail: unknown;
  editedById: string | null;
}

interface Row {
  id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  version: number;
  contentHash: string;
  month: string;
  number: string | null;
  recipientName: string;
  recipientDept: string | null;
  dueDate: string | null;
  issueDate: string | null;
  subtotalJpy: string;
  taxJpy: string;
  totalJpy: string;
  previousTotalJpy: string | null;
  taxBreakdown: unknown;
  taxRounding: TaxRounding;
  fxRates: unknown;
  flags: string[];
  notesPrinted: string | null;
  notesInternal: string | null;
  billingGroupId: string;
  contractFees: unknown;
  feeInvoiceId: string | null;
  submittedById: string | null;
  submittedByName: string | null;
  submittedAt: Date | null;
  customer: { id: string; code: string; name: string; registrationNumber: string | null };
  billingGroup: string;
  lines: LineJson[];
  versions: Array<{
    version: number;
    cause: string;
    createdAt: string;
    createdById: string | null;
    createdByName: string | null;
    contentHash: string;
  }>;
  participants: Array<{ userId: string; act: InvoiceAct }>;
  approvals: Array<{
    approverId: string;
    approverName: string | null;
    version: number;
    contentHash: string;
    decision: "APPROVED" | "REJECTED";
    reason: string | null;
    voidedAt: string | null;
    voidReason: string | null;
  }>;
  deliveries: Array<{
    id: string;
    service: DeliveryService;
    status: DeliveryStatus;
    attempts: number;
    lastError: string | null;
    externalId: string | null;
    externalUrl: string | null;
    sentAt: string | null;
    nextAttemptAt: string;
  }>;
  correctsInvoice: { id: string; number: string | null } | null;
  corrections: Array<{ id: string; kind: InvoiceKind; status: InvoiceStatus; number: string | null }>;
  issuer: unknown;
  threshold: unknown;
}

const day = (value: string | null) => (value === null ? null : new Date(`${value}T00:00:00Z`));
const instant = (value: string | null) => (value === null ? null : new Date(value));

/** Loads everything the invoice page shows, for this actor. NOT_FOUND when there is no such invoice. */
export async function getInvoicePage(invoiceId: string, actor: Actor) {
  assertAllowed(actor, "invoice.view");
  if (!UUID.test(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice.", { details: { rule: "not-found" } });
  // Numbers that must stay exact (bigint yen, decimals) leave PostgreSQL as text; trim_scale
  // gives the same text Prisma's Decimal prints (1.500000000 -> 1.5).
  const [row] = await readRows<Row[]>(Prisma.sql`
    SELECT i.id::text, i.kind::text, i.status::text, i.version, i."contentHash", i.month, i.number,
           i."recipientName", i."recipientDept",
           to_char(i."dueDate", 'YYYY-MM-DD') AS "dueDate", to_char(i."issueDate", 'YYYY-MM-DD') AS "issueDate",
           i."subtotalJpy"::text AS "subtotalJpy", i."taxJpy"::text AS "taxJpy", i."totalJpy"::text AS "totalJpy",
           i."previousTotalJpy"::text AS "previousTotalJpy",
           i."taxBreakdown", i."taxRounding"::text AS "taxRounding", i."fxRates", i.flags,
           i."notesPrinted",
           -- Read only for roles that may see it (the DTO drops it again: lib/invoices/internal-notes.ts).
           CASE WHEN ${canViewInternalNotes(actor)} THEN i."notesInternal" END AS "notesInternal",
           i."billingGroupId"::text AS "billingGroupId", i."contractFees",
           (SELECT x.id::text FROM "Invoice" x
            WHERE x."billingGroupId" = (i."contractFees"->>'feeGroupId')::uuid
              AND x."billingGroupId" <> i."billingGroupId" AND x.month = i.month
              AND x.kind = 'INVOICE' AND x.status <> 'VOIDED'
            LIMIT 1) AS "feeInvoiceId",
           i."submittedById"::text AS "submittedById", su.name AS "submittedByName", i."submittedAt",
           json_build_object(
             'id', c.id, 'code', c.code, 'name', c.name, 'registrationNumber', c."registrationNumber"
           ) AS customer,
           g.name AS "billingGroup",
           coalesce((
             SELECT json_agg(json_build_object(
                      'id', l.id, 'position', l.position, 'kind', l.kind, 'manual', l.manual, 'edited', l.edited,
                      'projectId', l."projectId", 'serviceId', l."serviceId", 'description', l.description,
                      'quantity', trim_scale(l.quantity)::text, 'unit', l.unit,
                      'unitPriceJpy', trim_scale(l."unitPriceJpy")::text,
                      'amountJpy', l."amountJpy"::text, 'computedAmountJpy', l.computed->>'amountJpy',
                      'taxRate', l."taxRate", 'reason', l.reason,
                      'sourceCost', trim_scale(l."sourceCost")::text, 'sourceCurrency', l."sourceCurrency",
                      'fxRate', trim_scale(l."fxRate")::text,
                      'skuDetail', l."skuDetail", 'editedById', l."editedById") ORDER BY l.position)
             FROM "InvoiceLine" l WHERE l."invoiceId" = i.id), '[]') AS lines,
           coalesce((
             SELECT json_agg(json_build_object(
                      'version', v.version, 'cause', v.cause, 'createdAt', v."createdAt",
                      'createdById', v."createdById", 'createdByName', u.name, 'contentHash', v."contentHash"
                    ) ORDER BY v.version DESC)
             FROM "InvoiceVersion" v LEFT JOIN "User" u ON u.id = v."createdById"
             WHERE v."invoiceId" = i.id), '[]') AS versions,
           coalesce((
             SELECT json_agg(json_build_object('userId', p."userId", 'act', p.act))
             FROM "InvoiceParticipant" p WHERE p."invoiceId" = i.id), '[]') AS participants,
           coalesce((
             SELECT json_agg(json_build_object(
                      'approverId', a."approverId", 'approverName', u.name, 'version', a.version,
                      'contentHash', a."contentHash", 'decision', a.decision,
                      'reason', a.reason, 'voidedAt', a."voidedAt", 'voidReason', a."voidReason"
                    ) ORDER BY a."createdAt", a.id)
             FROM "Approval" a LEFT JOIN "User" u ON u.id = a."approverId"
             WHERE a."invoiceId" = i.id), '[]') AS approvals,
           coalesce((
             SELECT json_agg(json_build_object(
                      'id', d.id, 'service', d.service, 'status', d.status, 'attempts', d.attempts,
                      'lastError', d."lastError", 'externalId', d."externalId", 'externalUrl', d."externalUrl",
                      'sentAt', d."sentAt", 'nextAttemptAt', d."nextAttemptAt"))
             FROM "Delivery" d WHERE d."invoiceId" = i.id), '[]') AS deliveries,
           (SELECT json_build_object('id', x.id, 'number', x.number)
            FROM "Invoice" x WHERE x.id = i."correctsInvoiceId") AS "correctsInvoice",
           coalesce((
             SELECT json_agg(json_build_object('id', x.id, 'kind', x.kind, 'status', x.status, 'number', x.number)
                             ORDER BY x."createdAt", x.id)
             FROM "Invoice" x WHERE x."correctsInvoiceId" = i.id), '[]') AS corrections,
           (SELECT s.value FROM "Setting" s WHERE s.key = ${SETTING_KEYS.issuer}) AS issuer,
           (SELECT s.value FROM "Setting" s WHERE s.key = ${SETTING_KEYS.threshold}) AS threshold
    FROM "Invoice" i
    JOIN "Customer" c ON c.id = i."customerId"
    JOIN "BillingGroup" g ON g.id = i."billingGroupId"
    LEFT JOIN "User" su ON su.id = i."submittedById"
    WHERE i.id = ${invoiceId}::uuid`);
  if (!row) throw new AppError("NOT_FOUND", "No such invoice.", { details: { rule: "not-found" } });

  const threshold =
    typeof row.threshold === "string" || typeof row.threshold === "number"
      ? BigInt(row.threshold)
      : DEFAULT_TWO_APPROVER_THRESHOLD_JPY;
  const totalJpy = BigInt(row.totalJpy);
  const approvals = row.approvals.map((a) => ({ ...a, voidedAt: instant(a.voidedAt) }));
  const names = new Map<string, string>();
  if (row.submittedById && row.submittedByName !== null) names.set(row.submittedById, row.submittedByName);
  for (const a of row.approvals) if (a.approverName !== null) names.set(a.approverId, a.approverName);
  const disqualified = disqualifiedFrom(row.participants);

  const view = invoiceViewFrom({
    ...row,
    dueDate: day(row.dueDate),
    versions: row.versions.map((v) => ({ ...v, createdAt: new Date(v.createdAt) })),
  });
  const gate = gateStatusFrom(
    { ...row, totalJpy, approvals, disqualified, names, twoApproverThresholdJpy: threshold },
    actor,
  );
  const release = releaseStatusFrom(
    {
      ...row,
      issueDate: day(row.issueDate),
      totalJpy,
      approvals,
      disqualified,
      deliveries: row.deliveries.map((d) => ({
        ...d,
        sentAt: instant(d.sentAt),
        nextAttemptAt: new Date(d.nextAttemptAt),
      })),
      twoApproverThresholdJpy: threshold,
    },
    actor,
  );
  const editable = invoiceForEditFrom(
    {
      ...row,
      dueDate: day(row.dueDate),
      voidedByEdit: approvals
        .filter((a) => a.voidReason === "edited after approval")
        .map((a) => ({
          approverId: a.approverId,
          approverName: a.approverName,
          version: a.version,
          voidedAt: a.voidedAt,
        })),
    },
    actor,
  );
  return { view, gate, release, editable };
}

export type InvoicePage = Awaited<ReturnType<typeof getInvoicePage>>;
