import "server-only";
// The one wrapper every server action is built from. A server action is a public POST
// endpoint, so this checks the request came from the console's own pages (Origin), resolves
// the actor from the database, checks the permission, parses the input with zod, and turns
// domain errors into a typed result. Unknown errors are logged and reported with a generic message.
// A call without a valid session (none, a forged or stale cookie, a session that is over) is
// recorded, rate-limited per client address, as a refused Origin is.
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import type { Action } from "@/lib/authz/policy";
import { recordRefusedRequest } from "@/lib/audit/record-refused-request";
import { authorize, getActor } from "@/lib/dal/actor";
import { auditUnauthenticatedCall } from "@/lib/dal/refused-request";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { requestClient, requestOriginVerdict } from "@/lib/http/request-facts";
import { GENERIC_REFUSALS, localizeRefusal } from "@/lib/i18n/refusals";
import { getLocale } from "@/lib/i18n/server";

export type ActionErrorCode = ErrorCode | "UNKNOWN";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ActionErrorCode; message: string; fieldErrors?: Record<string, string[]> };

export function action<S extends z.ZodType, T>(
  options: { schema: S; permission: Action },
  handler: (input: z.output<S>, ctx: { actor: Actor }) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    // Outside a request (a test calling the action directly) there is no reader: English.
    const locale = await getLocale().catch(() => "en" as const);
    try {
      await assertFromConsole(options.permission);
      const actor = await getActor();
      if (!actor) {
        await auditUnauthenticatedCall(options.permission);
        return { ok: false, code: "UNAUTHENTICATED", message: GENERIC_REFUSALS[locale].unauthenticated };
      }
      await authorize(actor, options.permission);
      const parsed = options.schema.safeParse(input);
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        return {
          ok: false,
          code: "INVALID_INPUT",
          message: flat.formErrors[0] ?? GENERIC_REFUSALS[locale].invalid,
          fieldErrors: flat.fieldErrors as Record<string, string[]>,
        };
      }
      return { ok: true, data: await handler(parsed.data, { actor }) };
    } catch (error) {
      unstable_rethrow(error);
      if (isAppError(error)) {
        return { ok: false, code: error.code, message: localizeRefusal(error, locale), fieldErrors: error.fieldErrors };
      }
      console.error("[action] unexpected error", error);
      return { ok: false, code: "UNKNOWN", message: GENERIC_REFUSALS[locale].unknown };
    }
  };
}

/**
 * The Origin check again, behind proxy.ts (which is not the security boundary): every action is
 * a mutation, so a foreign, null or missing Origin is refused and recorded (rate-limited per
 * client address, lib/audit/record-refused-request.ts). Outside a request (a
 * test or script calling the action directly) there is no HTTP request to check.
 */
async function assertFromConsole(permission: Action) {
  let h: Awaited<ReturnType<typeof headers>>;
  try {
    h = await headers();
  } catch {
    return;
  }
  const verdict = requestOriginVerdict("POST", h);
  if (verdict.ok) return;
  const actor = await getActor().catch(() => null);
  await recordRefusedRequest({
    reason: verdict.reason,
    ...requestClient(h),
    origin: h.get("origin"),
    method: "POST",
    path: h.get("next-url") ?? "",
    serverAction: h.get("next-action"),
    action: permission,
    actor: actor ? { id: actor.id, email: actor.email } : null,
    refusedBy: "action",
  }).catch((error: unknown) => {
    // The refusal stands even when it cannot be recorded; the log says why it was not.
    console.error("[origin] could not record a refused request", error);
  });
  throw new AppError("FORBIDDEN", "This request did not come from the console's own pages.", {
    details: { rule: verdict.reason },
  });
}
