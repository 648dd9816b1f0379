import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { authorize, getActor } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { refuseForeignMutation } from "@/lib/http/refuse-foreign-mutation";
import { metrics } from "@/lib/metrics/registry";
import { importUsageBatch } from "@/lib/usage/import-usage-batch";

export const dynamic = "force-dynamic";
export const maxDuration = 3600;

// Upload of a usage export: the body is streamed to a temporary file (never held in memory),
// then imported. The file name comes in a header so the body can be the raw file. A file that
// changes months already imported is kept as a staged batch: the page shows what it changes and
// finance confirms the replacement (or an append) with the usage page's action.
export async function POST(request: Request) {
  const foreign = await refuseForeignMutation(request);
  if (foreign) return foreign;
  const actor = await getActor();
  if (!actor) return Response.json({ code: "UNAUTHENTICATED", message: "Sign in again." }, { status: 401 });
  try {
    await authorize(actor, "usage.import");
  } catch (error) {
    if (isAppError(error)) return Response.json({ code: error.code, message: error.message }, { status: error.status });
    throw error;
  }
  if (!request.body) return Response.json({ code: "INVALID_INPUT", message: "The upload is empty." }, { status: 422 });
  const fileName = (decodeURIComponent(request.headers.get("x-file-name") ?? "upload") || "upload")
    .replace(/[\\/]/g, "_")
    .slice(0, 200);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "usage-upload-"));
  const file = path.join(dir, "upload");
  try {
    await pipeline(Readable.fromWeb(request.body as unknown as WebReadableStream), fs.createWriteStream(file));
    const timer = metrics.importDuration.startTimer();
    const result = await importUsageBatch({ actor, filePath: file, fileName, source: "ui", stage: true });
    timer({ outcome: result.status });
    if (result.status === "imported") metrics.importRows.inc(result.rows);
    return Response.json(result, { status: result.status === "refused" ? 422 : 200 });
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
