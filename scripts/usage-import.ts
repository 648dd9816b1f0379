// npm run usage:import -- <file> [--json]
// Imports a usage export into the same database as `npm start` (the embedded one when
// DATABASE_URL is unset), whether or not the console is running. Exit code 0 when imported
// or already imported, 1 when the file is refused (with every bad row), 2 on bad usage.
import path from "node:path";
import { prepareDatabase } from "./lib/prepare";

const args = process.argv.slice(2);
const json = args.includes("--json");
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: npm run usage:import -- <file.csv|file.jsonl> [--json]");
  process.exit(2);
}

// Migrations first (a no-op when current), so the command works before the console ever ran;
// run as the runtime role alone, it uses the database as npm start migrated it.
const { db: database } = await prepareDatabase({ quiet: json, migrate: "when-owner-known" });
process.env.DATABASE_URL = database.url;
const { importUsageBatch } = await import("@/lib/usage/import-usage-batch");

let lastReport = 0;
const result = await importUsageBatch({
  actor: { id: null, email: `cli:${process.env.USER ?? "unknown"}` },
  filePath: path.resolve(file),
  fileName: path.basename(file),
  source: "cli",
  onProgress: (rows) => {
    if (!json && Date.now() - lastReport > 2000) {
      lastReport = Date.now();
      process.stderr.write(`  ${rows.toLocaleString("en-US")} rows…\n`);
    }
  },
});
await database.stop();

if (json) {
  console.log(JSON.stringify(result));
} else if (result.status === "refused") {
  console.error(`Refused: ${result.message}`);
  for (const e of result.errors.slice(0, 50)) console.error(`  line ${e.line}, ${e.column}: ${e.reason}`);
  if (result.errorCount > 50) console.error(`  … and ${result.errorCount - 50} more`);
} else {
  console.log(
    `${result.status === "imported" ? "Imported" : "Already imported (nothing changed)"}: batch ${result.batchId}`,
  );
  const rows = result.rows.toLocaleString("en-US");
  console.log(
    `  format ${result.format}, ${rows} rows, months ${result.months.join(", ")}, ${result.projects} projects`,
  );
  console.table(
    Object.entries(result.totals).map(([currency, t]) => ({ currency, cost: t.cost, credits: t.credits, net: t.net })),
  );
}
process.exit(result.status === "refused" ? 1 : 0);
