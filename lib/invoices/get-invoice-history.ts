// An invoice's history for review: every version with who made it, when and why, and the
// snapshots a reviewer compares the current version with: the computed draft, the version a
// manager last approved, and last month's invoice for the same billing group.
import { z } from "zod";
import { db } from "@/lib/db";
import { searchText } from "@/lib/http/search-params";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { previousMonth } from "./generate-drafts";
import { diffInvoiceSnapshots, isInvoiceSnapshot, type InvoiceDiff } from "./invoice-diff";
import { toInvoiceSnapshotFor } from "./internal-notes";
import { snapshotOf, type InvoiceSnapshot } from "./snapshot";
import { UUID } from "@/lib/uuid";

export const COMPUTED_CAUSES = ["generated", "regenerated"] as const;
export type CompareBase = "computed" | "approved" | "lastMonth";

export interface HistoryVersion {
  version: number;
  cause: string;
  createdAt: string;
  by: string;
  contentHash: string;
  current: boolean;
  totalJpy: string | null;
  /** Approvals given to this version: who, whether still valid. */
  approvals: Array<{ by: string; at: string; voided: boolean }>;
  rejections: Array<{ by: string; at: string; reason: string | null }>;
}

export interface HistorySide {
  label:
    | { kind: "version"; version: number; cause: string }
    | { kind: "lastMonth"; month: string; number: string | null; version: number; status: string };
  snapshot: InvoiceSnapshot | null;
}

export async function getInvoiceHistory({ actor, invoiceId }: { actor: Actor; invoiceId: string }) {
  assertAllowed(actor, "invoice.view");
  if (!UUID.test(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice.", { details: { rule: "not-found" } });
  const invoice = await db.invoice.findUnique({
    where: { id: invoiceId },
    include: {
      customer: { select: { code: true, name: true } },
      billingGroup: { select: { name: true } },
      lines: true,
      versions: { orderBy: { version: "asc" } },
      approvals: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!invoice) throw new AppError("NOT_FOUND", "No such invoice.", { details: { rule: "not-found" } });

  const lastMonth =
    invoice.kind === "INVOICE"
      ? await db.invoice.findFirst({
          where: {
            billingGroupId: invoice.billingGroupId,
            month: previousMonth(invoice.month),
            kind: "INVOICE",
            status: { not: "VOIDED" },
          },
          orderBy: { createdAt: "desc" },
          include: { lines: true, versions: { orderBy: { version: "desc" }, take: 1 } },
        })
      : null;

  const peopleIds = [
    ...invoice.versions.map((v) => v.createdById),
    ...invoice.approvals.map((a) => a.approverId),
  ].filter((x): x is string => !!x);
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(peopleIds)] } },
    select: { id: true, name: true },
  });
  const nameOf = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? id) : "system");

  // The current version's snapshot falls back to the live rows (they are what its hash covers).
  // Every snapshot is what this actor may see (internal notes: lib/invoices/internal-notes.ts).
  const forActor = (snapshot: InvoiceSnapshot) => toInvoiceSnapshotFor(actor, snapshot);
  const snapshots = new Map<number, InvoiceSnapshot | null>(
    invoice.versions.map((v) => [v.version, isInvoiceSnapshot(v.snapshot) ? forActor(v.snapshot) : null]),
  );
  if (!snapshots.get(invoice.version)) snapshots.set(invoice.version, forActor(snapshotOf(invoice)));

  const versions: HistoryVersion[] = invoice.versions
    .map((v) => ({
      version: v.version,
      cause: v.cause,
      createdAt: v.createdAt.toISOString(),
      by: nameOf(v.createdById),
      contentHash: v.contentHash,
      current: v.version === invoice.version,
      totalJpy: snapshots.get(v.version)?.totalJpy ?? null,
      approvals: invoice.approvals
        .filter((a) => a.version === v.version && a.decision === "APPROVED")
        .map((a) => ({ by: nameOf(a.approverId), at: a.createdAt.toISOString(), voided: a.voidedAt !== null })),
      rejections: invoice.approvals
        .filter((a) => a.version === v.version && a.decision === "REJECTED")
        .map((a) => ({ by: nameOf(a.approverId), at: a.createdAt.toISOString(), reason: a.reason })),
    }))
    .reverse();

  const computedVersion =
    [...invoice.versions].reverse().find((v) => (COMPUTED_CAUSES as readonly string[]).includes(v.cause)) ??
    invoice.versions[0] ??
    null;
  // The version a manager last approved, even if that approval was voided by a later edit.
  const lastApproval = [...invoice.approvals].reverse().find((a) => a.decision !== "REJECTED") ?? null;
  const sideOf = (row: (typeof invoice.versions)[number]): HistorySide => ({
    label: { kind: "version", version: row.version, cause: row.cause },
    snapshot: snapshots.get(row.version) ?? null,
  });
  const versionSide = (version: number): HistorySide | null => {
    const row = invoice.versions.find((v) => v.version === version);
    return row ? sideOf(row) : null;
  };
  const lastMonthSnapshot = lastMonth
    ? (() => {
        const stored = lastMonth.versions.find((v) => v.version === lastMonth.version)?.snapshot;
        return forActor(isInvoiceSnapshot(stored) ? stored : snapshotOf(lastMonth));
      })()
    : null;

  const bases: Record<CompareBase, HistorySide | null> = {
    computed: computedVersion ? versionSide(computedVersion.version) : null,
    approved: lastApproval ? versionSide(lastApproval.version) : null,
    lastMonth: lastMonth
      ? {
          label: {
            kind: "lastMonth",
            month: lastMonth.month,
            number: lastMonth.number,
            version: lastMonth.version,
            status: lastMonth.status,
          },
          snapshot: lastMonthSnapshot,
        }
      : null,
  };

  return {
    invoice: {
      id: invoice.id,
      kind: invoice.kind,
      status: invoice.status,
      version: invoice.version,
      month: invoice.month,
      number: invoice.number,
      customer: invoice.customer,
      billingGroup: invoice.billingGroup.name,
      totalJpy: invoice.totalJpy.toString(),
    },
    versions,
    bases,
    lastApproval: lastApproval
      ? {
          version: lastApproval.version,
          by: nameOf(lastApproval.approverId),
          at: lastApproval.createdAt.toISOString(),
          voided: lastApproval.voidedAt !== null,
        }
      : null,
    lastMonthInvoiceId: lastMonth?.id ?? null,
    sides: Object.fromEntries(invoice.versions.map((v) => [v.version, sideOf(v)])) as Record<number, HistorySide>,
  };
}

