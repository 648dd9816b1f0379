// Whether a customer or project the lookup pages name exists, read before anything streams:
// those pages show a skeleton (loading.tsx) while they load, and once it is sent the status is
// 200 whatever follows, so an unknown one must be found out in the segment's layout, where
// notFound() still answers 404.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { UUID } from "@/lib/uuid";

export async function customerExists(customerId: string): Promise<boolean> {
  if (!UUID.test(customerId)) return false;
  const rows = await readRows<Array<{ one: number }>>(
    Prisma.sql`SELECT 1 AS one FROM "Customer" WHERE id = ${customerId}::uuid`,
  );
  return rows.length > 0;
}

export async function projectExists(projectId: string): Promise<boolean> {
  if (projectId.length === 0 || projectId.length > 200) return false;
  const rows = await readRows<Array<{ one: number }>>(
    Prisma.sql`SELECT 1 AS one FROM "Project" WHERE id = ${projectId}`,
  );
  return rows.length > 0;
}
