// Shared by the access commands: a refusal names its rule and is recorded as an audit event
// of its own (the command's transaction, if any, rolls back).
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";

export class AccessRefusal extends AppError {
  constructor(
    code: ErrorCode,
    readonly rule: string,
    message: string,
    params?: Record<string, string | number>,
  ) {
    super(code, message, { details: params ? { rule, params } : { rule } });
  }
}

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
      const rule = error instanceof AccessRefusal ? error.rule : String(error.details?.rule ?? error.code);
      await recordAuditEventNow({
        actor,
        action,
        target,
        outcome: "REFUSED",
        reason: `${rule}: ${error.message}`,
        metadata: { rule, params: error.details?.params },
      });
    }
    throw error;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
