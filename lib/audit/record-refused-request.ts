// Every refused request leaves a trace, but a flood cannot grow the audit chain without bound.
// Refusals are counted per client address (clientKey: an IPv6 address by its /64) and minute in
// PostgreSQL, which every console instance shares. The first AUDIT_REFUSALS_PER_MINUTE of a
// window are audit events of their own ("request.refused", with address, Origin and reason); the
// rest are only counted, and once the window has closed one summarising event
// ("request.refused.suppressed") says how many more there were and why.
//
// The count and the event are one transaction: the window's row is locked before the chain's
// lock (the summariser takes them in the same order), so a counted refusal was recorded or is
// in the summary, never neither.
import type pg from "pg";
import { env } from "@/lib/env";
import { clientKey } from "./client-key";
import { auditPool, type AuditEventInput } from "./record-audit-event";
import { recordAuditEventPg } from "./record-audit-event-pg";
import { errorFields, logFor } from "@/lib/log/logger";

export const REFUSED_REQUEST = "request.refused";
export const SUPPRESSED_REFUSALS = "request.refused.suppressed";
/** Closed windows are kept this long (for the summary and for looking into a flood), then removed. */
const KEEP_WINDOWS_MS = 24 * 3_600_000;

export interface RefusedRequest {
  /** A stable code: "no-session", "invalid-session-token", "session-idle", "foreign-origin" … */
  reason: string;
  /** The client's address as the console determined it (null when unknown). */
  ip: string | null;
  userAgent?: string | null;
  /** The request's Origin header, as sent (null when absent). */
  origin: string | null;
  /** What was attempted: a server action's permission ("invoice.release"), else the path. */
  action?: string | null;
  method?: string;
  path?: string;
  /** The server action's id, when the request called one. */
  serverAction?: string | null;
  /** Where it was refused: the proxy, the server action wrapper, a route handler. */
  refusedBy?: "proxy" | "action" | "route";
  /** Who, when the request carried a valid session (a foreign Origin with the victim's cookies). */
  actor?: { id: string | null; email: string } | null;
  /** More facts for the event's metadata. */
  details?: Record<string, unknown>;
}

export type RefusalRecord =
  | { recorded: true; seq: bigint; countInWindow: number }
  | { recorded: false; countInWindow: number };

interface Options {
  now?: Date;
  /** Events per client and minute (AUDIT_REFUSALS_PER_MINUTE). */
  limit?: number;
}

async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await auditPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    const broken = await client.query("ROLLBACK").then(
      () => false,
      () => true,
    );
    client.release(broken);
    throw error;
  }
}

