// npm run usage:import -- <file> [--json] [--replace | --append]
// Imports a usage export into the same database as `npm start` (the embedded one when
// DATABASE_URL is unset), whether or not the console is running. A month's usage of a billing
// account is a snapshot: the same rows again change nothing; a file with other rows for a month
// already imported is only previewed unless --replace (it replaces that month's rows) or
// --append (it adds to them, refused if any row is already there) says what to do.
// Exit code 0 when imported, replaced, appended or already imported; 1 when the file is refused
// (with every problem, as JSON with --json); 2 on bad usage; 3 when the file changes months
// already imported and neither --replace nor --append was given (nothing written; the preview
// says what would change).
import path from "node:path";
import { prepareDatabase } from "./lib/prepare";

const args = process.argv.slice(2);
const json = args.includes("--json");
const replace = args.includes("--replace");
const append = args.includes("--append");
const file = args.find((a) => !a.startsWith("--"));
const unknown = args.filter((a) => a.startsWith("--") && !["--json", "--replace", "--append"].includes(a));
if (!file || (replace && append) || unknown.length) {
  console.error("usage: npm run usage:import -- <file.csv|file.jsonl> [--json] [--replace | --append]");
  process.exit(2);
}

// Migrations first (a no-op when current), so the command works before the console ever ran;
// run as the runtime role alone, it uses the database as npm start migrated it.
const { db: database } = await prepareDatabase({ quiet: json, migrate: "when-owner-known" });
process.env.DATABASE_URL = database.url;
const { importUsageBatch } = await import("@/lib/usage/import-usage-batch");

let lastReport = 0;
const result = await importUsageBatch({
  actor: { id: null, email: `cli:${process.env.USER ?? "unknown"}`, name: "usage:import", roles: ["FINANCE"] },
  filePath: path.resolve(file),
  fileName: path.basename(file),
  source: "cli",
  mode: replace ? "replace" : append ? "append" : "auto",
  onProgress: (rows) => {
    if (!json && Date.now() - lastReport > 2000) {
      lastReport = Date.now();
      process.stderr.write(`  ${rows.toLocaleString("en-US")} rows…\n`);
    }
  },
});
await database.stop();

const scopes = (list: Array<{ billingAccountId: string; month: string; rows: number; status: string }>) =>
  console.table(list.map((s) => ({ account: s.billingAccountId, month: s.month, rows: s.rows, status: s.status })));

if (json) {
  console.log(JSON.stringify(result));
} else if (result.status === "refused") {
  console.error(`Refused (${result.code}): ${result.message}`);
  for (const e of result.errors.slice(0, 50)) console.error(`  line ${e.line}, ${e.column}: ${e.reason}`);
  if (result.errors.length && result.errorCount > 50) console.error(`  … and ${result.errorCount - 50} more`);
  for (const i of result.released ?? [])
    console.error(`  released: ${i.number ?? i.id} ${i.customerCode} ${i.customerName} ${i.month}`);
} else if (result.status === "already-imported") {
  console.log(`Already imported (nothing changed): the same rows are billed from batch ${result.batchIds.join(", ")}`);
  scopes(result.scopes);
} else {
  const done = {
    imported: "Imported",
    replaced: "Replaced",
    appended: "Appended",
    preview: "Not imported: this file changes months already imported. Run again with --replace or --append",
  }[result.status];
  console.log(`${done}: batch ${result.batchId}`);
  const rows = result.rows.toLocaleString("en-US");
  console.log(
    `  format ${result.format}, ${rows} rows, months ${result.months.join(", ")}, ${result.projects} projects`,
  );
  scopes(result.scopes);
  console.table(
    Object.entries(result.totals).map(([currency, t]) => ({ currency, cost: t.cost, credits: t.credits, net: t.net })),
  );
  if (result.status !== "imported") {
    console.log("Changes per project:");
    console.table(result.changes);
    if (result.status === "preview" && result.released.length)
      console.log(`Released invoices this would change (a replacement will be refused): ${result.released.length}`);
    else if (result.status === "preview" && result.returnsToDraft.length)
      console.log(`Invoices --replace returns to draft, approvals voided: ${result.returnsToDraft.length}`);
    else if (result.status !== "preview")
      console.log(
        `${result.returnedToDraft.length} invoice(s) returned to draft, ` +
          `${result.draftsRegenerated} draft(s) regenerated`,
      );
  }
}
process.exit(result.status === "refused" ? 1 : result.status === "preview" ? 3 : 0);