export type InvoiceHistory = Awaited<ReturnType<typeof getInvoiceHistory>>;

/** The history page's query string (lib/http/search-params.ts); resolveComparison reads it. */
export const historySearchSchema = z.object({
  compare: searchText(20).optional(),
  a: searchText(10).optional(),
  b: searchText(10).optional(),
  all: searchText(5).optional(),
});

export type ComparisonRequest = { compare?: string; a?: string; b?: string };

export type Comparison =
  | { ok: true; mode: CompareBase | "versions"; before: HistorySide; after: HistorySide; diff: InvoiceDiff }
  | { ok: false; mode: CompareBase | "versions"; problem: "no-base" | "no-version" | "no-snapshot" };

/**
 * Which two snapshots to compare: `?a=&b=` (two versions, a the older) wins; otherwise a named
 * base against the current version (default: the computed draft).
 */
export function resolveComparison(history: InvoiceHistory, input: ComparisonRequest): Comparison {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  const request = { compare: blank(input.compare), a: blank(input.a), b: blank(input.b) };
  const side = (version: number): HistorySide | null => history.sides[version] ?? null;
  const current = side(history.invoice.version);
  const a = Number(request.a);
  const b = Number(request.b);
  if (request.a !== undefined || request.b !== undefined) {
    const before = Number.isInteger(a) ? side(a) : null;
    const after = request.b !== undefined ? (Number.isInteger(b) ? side(b) : null) : current;
    if (!before || !after) return { ok: false, mode: "versions", problem: "no-version" };
    if (!before.snapshot || !after.snapshot) return { ok: false, mode: "versions", problem: "no-snapshot" };
    return { ok: true, mode: "versions", before, after, diff: diffInvoiceSnapshots(before.snapshot, after.snapshot) };
  }
  const mode: CompareBase =
    request.compare === "approved" || request.compare === "lastMonth" ? request.compare : "computed";
  const before = history.bases[mode];
  if (!before || !current) return { ok: false, mode, problem: "no-base" };
  if (!before.snapshot || !current.snapshot) return { ok: false, mode, problem: "no-snapshot" };
  return { ok: true, mode, before, after: current, diff: diffInvoiceSnapshots(before.snapshot, current.snapshot) };
}
