// What the database holds for one run of the model-based test, read in one query after every
// step: each invoice of the run's customer and month with a digest of all its rows (invoice,
// lines, versions, approvals, participants, views, deliveries), its approvals and recorded
// participants, and who the audit log says submitted, edited or requested it; plus the refused
// audit events written since the previous step. The invariants are checked from this alone.
import { db } from "@/lib/db";

export interface ObservedInvoice {
  id: string;
  kind: "INVOICE" | "VOID" | "CREDIT_NOTE";
  status: "DRAFT" | "SUBMITTED" | "APPROVED" | "RELEASED" | "VOIDED";
  version: number;
  contentHash: string;
  totalJpy: string;
  number: string | null;
  billingGroupId: string;
  correctsInvoiceId: string | null;
  digest: string;
  approvals: Array<{ approverId: string; version: number; contentHash: string; decision: string; voided: boolean }>;
  participants: Array<{ userId: string; act: "SUBMITTED" | "EDITED" | "CORRECTION_REQUESTED" }>;
  /** Successful submit, edit and correction events in the audit log: the history as audited. */
  history: Array<{ actorId: string | null; action: string }>;
}

export interface RefusedEvent {
  action: string;
  actorId: string | null;
  targetId: string | null;
  reason: string | null;
}

export interface Observation {
  maxSeq: bigint;
  invoices: ObservedInvoice[];
  refused: RefusedEvent[];
}

export async function observe(customerId: string, month: string, sinceSeq: bigint): Promise<Observation> {
  const [row] = await db.$queryRaw<
    Array<{ maxSeq: string | null; invoices: ObservedInvoice[]; refused: RefusedEvent[] }>
  >`
    SELECT (SELECT max(seq) FROM "AuditEvent")::text AS "maxSeq",
      coalesce((SELECT json_agg(json_build_object('action', e.action, 'actorId', e."actorId", 'targetId', e."targetId",
                                                  'reason', e.reason) ORDER BY e.seq)
                FROM "AuditEvent" e WHERE e.seq > ${sinceSeq} AND e.outcome = 'REFUSED'), '[]') AS refused,
      coalesce((SELECT json_agg(json_build_object(
        'id', i.id, 'kind', i.kind, 'status', i.status, 'version', i.version, 'contentHash', i."contentHash",
        'totalJpy', i."totalJpy"::text, 'number', i.number, 'billingGroupId', i."billingGroupId",
        'correctsInvoiceId', i."correctsInvoiceId",
        'digest', md5(concat_ws('|', i::text,
          (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM "InvoiceLine" x WHERE x."invoiceId" = i.id),
          (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM "InvoiceVersion" x WHERE x."invoiceId" = i.id),
          (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM "Approval" x WHERE x."invoiceId" = i.id),
          (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM "InvoiceParticipant" x WHERE x."invoiceId" = i.id),
          (SELECT string_agg(x::text, ',' ORDER BY x."userId", x.version)
           FROM "InvoiceView" x WHERE x."invoiceId" = i.id),
          (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM "Delivery" x WHERE x."invoiceId" = i.id))),
        'approvals', coalesce((SELECT json_agg(json_build_object('approverId', a."approverId", 'version', a.version,
                                 'contentHash', a."contentHash", 'decision', a.decision,
                                 'voided', a."voidedAt" IS NOT NULL))
                               FROM "Approval" a WHERE a."invoiceId" = i.id), '[]'),
        'participants', coalesce((SELECT json_agg(json_build_object('userId', p."userId", 'act', p.act))
                                  FROM "InvoiceParticipant" p WHERE p."invoiceId" = i.id), '[]'),
        'history', coalesce((SELECT json_agg(json_build_object('actorId', e."actorId", 'action', e.action))
                             FROM "AuditEvent" e
                             WHERE e."targetType" = 'invoice' AND e."targetId" = i.id::text AND e.outcome = 'SUCCESS'
                               AND e.action IN ('invoice.submit', 'invoice.edit', 'invoice.correct')), '[]')
      ) ORDER BY i."createdAt", i.id)
      FROM "Invoice" i WHERE i."customerId" = ${customerId}::uuid AND i.month = ${month}), '[]') AS invoices`;
  return { maxSeq: BigInt(row!.maxSeq ?? "0"), invoices: row!.invoices, refused: row!.refused };
}

/** Distinct people whose approval binds the invoice's current version and content. */
export function approversOf(invoice: ObservedInvoice): Set<string> {
  return new Set(
    invoice.approvals
      .filter(
        (a) =>
          a.decision === "APPROVED" &&
          !a.voided &&
          a.version === invoice.version &&
          a.contentHash === invoice.contentHash,
      )
      .map((a) => a.approverId),
  );
}

/**
 * The gate's promise, checked from the database alone after every step: a released invoice
 * (or one released and then voided) has at least the required number of distinct approvers
 * of its released version and content, and none of them submitted, edited or requested it
 * according to the audit log. Returns the violations, as sentences.
 */
export function gateViolations(observation: Observation, thresholdJpy: bigint): string[] {
  const violations: string[] = [];
  for (const invoice of observation.invoices) {
    if (invoice.status !== "RELEASED" && invoice.status !== "VOIDED") continue;
    const approvers = approversOf(invoice);
    const required = BigInt(invoice.totalJpy) >= thresholdJpy ? 2 : 1;
    if (approvers.size < required)
      violations.push(
        `invoice ${invoice.id} (${invoice.kind}, total ${invoice.totalJpy}) was released with ` +
          `${approvers.size} valid approver(s) of version ${invoice.version}; ${required} required`,
      );
    const involved = new Set(invoice.history.map((h) => h.actorId).filter((id): id is string => id !== null));
    for (const id of approvers)
      if (involved.has(id))
        violations.push(
          `invoice ${invoice.id} was released with an approval by ${id}, who ${invoice.history
            .filter((h) => h.actorId === id)
            .map((h) => h.action)
            .join(", ")} it`,
        );
  }
  return violations;
}
