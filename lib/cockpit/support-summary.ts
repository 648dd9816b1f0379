// Support's part of the home page: what they opened last in the lookup, and their own access
// requests that are waiting for a manager or grant access now. Read without sweeping expired
// grants (the access page does that, with its audit events): a grant past its time simply is
// not listed as active.
import { readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";

export const RECENT_LOOKUPS = 8;

export interface RecentLookup {
  targetType: "customer" | "project";
  targetId: string;
  /** The customer's name, or the project's own name. */
  name: string | null;
  /** The customer's code, or the project's customer this month (name), when known. */
  detail: string | null;
  visitedAt: string;
}

export interface OwnOpenRequest {
  id: string;
  status: "REQUESTED" | "APPROVED";
  customer: { id: string; code: string; name: string };
  createdAt: string;
  expiresAt: string | null;
}

export async function supportSummary(actor: Actor, now = new Date()) {
  const [recent, requests] = await Promise.all([
    readRows<Array<Omit<RecentLookup, "visitedAt"> & { visitedAt: Date }>>(Prisma.sql`
      SELECT v."targetType", v."targetId", coalesce(c.name, p.name) AS name,
             coalesce(c.code, (SELECT oc.name FROM "ProjectAssignment" a JOIN "Customer" oc ON oc.id = a."customerId"
                               WHERE a."projectId" = p.id AND a."toMonth" IS NULL LIMIT 1)) AS detail,
             v."visitedAt"
      FROM "LookupVisit" v
      LEFT JOIN "Customer" c ON v."targetType" = 'customer' AND c.id::text = v."targetId"
      LEFT JOIN "Project" p ON v."targetType" = 'project' AND p.id = v."targetId"
      WHERE v."userId" = ${actor.id}::uuid
      ORDER BY v."visitedAt" DESC LIMIT ${RECENT_LOOKUPS}`),
    readRows<Array<Omit<OwnOpenRequest, "createdAt" | "expiresAt"> & { createdAt: Date; expiresAt: Date | null }>>(
      Prisma.sql`
      SELECT g.id::text, g.status::text,
             json_build_object('id', c.id, 'code', c.code, 'name', c.name) AS customer,
             g."createdAt", g."expiresAt"
      FROM "AccessGrant" g JOIN "Customer" c ON c.id = g."customerId"
      WHERE g."requesterId" = ${actor.id}::uuid
        AND (g.status = 'REQUESTED' OR (g.status = 'APPROVED' AND g."expiresAt" > ${now}))
      ORDER BY g."createdAt" DESC LIMIT 20`,
    ),
  ]);
  return {
    recent: recent.map((r) => ({ ...r, visitedAt: r.visitedAt.toISOString() })),
    requests: requests.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
    })),
  };
}

export type SupportSummary = Awaited<ReturnType<typeof supportSummary>>;