/** Records a refused request, unless its client has had `limit` recorded this minute (then counts it). */
export async function recordRefusedRequest(
  request: RefusedRequest,
  { now = new Date(), limit = env.AUDIT_REFUSALS_PER_MINUTE }: Options = {},
): Promise<RefusalRecord> {
  const client = clientKey(request.ip);
  const result = await inTransaction(async (tx): Promise<RefusalRecord> => {
    const { rows } = await tx.query<{ count: number }>(
      `INSERT INTO "RefusalWindow" (client, "windowStart", count, reasons, "firstAt", "lastAt")
       VALUES ($1, date_trunc('minute', $2::timestamptz), 1, jsonb_build_object($3::text, 1), $2, $2)
       ON CONFLICT (client, "windowStart") DO UPDATE SET
         count = "RefusalWindow".count + 1,
         reasons = jsonb_set("RefusalWindow".reasons, ARRAY[$3::text],
                             to_jsonb(COALESCE(("RefusalWindow".reasons ->> $3::text)::int, 0) + 1)),
         "lastAt" = GREATEST("RefusalWindow"."lastAt", EXCLUDED."lastAt")
       RETURNING count`,
      [client, now, request.reason.slice(0, 200)],
    );
    const count = rows[0]?.count ?? 1;
    if (count > limit) return { recorded: false, countInWindow: count };
    const attempted = request.action ?? request.path ?? null;
    const event: AuditEventInput = {
      actor: {
        id: request.actor?.id ?? null,
        email: request.actor?.email ?? "anonymous",
        ip: request.ip,
        userAgent: request.userAgent?.slice(0, 400) ?? null,
      },
      action: REFUSED_REQUEST,
      target: attempted ? { type: "request", id: attempted.slice(0, 300) } : null,
      outcome: "REFUSED",
      reason: request.reason.slice(0, 200),
      metadata: {
        ...request.details,
        // What a client sent is cut short: a refusal must not carry a megabyte into the chain.
        origin: request.origin?.slice(0, 200) ?? null,
        attempted: attempted?.slice(0, 300) ?? null,
        method: request.method?.slice(0, 16) ?? null,
        path: request.path?.slice(0, 300) ?? null,
        serverAction: request.serverAction?.slice(0, 100) ?? null,
        refusedBy: request.refusedBy ?? null,
        client,
        // The last event of this client's minute: what follows is counted, then summarised.
        ...(count === limit ? { limitReached: true, limitPerMinute: limit } : {}),
      },
    };
    const { seq } = await recordAuditEventPg(tx, event);
    return { recorded: true, seq, countInWindow: count };
  });
  // A client's first refusal in a new minute: its own closed windows may need their summary.
  // Only this client's (an index lookup that usually finds nothing): the scheduled job
  // summarize-refused-requests does every client's and the cleanup, off the request path, so a
  // flood from many addresses does not run a table-wide pass per request.
  if (result.countInWindow === 1) {
    await summarizeSuppressedRefusals({ now, limit, client }).catch((error: unknown) =>
      logFor("audit").error(errorFields(error), "summarising suppressed refusals failed"),
    );
  }
  return result;
}

/**
 * Writes one summarising event for every closed window that went over the limit, and removes
 * windows older than a day. Safe to run on every instance at once: a window being summarised is
 * skipped by the others, and is marked so that it is summarised once. With `client`, only that
 * client's windows, and no cleanup (the request path's cheap variant).
 */
export async function summarizeSuppressedRefusals({
  now = new Date(),
  limit = env.AUDIT_REFUSALS_PER_MINUTE,
  client,
}: Options & { client?: string } = {}): Promise<{ summarized: number }> {
  return inTransaction(async (tx) => {
    const { rows } = await tx.query<{
      client: string;
      windowStart: Date;
      count: number;
      reasons: Record<string, number>;
      firstAt: Date;
      lastAt: Date;
    }>(
      `SELECT client, "windowStart", count, reasons, "firstAt", "lastAt" FROM "RefusalWindow"
       WHERE "summarizedAt" IS NULL AND count > $2 AND "windowStart" < date_trunc('minute', $1::timestamptz)
         AND ($3::text IS NULL OR client = $3)
       ORDER BY "windowStart", client
       LIMIT 200
       FOR UPDATE SKIP LOCKED`,
      [now, limit, client ?? null],
    );
    for (const window of rows) {
      const suppressed = window.count - limit;
      await recordAuditEventPg(tx, {
        actor: { id: null, email: "anonymous", ip: window.client },
        action: SUPPRESSED_REFUSALS,
        target: { type: "client", id: window.client },
        outcome: "REFUSED",
        reason:
          `${suppressed} more refused requests from ${window.client} in the minute from ` +
          `${window.windowStart.toISOString()} were not recorded one by one`,
        metadata: {
          client: window.client,
          windowStart: window.windowStart.toISOString(),
          suppressed,
          total: window.count,
          recorded: limit,
          reasons: window.reasons,
          firstAt: window.firstAt.toISOString(),
          lastAt: window.lastAt.toISOString(),
        },
      });
      await tx.query(`UPDATE "RefusalWindow" SET "summarizedAt" = $3 WHERE client = $1 AND "windowStart" = $2`, [
        window.client,
        window.windowStart,
        now,
      ]);
    }
    if (client !== undefined) return { summarized: rows.length };
    await tx.query(
      `DELETE FROM "RefusalWindow"
       WHERE "windowStart" < $1::timestamptz - make_interval(secs => $2)
         AND ("summarizedAt" IS NOT NULL OR count <= $3)`,
      [now, KEEP_WINDOWS_MS / 1000, limit],
    );
    return { summarized: rows.length };
  });
}
