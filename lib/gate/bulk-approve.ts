// Bulk approval from the manager's queue. It is a convenience, not a shortcut: an invoice is
// approved in bulk only if this manager has opened it in exactly the version being approved,
// and each one then goes through approveInvoice, so every rule of the gate still applies.
// Each invoice is its own transaction; one refusal does not stop the others. Every refusal is
// an audit event (the ones approveInvoice makes, and "not-viewed" here).
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide, forbiddenError } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { errorFields, logFor } from "@/lib/log/logger";
import { isAppError, type ErrorCode, Refusal } from "@/lib/errors";
import { approveInvoice } from "./approve-invoice";
import { UUID } from "@/lib/uuid";

export const BULK_APPROVE_LIMIT = 200;

export interface BulkApproveItem {
  invoiceId: string;
  expectedVersion: number;
}

export type BulkApproveResult =
  | { invoiceId: string; ok: true; status: string; version: number; approvers: number; required: number }
  | {
      invoiceId: string;
      ok: false;
      code: ErrorCode | "UNKNOWN";
      rule: string;
      message: string;
      params?: Record<string, unknown>;
    };

export async function bulkApprove({
  actor,
  items,
}: {
  actor: Actor;
  items: readonly BulkApproveItem[];
}): Promise<BulkApproveResult[]> {
  // One decision per invoice, in the order given; the same invoice twice counts once.
  const unique = [...new Map(items.map((i) => [i.invoiceId, i])).values()].slice(0, BULK_APPROVE_LIMIT);
  const results: BulkApproveResult[] = [];
  for (const item of unique) results.push(await approveOne(actor, item));
  return results;
}

async function refuse(actor: Actor, item: BulkApproveItem, refusal: Refusal): Promise<BulkApproveResult> {
  await recordAuditEventNow({
    actor,
    action: "invoice.approve",
    target: { type: "invoice", id: item.invoiceId },
    outcome: "REFUSED",
    reason: `${refusal.rule}: ${refusal.message}`,
    metadata: {
      bulk: true,
      expectedVersion: item.expectedVersion,
      rule: refusal.rule,
      params: refusal.details?.params,
    },
  });
  return refused(item.invoiceId, refusal);
}

function refused(invoiceId: string, refusal: Refusal): BulkApproveResult {
  const params = refusal.details?.params as Record<string, unknown> | undefined;
  return { invoiceId, ok: false, code: refusal.code, rule: refusal.rule, message: refusal.message, params };
}

async function approveOne(actor: Actor, item: BulkApproveItem): Promise<BulkApproveResult> {
  const role = decide(actor, "approvals.view");
  if (!role.allowed) return refuse(actor, item, forbiddenError(role));
  if (!UUID.test(item.invoiceId)) return refuse(actor, item, new Refusal("NOT_FOUND", "not-found", "No such invoice."));
  const view = await db.invoiceView.findUnique({
    where: { invoiceId_version_userId: { invoiceId: item.invoiceId, version: item.expectedVersion, userId: actor.id } },
  });
  if (!view) {
    const seen = await db.invoiceView.findFirst({
      where: { invoiceId: item.invoiceId, userId: actor.id },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const message = seen
      ? `You opened version ${seen.version} of this invoice, not version ${item.expectedVersion}. ` +
        "Open it again to see what changed, then approve it."
      : "You have not opened this invoice. Open it and look at it before approving it in bulk.";
    return refuse(actor, item, new Refusal("INVALID_STATE", "not-viewed", message));
  }
  try {
    const { status, version, approvers, required } = await approveInvoice({
      actor,
      invoiceId: item.invoiceId,
      expectedVersion: item.expectedVersion,
    });
    return { invoiceId: item.invoiceId, ok: true, status, version, approvers, required };
  } catch (error) {
    // approveInvoice has already recorded its own refusal.
    if (error instanceof Refusal) return refused(item.invoiceId, error);
    if (isAppError(error))
      return {
        invoiceId: item.invoiceId,
        ok: false,
        code: error.code,
        rule: String(error.details?.rule ?? error.code),
        message: error.message,
      };
    logFor("bulk-approve").error(errorFields(error), "unexpected error");
    return {
      invoiceId: item.invoiceId,
      ok: false,
      code: "UNKNOWN",
      rule: "unknown",
      message: "Something went wrong on the server with this invoice; it was not approved. Reload and try it again.",
    };
  }
}
