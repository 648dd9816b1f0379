// Seed drafts for the journeys: each journey claims the drafts it changes, so that no other
// journey of the same run (another test, another Playwright worker or process) gets the same
// one, and none depends on the seed's amounts, on an offset or on another journey's choice.
// A claim is a file per invoice id created exclusively (O_EXCL) in the run's log directory,
// which scripts/e2e.ts empties at the start of each run: atomic, with no database change.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";

type Sql = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** Where this run's claims live (scripts/e2e.ts empties the log directory before each run). */
export function claimsDir() {
  return path.join(process.env.E2E_LOG_DIR ?? ".data/e2e-logs", "claims");
}

/**
 * Claims the first `n` of `candidates` that no one has claimed yet, in order; `owner` names the
 * journey in each claim file. Throws, claiming nothing more, if fewer than `n` are left.
 */
export function claimFirst(dir: string, candidates: readonly string[], n: number, owner: string): string[] {
  mkdirSync(dir, { recursive: true });
  const claimed: string[] = [];
  for (const id of candidates) {
    if (claimed.length === n) break;
    let fd: number;
    try {
      fd = openSync(path.join(dir, id), "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw error;
    }
    writeSync(fd, `${owner}\n`);
    closeSync(fd);
    claimed.push(id);
  }
  if (claimed.length < n) {
    const taken = candidates.filter((id) => !claimed.includes(id));
    const by = [...new Set(taken.map((id) => readFileSync(path.join(dir, id), "utf8").trim()))];
    throw new Error(
      `${owner}: needs ${n} unclaimed candidate(s), found ${claimed.length} of ${candidates.length}` +
        (by.length ? ` (the others were claimed by: ${by.join("; ")})` : ""),
    );
  }
  return claimed;
}

/** What a journey needs of a draft; every condition is on the invoice `i` and holds at claim time. */
export interface DraftNeeds {
  /** The draft's month, YYYY-MM (any month if left out). */
  month?: string;
  /** How many drafts (1 if left out). */
  n?: number;
  /**
   * How many approvals it takes at the default two-approver threshold (lib/gate/approval-rules.ts,
   * ¥5,000,000): "one" below it, "two" at or above it.
   */
  approvals?: "one" | "two";
  /** A total below this many yen (the bulk-approval journeys keep to smaller invoices). */
  totalBelowJpy?: number;
  /** Never rejected (no rejection reason on it). */
  neverRejected?: boolean;
  /** Still the version generated from usage (version 1). */
  untouched?: boolean;
  /** Its customer has an invoice registration number (release refuses without one). */
  registered?: boolean;
  /** Anything else the journey needs, as SQL on `i` (e.g. an EXISTS on its lines). */
  where?: string;
}

/** The threshold the seed leaves in place (lib/gate/approval-rules.ts DEFAULT_TWO_APPROVER_THRESHOLD_JPY). */
const TWO_APPROVER_THRESHOLD_JPY = 5_000_000;

/**
 * Claims `n` DRAFT invoices (kind INVOICE) that meet `needs` for the journey running now (named by
 * `owner`); candidates are tried in id order, so which ones a journey gets depends on no amount.
 */
export async function claimDrafts(sql: Sql, owner: string, needs: DraftNeeds = {}): Promise<string[]> {
  const conditions = [`i.status = 'DRAFT'`, `i.kind = 'INVOICE'`];
  const params: unknown[] = [];
  if (needs.month) {
    params.push(needs.month);
    conditions.push(`i.month = $${params.length}`);
  }
  if (needs.approvals === "one") conditions.push(`i."totalJpy" < ${TWO_APPROVER_THRESHOLD_JPY}`);
  if (needs.approvals === "two") conditions.push(`i."totalJpy" >= ${TWO_APPROVER_THRESHOLD_JPY}`);
  if (needs.totalBelowJpy !== undefined) {
    params.push(needs.totalBelowJpy);
    conditions.push(`i."totalJpy" < $${params.length}`);
  }
  if (needs.neverRejected) conditions.push(`i."rejectionReason" IS NULL`);
  if (needs.untouched) conditions.push(`i.version = 1`);
  if (needs.registered)
    conditions.push(
      `EXISTS (SELECT 1 FROM "Customer" c WHERE c.id = i."customerId" AND c."registrationNumber" IS NOT NULL)`,
    );
  if (needs.where) conditions.push(`(${needs.where})`);
  const candidates = await sql<{ id: string }>(
    `SELECT i.id::text AS id FROM "Invoice" i WHERE ${conditions.join(" AND ")} ORDER BY i.id`,
    params,
  );
  return claimFirst(
    claimsDir(),
    candidates.map((r) => r.id),
    needs.n ?? 1,
    owner,
  );
}
