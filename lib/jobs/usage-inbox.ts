// The usage inbox: files dropped into USAGE_INBOX_DIR (default DATA_DIR/usage-inbox) are
// imported through the ordinary importer, one at a time, oldest first. Each then moves to
// done/ (imported or already imported) or failed/ (refused, with every problem), with a report
// (<name>.report.json) beside it. A file that would change a month already billed is not applied:
// a replacement needs finance's confirmation, so it goes to failed/ with its preview, and finance
// replaces the month from the upload page or with `usage:import -- --replace`. A file still
// being written is left for the next run: only files unchanged for INBOX_SETTLE_MS (default
// 10 s) are taken.
import fs from "node:fs";
import path from "node:path";
import { importUsageBatch } from "@/lib/usage/import-usage-batch";
import { dataPath } from "@/lib/runtime/data-dir";

const INBOX_ACTOR = { id: null, email: "system:usage-inbox", name: "usage inbox", roles: ["FINANCE"] } as const;
const APPLIED = new Set(["imported", "already-imported"]);

export function usageInboxDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.USAGE_INBOX_DIR?.trim() || dataPath("usage-inbox"));
}

export type InboxFileResult = { file: string; status: string; rows: number; movedTo: "done" | "failed" };

function uniqueTarget(dir: string, name: string): string {
  let target = path.join(dir, name);
  for (let i = 1; fs.existsSync(target); i++) target = path.join(dir, `${i}-${name}`);
  return target;
}

export async function processUsageInbox({
  dir = usageInboxDir(),
  settleMs = Number(process.env.INBOX_SETTLE_MS ?? 10_000),
  now = Date.now(),
}: {
  dir?: string;
  settleMs?: number;
  now?: number;
} = {}): Promise<InboxFileResult[]> {
  fs.mkdirSync(path.join(dir, "done"), { recursive: true });
  fs.mkdirSync(path.join(dir, "failed"), { recursive: true });
  const candidates = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => ({ name: e.name, stat: fs.statSync(path.join(dir, e.name)) }))
    .filter((f) => now - f.stat.mtimeMs >= settleMs)
    .sort((a, b) => a.stat.mtimeMs - b.stat.mtimeMs || a.name.localeCompare(b.name));
  const results: InboxFileResult[] = [];
  for (const { name } of candidates) {
    const file = path.join(dir, name);
    let report: Record<string, unknown>;
    let ok: boolean;
    let rows = 0;
    let status: string;
    try {
      const result = await importUsageBatch({ actor: INBOX_ACTOR, filePath: file, fileName: name, source: "inbox" });
      ok = APPLIED.has(result.status);
      rows = result.rows;
      status = result.status;
      report = { file: name, processedAt: new Date().toISOString(), ...result };
    } catch (error) {
      ok = false;
      status = "error";
      report = { file: name, processedAt: new Date().toISOString(), status, message: String(error) };
    }
    const movedTo = ok ? "done" : "failed";
    const target = uniqueTarget(path.join(dir, movedTo), name);
    fs.renameSync(file, target);
    fs.writeFileSync(`${target}.report.json`, `${JSON.stringify(report, null, 2)}\n`);
    results.push({ file: name, status, rows, movedTo });
  }
  return results;
}
