// Finance's ready-to-release list: invoices, credit notes and voids whose approvals are complete
// (status APPROVED), oldest month first, with who approved the version that will be released.
// Whether each may really be released is decided again, per invoice, by the release itself.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InvoiceKind } from "@/lib/generated/prisma/enums";

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

export async function listReadyToRelease({ month, page = 1 }: { month?: string; page?: number }) {
  const where = [Prisma.sql`i.status = 'APPROVED'`];
  if (month) where.push(Prisma.sql`i.month = ${month}`);
  const condition = Prisma.join(where, " AND ");
  const [rows, [count]] = await Promise.all([
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
      WHERE ${condition}
      ORDER BY i.month ASC, c.code ASC, g.name ASC
      LIMIT ${READY_PAGE_SIZE} OFFSET ${(Math.max(1, page) - 1) * READY_PAGE_SIZE}`,
    ),
    readRows<Array<{ total: bigint }>>(Prisma.sql`SELECT count(*) AS total FROM "Invoice" i WHERE ${condition}`),
  ]);
  const total = Number(count?.total ?? 0);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / READY_PAGE_SIZE)),
    rows: rows.map(
      (r): ReadyRow => ({
        ...r,
        totalJpy: r.totalJpy.toString(),
        approvedAt: r.approvedAt?.toISOString() ?? null,
      }),
    ),
  };
}
