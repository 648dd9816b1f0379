// The Origin check at the boundary every mutation passes: proxy.ts for every request, and again
// in route handlers that change something (proxy.ts is not the security boundary). A foreign,
// null or missing Origin gets a clean 403, recorded with the client's address, the origin and
// the reason. (No "server-only" guard: proxy.ts imports this.)
import { recordRefusedRequest, type RefusedRequest } from "@/lib/audit/record-refused-request";
import { requestClient, requestOriginVerdict } from "./request-facts";
import { errorFields, logFor } from "@/lib/log/logger";

/** A 403 response (recorded) when the request's Origin is foreign, null or missing; else null. */
export async function refuseForeignMutation(
  request: Request,
  refusedBy: RefusedRequest["refusedBy"] = "route",
): Promise<Response | null> {
  const verdict = requestOriginVerdict(request.method, request.headers);
  if (verdict.ok) return null;
  await recordRefusedRequest({
    reason: verdict.reason,
    ...requestClient(request.headers),
    origin: request.headers.get("origin"),
    method: request.method,
    path: new URL(request.url).pathname,
    serverAction: request.headers.get("next-action"),
    refusedBy,
  }).catch((error: unknown) => {
    // The refusal stands even when it cannot be recorded; the log says why it was not.
    logFor("origin").error(errorFields(error), "could not record a refused request");
  });
  return Response.json(
    { code: "FORBIDDEN", reason: verdict.reason, message: "This request did not come from the console." },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
