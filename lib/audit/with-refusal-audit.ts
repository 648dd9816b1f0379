// Every domain command's refusals are audited the same way: the refusal is recorded in an
// audit event of its own (the command's transaction, if any, rolls back) and rethrown.
import type { Actor } from "@/lib/authz/actor";
import { isAppError, Refusal } from "@/lib/errors";
import { recordAuditEventNow } from "./record-audit-event";

/** Runs a command; a refusal is recorded (actor, rule, its values, target) and rethrown. */
export async function withRefusalAudit<T>(
  actor: Actor,
  action: string,
  target: { type: string; id: string },
  command: () => Promise<T>,
): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (isAppError(error)) {
      const rule = error instanceof Refusal ? error.rule : String(error.details?.rule ?? error.code);
      await recordAuditEventNow({
        actor,
        action,
        target,
        outcome: "REFUSED",
        reason: `${rule}: ${error.message}`,
        // The rule and its values, so the audit log can say it in the reader's language.
        metadata: { rule, params: error.details?.params },
      });
    }
    throw error;
  }
}
