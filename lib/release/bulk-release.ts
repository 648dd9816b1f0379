// Bulk release from the ready-to-release list. A convenience, not a shortcut: each invoice goes
// through releaseInvoice, in its own transaction, so the gate is checked again for each under
// its row lock, each takes its own number, and one refusal (recorded by releaseInvoice) does not
// stop the others. The results say, per invoice, the number it was given or why it was not.
import type { Actor } from "@/lib/authz/actor";
import { isAppError, type ErrorCode } from "@/lib/errors";
import { errorFields, logFor } from "@/lib/log/logger";
import { releaseInvoice } from "./release-invoice";

export const BULK_RELEASE_LIMIT = 100;

export type BulkReleaseResult =
  | { invoiceId: string; ok: true; number: string; voidedInvoiceId: string | null }
  | {
      invoiceId: string;
      ok: false;
      code: ErrorCode | "UNKNOWN";
      rule: string;
      message: string;
      /** The refusal's values (dates, counts, roles) that its translated text names. */
      params?: Record<string, unknown>;
    };

export async function bulkRelease({
  actor,
  invoiceIds,
  now,
}: {
  actor: Actor;
  invoiceIds: readonly string[];
  now?: Date;
}): Promise<BulkReleaseResult[]> {
  // In the order given; the same invoice twice counts once.
  const unique = [...new Set(invoiceIds)].slice(0, BULK_RELEASE_LIMIT);
  const results: BulkReleaseResult[] = [];
  for (const invoiceId of unique) results.push(await releaseOne(actor, invoiceId, now));
  return results;
}

async function releaseOne(actor: Actor, invoiceId: string, now?: Date): Promise<BulkReleaseResult> {
  try {
    const released = await releaseInvoice({ actor, invoiceId, ...(now ? { now } : {}) });
    return { invoiceId, ok: true, number: released.number, voidedInvoiceId: released.voidedInvoiceId };
  } catch (error) {
    // releaseInvoice has recorded its own refusal.
    // A Refusal is an AppError whose details carry its rule and the values its text names.
    if (isAppError(error)) {
      const params = error.details?.params as Record<string, unknown> | undefined;
      const rule = String(error.details?.rule ?? error.code);
      return { invoiceId, ok: false, code: error.code, rule, message: error.message, params };
    }
    logFor("bulk-release").error(errorFields(error), "unexpected error");
    return {
      invoiceId,
      ok: false,
      code: "UNKNOWN",
      rule: "unknown",
      message: "Something went wrong on the server with this invoice; it was not released. Reload and try it again.",
    };
  }
}
