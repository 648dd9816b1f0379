// What an audit event's target is called, so the log names a customer, an invoice number or a
// file instead of showing only its id: one query per kind of target on the page, keyed
// "type:id". A target that no longer exists (or a kind without a name) has no entry.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { type TargetNames, targetKey } from "./target-key";
import { UUID } from "@/lib/uuid";

export type { TargetNames } from "./target-key";

function idsOf(events: ReadonlyArray<{ targetType: string | null; targetId: string | null }>, type: string) {
  return [...new Set(events.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId as string))];
}

/** Names of the targets of these events. */
export async function targetNames(
  events: ReadonlyArray<{ targetType: string | null; targetId: string | null }>,
): Promise<TargetNames> {
  const uuids = (type: string) => idsOf(events, type).filter((id) => UUID.test(id));
  const invoices = uuids("invoice");
  const customers = uuids("customer");
  const grants = uuids("accessGrant");
  const users = uuids("user");
  const batches = uuids("usageBatch");
  const projects = idsOf(events, "project");
  const queries: Array<Promise<Array<{ type: string; id: string; name: string }>>> = [];
  const read = (sql: Prisma.Sql) => readRows<Array<{ type: string; id: string; name: string }>>(sql);
  if (invoices.length)
    // A released invoice by its number, a draft by its customer and month.
    queries.push(
      read(Prisma.sql`
        SELECT 'invoice' AS type, i.id::text AS id,
          CASE WHEN i.number IS NOT NULL THEN i.number || ' · ' || c.name ELSE c.name || ' · ' || i.month END AS name
        FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId" WHERE i.id = ANY(${invoices}::uuid[])`),
    );
  if (customers.length)
    queries.push(
      read(Prisma.sql`
        SELECT 'customer' AS type, id::text AS id, name || ' (' || code || ')' AS name
        FROM "Customer" WHERE id = ANY(${customers}::uuid[])`),
    );
  if (grants.length)
    queries.push(
      read(Prisma.sql`
        SELECT 'accessGrant' AS type, g.id::text AS id, c.name || ' (' || c.code || ')' AS name
        FROM "AccessGrant" g JOIN "Customer" c ON c.id = g."customerId" WHERE g.id = ANY(${grants}::uuid[])`),
    );
  if (users.length)
    queries.push(
      read(Prisma.sql`
        SELECT 'user' AS type, id::text AS id, name || ' <' || email || '>' AS name
        FROM "User" WHERE id = ANY(${users}::uuid[])`),
    );
  if (batches.length)
    queries.push(
      read(Prisma.sql`
        SELECT 'usageBatch' AS type, id::text AS id, "fileName" AS name
        FROM "UsageBatch" WHERE id = ANY(${batches}::uuid[])`),
    );
  if (projects.length)
    queries.push(
      read(Prisma.sql`
        SELECT 'project' AS type, id, name FROM "Project" WHERE id = ANY(${projects}::text[]) AND name <> id`),
    );
  const rows = (await Promise.all(queries)).flat();
  return Object.fromEntries(rows.map((r) => [targetKey(r.type, r.id), r.name]));
}
