// The audit log as CSV, with the same filters as the audit page (its query string), every
// matching event oldest first. Streamed a page at a time (the stream pulls the next page only
// when the client has taken the last), so the export of a long log holds one page in memory.
// UTF-8 with a BOM so spreadsheet software reads Japanese text correctly. Exporting is itself
// an audit event ("audit.export", written by streamAuditEvents).
import { auditQueryTextSchema, parseAuditSearchParams, utcToLocalInput } from "@/lib/audit/audit-search-params";
import { parseSearch } from "@/lib/http/search-params";
import { auditCsvHeader, auditCsvRows, streamAuditEvents, type AuditEventDto } from "@/lib/audit/query-audit";
import { authorize, getActor } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { errorFields, logFor } from "@/lib/log/logger";

export const dynamic = "force-dynamic";

const refusal = (error: unknown) => {
  if (isAppError(error))
    return new Response(error.message, {
      status: error.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  throw error;
};

export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  try {
    await authorize(actor, "audit.view");
  } catch (error) {
    return refusal(error);
  }
  const params = new URL(request.url).searchParams;
  const text = parseSearch(auditQueryTextSchema, params);
  if (!text.ok)
    return new Response(`This search could not be used: ${text.invalid.join(", ")}.`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const search = parseAuditSearchParams(params);
  const pages = streamAuditEvents({ actor, filter: search.filter, pageSize: 2000 });
  // The first page (and the export's own audit event) before answering: a refusal or a
  // database error then gets its status instead of a cut-off 200.
  let first: IteratorResult<AuditEventDto[]>;
  try {
    first = await pages.next();
  } catch (error) {
    return refusal(error);
  }

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${auditCsvHeader()}`));
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvRows(first.value)));
    },
    async pull(controller) {
      try {
        const next = await pages.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(auditCsvRows(next.value)));
      } catch (error) {
        logFor("audit-export").error(errorFields(error), "audit export failed mid-stream");
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  const day = utcToLocalInput(new Date()).slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
