// A request the policy refuses before any command runs (a page, a lookup, the audit log) is
// recorded as an access.denied event naming the permission it needed, the rule and its values.
import type { Actor } from "@/lib/authz/actor";
import { type Action, decide, forbiddenError, type Refused, type Resource } from "@/lib/authz/policy";
import { recordAuditEventNow } from "./record-audit-event";

export async function recordAccessDenied(
  actor: Actor,
  attempted: Action,
  decision: Refused,
  { target, metadata }: { target?: { type: string; id: string }; metadata?: Record<string, unknown> } = {},
) {
  await recordAuditEventNow({
    actor,
    action: "access.denied",
    target,
    outcome: "REFUSED",
    reason: `${attempted}: ${decision.rule}`,
    metadata: { attempted, rule: decision.rule, params: decision.params, ...metadata },
  });
}

/** Returns if the actor may; otherwise records access.denied and throws FORBIDDEN. */
export async function authorize(
  actor: Actor,
  action: Action,
  resource?: Resource,
  target?: { type: string; id: string },
): Promise<void> {
  const decision = decide(actor, action, resource);
  if (decision.allowed) return;
  await recordAccessDenied(actor, action, decision, { target });
  throw forbiddenError(decision);
}
