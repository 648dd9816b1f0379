// Finance's ready-to-release list: invoices, credit notes and voids whose approvals are complete
// (status APPROVED), oldest month first, with who approved the version that will be released.
// Whether each may really be released is decided again, per invoice, by the release itself.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InvoiceKind } from "@/lib/generated/prisma/enums";
import { z } from "zod";
import { cursorText, cursorUuid, decodeCursor, encodeCursor } from "@/lib/http/keyset-cursor";

/** A page edge: its month, customer code, billing group name and id (the list's order). */
const readyCursor = z.tuple([cursorText, cursorText, cursorText, cursorUuid]);

export const READY_PAGE_SIZE = 100;

export interface ReadyRow {
  id: string;
  kind: InvoiceKind;
  month: string;
  version: number;
  totalJpy: string;
  customer: { code: string; name: string };
  billingGroup: string;
  /** Names of the people whose approval binds this version, in the order they approved. */
  approvers: string[];
  approvedAt: string | null;
}

/**
 * A page of the list by keyset: the rows after the `after` cursor, or before the `before` one
 * (a malformed or forged cursor reads as none: the first page). Every sort column is NOT NULL, so
 * a row comparison seeks; the id breaks ties between a customer's groups of the same name.
 */
export async function listReadyToRelease({
  month,
  after,
  before,
  pageSize = READY_PAGE_SIZE,
}: {
  month?: string;
  after?: string;
  before?: string;
  pageSize?: number;
}) {
  const where = [Prisma.sql`i.status = 'APPROVED'`];
  if (month) where.push(Prisma.sql`i.month = ${month}`);
  const condition = Prisma.join(where, " AND ");
  const seekBefore = decodeCursor(readyCursor, before);
  const seekAfter = seekBefore ? undefined : decodeCursor(readyCursor, after);
  const key = Prisma.sql`(i.month, c.code, g.name, i.id)`;
  const edge = (v: z.infer<typeof readyCursor>) => Prisma.sql`(${v[0]}, ${v[1]}, ${v[2]}, ${v[3]}::uuid)`;
  const seek = seekBefore
    ? Prisma.sql`AND ${key} < ${edge(seekBefore)}`
    : seekAfter
      ? Prisma.sql`AND ${key} > ${edge(seekAfter)}`
      : Prisma.empty;
  const dir = seekBefore ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const [found, [count]] = await Promise.all([
    readRows<Array<Omit<ReadyRow, "totalJpy" | "approvedAt"> & { totalJpy: bigint; approvedAt: Date | null }>>(
      Prisma.sql`
      SELECT i.id::text, i.kind::text, i.month, i.version, i."totalJpy",
             json_build_object('code', c.code, 'name', c.name) AS customer, g.name AS "billingGroup",
             coalesce(a.names, '[]') AS approvers, a.at AS "approvedAt"
      FROM "Invoice" i
      JOIN "Customer" c ON c.id = i."customerId"
      JOIN "BillingGroup" g ON g.id = i."billingGroupId"
      LEFT JOIN LATERAL (
        SELECT json_agg(u.name ORDER BY x."createdAt") AS names, max(x."createdAt") AS at
        FROM "Approval" x JOIN "User" u ON u.id = x."approverId"
        WHERE x."invoiceId" = i.id AND x.decision = 'APPROVED' AND x."voidedAt" IS NULL
          AND x.version = i.version AND x."contentHash" = i."contentHash"
          -- Like the gate: nobody who submitted, edited or requested it counts as its approver.
          AND NOT EXISTS (SELECT 1 FROM "InvoiceParticipant" p
                          WHERE p."invoiceId" = i.id AND p."userId" = x."approverId")
      ) a ON true
      WHERE ${condition} ${seek}
      ORDER BY i.month ${dir}, c.code ${dir}, g.name ${dir}, i.id ${dir}
      LIMIT ${pageSize + 1}`,
    ),
    readRows<Array<{ total: bigint }>>(Prisma.sql`SELECT count(*) AS total FROM "Invoice" i WHERE ${condition}`),
  ]);
  const more = found.length > pageSize;
  const rows = found.slice(0, pageSize);
  if (seekBefore) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  const cursorOf = (r: (typeof rows)[number]) => encodeCursor([r.month, r.customer.code, r.billingGroup, r.id]);
  return {
    total: Number(count?.total ?? 0),
    // Cursors of the neighbouring pages, or null at either end.
    next: last && (seekBefore || more) ? cursorOf(last) : null,
    previous: first && (seekAfter || (seekBefore && more)) ? cursorOf(first) : null,
    rows: rows.map(
      (r): ReadyRow => ({
        ...r,
        totalJpy: r.totalJpy.toString(),
        approvedAt: r.approvedAt?.toISOString() ?? null,
      }),
    ),
  };
}
