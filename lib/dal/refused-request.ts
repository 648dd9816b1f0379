import "server-only";
// A refused request, from the request itself: its client address, Origin and browser, recorded
// through the rate-limited recorder (lib/audit/record-refused-request.ts). Recording never turns
// a refusal into an error page: a failure to record is logged and the refusal stands.
import { headers } from "next/headers";
import { recordRefusedRequest, type RefusedRequest } from "@/lib/audit/record-refused-request";
import { requestClient } from "@/lib/http/request-facts";
import { getActorState } from "./actor";
import { errorFields, logFor } from "@/lib/log/logger";

export async function auditRefusedRequest(
  refusal: Pick<RefusedRequest, "reason" | "action" | "actor" | "details" | "refusedBy">,
): Promise<void> {
  try {
    const h = await headers();
    await recordRefusedRequest({
      ...refusal,
      ...requestClient(h),
      origin: h.get("origin"),
      method: "POST",
      serverAction: h.get("next-action"),
    });
  } catch (error) {
    logFor("audit").error(errorFields(error), "a refused request could not be recorded");
  }
}

/** A server action called without a valid session: why (no cookie, a forged one, a session that is over). */
export async function auditUnauthenticatedCall(permission: string): Promise<void> {
  let reason: string;
  try {
    const state = await getActorState();
    reason = state.actor ? "no-session" : state.why;
  } catch (error) {
    logFor("audit").error(errorFields(error), "a refused request could not be recorded");
    return;
  }
  await auditRefusedRequest({ reason, action: permission, refusedBy: "action" });
}
