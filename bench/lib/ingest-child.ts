// Child process of bench/ingest.ts: imports one file (and optionally generates the month's
// drafts), then reports its timings and its own peak RSS (VmHWM), so memory is measured for
// the import alone.
import fs from "node:fs";

const [file, month, withDrafts] = process.argv.slice(2) as [string, string, string];
const { importUsageBatch } = await import("@/lib/usage/import-usage-batch");
const { generateDrafts } = await import("@/lib/invoices/generate-drafts");
const started = performance.now();
const result = await importUsageBatch({
  actor: { id: null, email: "system:bench", name: "bench", roles: ["FINANCE"] },
  filePath: file,
  fileName: file.split("/").pop()!,
  source: "cli",
});
const importS = (performance.now() - started) / 1000;
let draftsS = 0;
let drafts = 0;
if (withDrafts === "1") {
  const t = performance.now();
  const summary = await generateDrafts({
    actor: { id: null, email: "system:bench", name: "bench", roles: ["FINANCE"] },
    month,
  });
  draftsS = (performance.now() - t) / 1000;
  drafts = summary.created + summary.updated;
}
const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
console.log(
  JSON.stringify({
    status: result.status,
    rows: result.rows,
    import_s: importS,
    drafts_s: draftsS,
    drafts,
    peak_rss_mb: hwm ? Number(hwm[1]) / 1024 : null,
  }),
);
process.exit(0);
