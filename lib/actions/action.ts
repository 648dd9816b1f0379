import "server-only";
// The one wrapper every server action is built from. A server action is a public POST
// endpoint, so this checks the request came from the console's own pages (Origin), resolves
// the actor from the database, checks the permission, parses the input with zod, and turns
// domain errors into a typed result. Unknown errors are logged and reported with a generic message.
// A call without a valid session (none, a forged or stale cookie, a session that is over) is
// recorded, rate-limited per client address, as a refused Origin is.
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import type { Action } from "@/lib/authz/policy";
import { recordRefusedRequest } from "@/lib/audit/record-refused-request";
import { authorize, getActor } from "@/lib/dal/actor";
import { auditUnauthenticatedCall } from "@/lib/dal/refused-request";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { requestClient, requestOriginVerdict } from "@/lib/http/request-facts";
import type { Locale } from "@/lib/i18n/define";
import { GENERIC_REFUSALS, localizeFieldMessage, localizeRefusal, refusalText } from "@/lib/i18n/refusals";
import { errorFields, logFor } from "@/lib/log/logger";
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
      if (!parsed.success) return { ok: false, code: "INVALID_INPUT", ...issuesFor(parsed.error, locale) };
      return { ok: true, data: await handler(parsed.data, { actor }) };
    } catch (error) {
      unstable_rethrow(error);
      if (isAppError(error)) {
        return {
          ok: false,
          code: error.code,
          message: localizeRefusal(error, locale),
          fieldErrors: error.fieldErrors && localizeFieldErrors(error.fieldErrors, error.details, locale),
        };
      }
      logFor("action").error(errorFields(error), "unexpected error");
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
    logFor("origin").error(errorFields(error), "could not record a refused request");
  });
  throw new AppError("FORBIDDEN", "This request did not come from the console's own pages.", {
    details: { rule: verdict.reason },
  });
}

/**
 * The schema's issues in the reader's language (messages are keys of lib/i18n/refusals.ts, see
 * localizeFieldMessage), by top-level field; the message is the first form-level issue, else the
 * first field's, so a form that shows only the message still says what is wrong.
 */
function issuesFor(error: z.ZodError, locale: Locale): { message: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    const bounds: Record<string, string> = {};
    if (issue.code === "too_small") bounds.min = String(issue.minimum);
    if (issue.code === "too_big") bounds.max = String(issue.maximum);
    const text = localizeFieldMessage(issue.message, locale, bounds);
    const field = issue.path[0];
    if (field === undefined) formErrors.push(text);
    else fieldErrors[String(field)] = [...(fieldErrors[String(field)] ?? []), text];
  }
  const message = formErrors[0] ?? Object.values(fieldErrors)[0]?.[0] ?? GENERIC_REFUSALS[locale].invalid;
  return { message, fieldErrors };
}

/**
 * A command's field errors: reason codes of lib/i18n/refusals.ts are translated (with the
 * refusal's params); anything else is a key the form translates from its own messages, or text
 * the command already wrote in the reader's language (the editor's), and is kept.
 */
function localizeFieldErrors(
  fieldErrors: Record<string, string[]>,
  details: Record<string, unknown> | undefined,
  locale: Locale,
): Record<string, string[]> {
  const params = (details?.params ?? undefined) as Record<string, string> | undefined;
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [
      field,
      messages.map((m) => refusalText(m, locale, params) ?? m),
    ]),
  );
}
