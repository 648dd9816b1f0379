// A request refused before it reached any command (a mutation from a foreign, null or missing
// Origin): the audit event that it happened, with the client's address, the origin it named
// and why it was refused. The one place such refusals are written, so that limiting how many
// one address may cause (a flood must not grow the chain without bound) wraps this function.
import { recordAuditEventNow } from "./record-audit-event";

export interface RefusedRequest {
  /** Why, as a stable code: "missing-origin", "null-origin", "malformed-origin", "foreign-origin". */
  reason: string;
  /** The client's address (lib/http/request-facts) and user agent. */
  ip: string | null;
  userAgent: string | null;
  /** The Origin header as sent (null when absent). */
  origin: string | null;
  method: string;
  path: string;
  /** The server action's id, when the request called one. */
  serverAction?: string | null;
  /** The signed-in person whose cookies came with it, when known (a forged request's victim). */
  actor?: { id: string; email: string } | null;
  /** Where it was refused: "proxy" or "action" (the server action wrapper). */
  refusedBy: "proxy" | "action" | "route";
}

export const REFUSED_REQUEST_ACTION = "request.refused";

export async function recordRefusedRequest(request: RefusedRequest): Promise<void> {
  await recordAuditEventNow({
    actor: {
      id: request.actor?.id ?? null,
      email: request.actor?.email ?? "anonymous",
      ip: request.ip,
      userAgent: request.userAgent,
    },
    action: REFUSED_REQUEST_ACTION,
    outcome: "REFUSED",
    reason: request.reason,
    metadata: {
      origin: request.origin?.slice(0, 200) ?? null,
      method: request.method.slice(0, 16),
      path: request.path.slice(0, 300),
      serverAction: request.serverAction?.slice(0, 100) ?? null,
      refusedBy: request.refusedBy,
    },
  });
}
