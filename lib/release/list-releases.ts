// The releases page: released invoices and corrections with their deliveries, newest first,
// filterable to the ones whose delivery is not finished or failed, and to a month. (Its
// "ready to release" tab lists what is approved and not yet released: list-ready-to-release.ts.)
import { z } from "zod";
import { monthParam, pageParam, searchText } from "@/lib/http/search-params";
import { db } from "@/lib/db";
import { deliveryViews } from "./release-status";

// The releases page's query string (lib/http/search-params.ts): a search too long or with
// control characters fails the parse and the page says so.
export const releasesQuerySchema = z.object({
  show: z.enum(["ready", "all", "problems", "failed"]).catch("all").default("all"),
  month: monthParam.optional(),
  q: searchText().default(""),
  page: pageParam,
  /** Keyset cursors of the ready-to-release tab (lib/http/keyset-cursor.ts). */
  after: searchText(400).optional(),
  before: searchText(400).optional(),
});

export type ReleasesQuery = z.infer<typeof releasesQuerySchema>;

export const RELEASES_PAGE_SIZE = 50;

export async function listReleases(query: ReleasesQuery) {
  const where = {
    number: query.q ? { contains: query.q, mode: "insensitive" as const } : { not: null },
    ...(query.month ? { month: query.month } : {}),
    ...(query.show === "problems" ? { deliveries: { some: { status: { not: "SENT" as const } } } } : {}),
    ...(query.show === "failed" ? { deliveries: { some: { status: "FAILED" as const } } } : {}),
  };
  const [total, rows, counts] = await Promise.all([
    db.invoice.count({ where }),
    db.invoice.findMany({
      where,
      orderBy: [{ releasedAt: "desc" }, { number: "desc" }],
      skip: (query.page - 1) * RELEASES_PAGE_SIZE,
      take: RELEASES_PAGE_SIZE,
      select: {
        id: true,
        number: true,
        kind: true,
        status: true,
        month: true,
        totalJpy: true,
        releasedAt: true,
        customer: { select: { code: true, name: true } },
        deliveries: {
          select: {
            id: true,
            service: true,
            status: true,
            attempts: true,
            lastError: true,
            externalId: true,
            externalUrl: true,
            sentAt: true,
            nextAttemptAt: true,
          },
        },
      },
    }),
    db.delivery.groupBy({
      by: ["status"],
      where: query.month ? { invoice: { month: query.month } } : {},
      _count: true,
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / RELEASES_PAGE_SIZE)),
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) as Partial<
      Record<"PENDING" | "SENT" | "FAILED", number>
    >,
    // The filter only finds numbered (released) invoices; the guard tells the type so.
    rows: rows
      .filter((r): r is typeof r & { number: string } => r.number !== null)
      .map((r) => ({
        id: r.id,
        number: r.number,
        kind: r.kind,
        status: r.status,
        month: r.month,
        totalJpy: r.totalJpy.toString(),
        releasedAt: r.releasedAt?.toISOString() ?? null,
        customer: r.customer,
        deliveries: deliveryViews(r.deliveries),
      })),
  };
}
