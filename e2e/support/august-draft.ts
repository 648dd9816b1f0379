// The draft the accessibility journeys (e2e/a11y*.spec.ts) walk the invoice pages with.

export type Sql = <T extends Record<string, unknown> = Record<string, unknown>>(
  text: string,
  params?: unknown[],
) => Promise<T[]>;

/** An August draft (the other journeys take October and September ones) and its customer. */
export async function augustDraft(sql: Sql) {
  const [row] = await sql<{ id: string; customerId: string; projectId: string }>(
    `SELECT i.id::text, i."customerId"::text AS "customerId", min(l."projectId") AS "projectId"
     FROM "Invoice" i JOIN "InvoiceLine" l ON l."invoiceId" = i.id
     WHERE i.month = '2026-08' AND i.status = 'DRAFT' AND i.kind = 'INVOICE' AND i."totalJpy" < 3000000
       AND l."projectId" IS NOT NULL
     GROUP BY i.id ORDER BY i."totalJpy" DESC LIMIT 1`,
  );
  if (!row) throw new Error("no August draft with project lines");
  return row;
}
