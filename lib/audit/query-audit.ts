// Reading the audit log: filtered, paged lists (newest first, keyset on seq) and an invoice's
// whole story in one timeline. Only admins and managers read it, and every read is itself an
// audit event ("audit.read", "audit.export") naming what was looked at.
import { z } from "zod";
import { db } from "@/lib/db";
import { readRows } from "@/lib/db-read";
import { recordAccessDenied } from "@/lib/audit/access-denied";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide, type PolicyActor, forbiddenError } from "@/lib/authz/policy";
import { toAuditValuesFor } from "@/lib/invoices/internal-notes";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { targetNames } from "./target-names";
import { UUID } from "@/lib/uuid";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An instant in UTC, to the minute or finer: 2026-08-01T03:00Z, 2026-08-01T03:00:59.999Z. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const dayOrInstant = z
  .string()
  .refine((v) => (DAY.test(v) || INSTANT.test(v)) && !Number.isNaN(Date.parse(DAY.test(v) ? `${v}T00:00:00Z` : v)))
  .optional()
  .catch(undefined);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined))
    .catch(undefined);

export const auditFilterSchema = z.object({
  actor: optionalText(200),
  action: optionalText(100),
  targetType: optionalText(50),
  targetId: optionalText(200),
  outcome: z.enum(["SUCCESS", "REFUSED", "FAILURE"]).optional().catch(undefined),
  /** Inclusive bounds: a UTC day (the whole day) or a UTC instant. */
  from: dayOrInstant,
  to: dayOrInstant,
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export interface AuditEventDto {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: "SUCCESS" | "REFUSED" | "FAILURE";
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
}

/** Actions the console records, offered as choices in the filter (any text is accepted). */
export const KNOWN_ACTIONS = [
  "auth.sign-in",
  "auth.sign-out",
  "auth.session-expired",
  "access.denied",
  "usage.import",
  "usage.stage",
  "usage.replace",
  "usage.append",
  "invoice.return-to-draft",
  "invoice.generate",
  "invoice.regenerate",
  "invoice.edit",
  "invoice.submit",
  "invoice.approve",
  "invoice.reject",
  "invoice.release",
  "invoice.correct",
  "invoice.voided",
  "delivery.sent",
  "delivery.retry-scheduled",
  "delivery.failed",
  "delivery.retry",
  "customer.unmasked-read",
  "accessGrant.request",
  "accessGrant.approve",
  "accessGrant.reject",
  "accessGrant.expired",
  "audit.read",
  "audit.export",
  "project.assign",
  "fxRate.set",
  "user.access-changed",
  "request.refused",
  "request.refused.suppressed",
  "audit.checkpoint",
] as const;

type Row = Omit<AuditEventDto, "seq" | "occurredAt"> & { seq: bigint; occurredAt: Date };

/** An event as this actor may read it (internal notes only for roles allowed: lib/invoices/internal-notes.ts). */
export function toAuditEventFor(actor: PolicyActor, e: Row): AuditEventDto {
  return toAuditValuesFor(actor, { ...e, seq: e.seq.toString(), occurredAt: e.occurredAt.toISOString() });
}

async function assertCanRead(actor: Actor, what: Record<string, unknown>) {
  const decision = decide(actor, "audit.view");
  if (decision.allowed) return;
  await recordAccessDenied(actor, "audit.view", decision, { metadata: what });
  throw forbiddenError(decision);
}

/** The WHERE clause for a filter; each condition has an index behind it. */
async function whereFor(filter: AuditFilter): Promise<Prisma.Sql> {
  const where: Prisma.Sql[] = [];
  if (filter.actor) {
    // A person by e-mail or name (current users), or the e-mail recorded on the event.
    const pattern = `%${filter.actor.replace(/[\\%_]/g, "\\$&")}%`;
    const users = await readRows<Array<{ id: string }>>(
      Prisma.sql`SELECT id::text FROM "User" WHERE email ILIKE ${pattern} OR name ILIKE ${pattern} LIMIT 200`,
      { prepared: false },
    );
    const ids = users.map((u) => u.id);
    where.push(
      ids.length
        ? Prisma.sql`("actorId" = ANY(${ids}::uuid[]) OR "actorEmail" = ${filter.actor.toLowerCase()})`
        : Prisma.sql`"actorEmail" = ${filter.actor.toLowerCase()}`,
    );
  }
  if (filter.action) where.push(Prisma.sql`action = ${filter.action}`);
  if (filter.targetType) where.push(Prisma.sql`"targetType" = ${filter.targetType}`);
  if (filter.targetId) where.push(Prisma.sql`"targetId" = ${filter.targetId}`);
  if (filter.outcome) where.push(Prisma.sql`outcome = ${filter.outcome}::"AuditOutcome"`);
  if (filter.from) {
    const from = DAY.test(filter.from) ? new Date(`${filter.from}T00:00:00Z`) : new Date(filter.from);
    where.push(Prisma.sql`"occurredAt" >= ${from}`);
  }
  if (filter.to) {
    where.push(
      DAY.test(filter.to)
        ? Prisma.sql`"occurredAt" < ${new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000)}`
        : Prisma.sql`"occurredAt" <= ${new Date(filter.to)}`,
    );
  }
  return where.length ? Prisma.join(where, " AND ") : Prisma.sql`true`;
}

const COLUMNS = Prisma.sql`seq, "occurredAt", "actorId"::text, "actorEmail", action, "targetType", "targetId",
  outcome::text, reason, ip, "userAgent", before, after, metadata`;

/** One page of events, newest first; `before` is the seq to continue below. */
export async function queryAudit({
  actor,
  filter: raw = {},
  before,
  pageSize = 50,
}: {
  actor: Actor;
  filter?: z.input<typeof auditFilterSchema>;
  before?: string;
  pageSize?: number;
}) {
  const filter = auditFilterSchema.parse(raw);
  await assertCanRead(actor, { filter });
  const cursor = before && /^\d{1,19}$/.test(before) ? BigInt(before) : null;
  const size = Math.min(Math.max(1, pageSize), 500);
  const rows = await readRows<Row[]>(Prisma.sql`
    SELECT ${COLUMNS} FROM "AuditEvent"
    WHERE ${await whereFor(filter)} ${cursor !== null ? Prisma.sql`AND seq < ${cursor}` : Prisma.empty}
    ORDER BY seq DESC LIMIT ${size + 1}`);
  const events = rows.slice(0, size).map((e) => toAuditEventFor(actor, e));
  const names = await targetNames(events);
  await recordAuditEventNow({
    actor,
    action: "audit.read",
    metadata: { filter, before: cursor?.toString() ?? null, events: events.length },
  });
  // The extra row only says there is more; the next page continues below the last one shown.
  const last = events.at(-1);
  return { filter, events, names, nextBefore: rows.length > size && last ? last.seq : null };
}

/** Every matching event, oldest first, a page at a time (for the CSV export). */
export async function* streamAuditEvents({
  actor,
  filter: raw = {},
  pageSize = 2000,
}: {
  actor: Actor;
  filter?: z.input<typeof auditFilterSchema>;
  pageSize?: number;
}): AsyncGenerator<AuditEventDto[]> {
  const filter = auditFilterSchema.parse(raw);
  await assertCanRead(actor, { filter, export: true });
  await recordAuditEventNow({ actor, action: "audit.export", metadata: { filter } });
  const where = await whereFor(filter);
  let after = 0n;
  for (;;) {
    const rows = await db.$queryRaw<
      Row[]
    >`SELECT ${COLUMNS} FROM "AuditEvent" WHERE ${where} AND seq > ${after} ORDER BY seq LIMIT ${pageSize}`;
    const last = rows.at(-1);
    if (last === undefined) return;
    yield rows.map((e) => toAuditEventFor(actor, e));
    after = last.seq;
    if (rows.length < pageSize) return;
  }
}

const CSV_COLUMNS = [
  "seq",
  "occurredAt",
  "actorId",
  "actorEmail",
  "action",
  "targetType",
  "targetId",
  "outcome",
  "reason",
  "ip",
  "userAgent",
  "before",
  "after",
  "metadata",
] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // Quote always; a leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditCsvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\r\n`;
}

export function auditCsvRows(events: AuditEventDto[]): string {
  return events.map((e) => `${CSV_COLUMNS.map((c) => csvCell(e[c])).join(",")}\r\n`).join("");
}

/**
 * An invoice's whole story, oldest first: the usage batches behind it, its generation and
 * regenerations, every edit, submission, approval and rejection, its release and deliveries,
 * and corrections (credit notes, voids) that point at it.
 */
export async function getInvoiceStory({ actor, invoiceId }: { actor: Actor; invoiceId: string }) {
  const invoice = UUID.test(invoiceId)
    ? await db.invoice.findUnique({
        where: { id: invoiceId },
        select: {
          id: true,
          number: true,
          month: true,
          status: true,
          kind: true,
          totalJpy: true,
          version: true,
          customer: { select: { id: true, code: true, name: true } },
          lines: { select: { projectId: true } },
          deliveries: { select: { id: true, service: true, status: true } },
          corrections: { select: { id: true, kind: true, number: true } },
        },
      })
    : null;
  if (!invoice) throw new AppError("NOT_FOUND", "No such invoice.", { details: { rule: "not-found" } });
  await assertCanRead(actor, { invoiceId });
  const projectIds = [...new Set(invoice.lines.map((l) => l.projectId).filter((p): p is string => p !== null))];
  const batches = projectIds.length
    ? await db.$queryRaw<Array<{ id: string; fileName: string; importedAt: Date }>>`
        SELECT b.id::text, b."fileName", b."importedAt" FROM "UsageBatch" b
        WHERE b.id IN (SELECT DISTINCT "batchId" FROM "UsageRollup" WHERE "invoiceMonth" = ${invoice.month} AND current
          AND "projectId" = ANY(${projectIds}))
        ORDER BY b."importedAt"`
    : [];
  const invoiceIds = [invoice.id, ...invoice.corrections.map((c) => c.id)];
  const related: Array<[string, string[]]> = [
    ["invoice", invoiceIds],
    ["usageBatch", batches.map((b) => b.id)],
    ["delivery", invoice.deliveries.map((d) => d.id)],
  ];
  const conditions = related
    .filter(([, ids]) => ids.length)
    .map(([type, ids]) => Prisma.sql`("targetType" = ${type} AND "targetId" = ANY(${ids}))`);
  const rows = await db.$queryRaw<
    Row[]
  >`SELECT ${COLUMNS} FROM "AuditEvent" WHERE ${Prisma.join(conditions, " OR ")} ORDER BY seq LIMIT 5000`;
  await recordAuditEventNow({
    actor,
    action: "audit.read",
    target: { type: "invoice", id: invoice.id },
    metadata: { story: true, events: rows.length },
  });
  return {
    invoice: {
      id: invoice.id,
      number: invoice.number,
      month: invoice.month,
      status: invoice.status,
      kind: invoice.kind,
      totalJpy: invoice.totalJpy.toString(),
      version: invoice.version,
      customer: invoice.customer,
    },
    batches: batches.map((b) => ({ id: b.id, fileName: b.fileName, importedAt: b.importedAt.toISOString() })),
    deliveries: invoice.deliveries,
    corrections: invoice.corrections,
    events: rows.map((e) => toAuditEventFor(actor, e)),
    names: await targetNames(rows),
  };
}
