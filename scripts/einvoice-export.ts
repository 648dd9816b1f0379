// npm run einvoice:export -- --month YYYY-MM --out DIR
// Writes the stored e-invoice (JP PINT XML) of every released document of the billing month to
// DIR as <number>.xml. Exits 1 when a document's e-invoice fails validation (listed; not written).
import path from "node:path";
import { prepareDatabase } from "./lib/prepare";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const month = option("--month");
const out = option("--out");
if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !out) {
  console.error("usage: npm run einvoice:export -- --month YYYY-MM --out DIR");
  process.exit(2);
}
const { db: database } = await prepareDatabase({ quiet: true, migrate: "when-owner-known" });
process.env.DATABASE_URL = database.url;
const { exportEInvoices } = await import("@/lib/einvoice/export-einvoices");
const { db } = await import("@/lib/db");
const summary = await exportEInvoices({ month, outDir: path.resolve(out) });
for (const w of summary.written) console.log(`${w.number}  ${w.sha256}  ${w.file}`);
for (const b of summary.blocked) console.error(`${b.number}  blocked by JP PINT rules ${b.rules.join(", ")}`);
const counts = `${summary.written.length} written to ${path.resolve(out)}, ${summary.blocked.length} blocked`;
console.log(`E-invoices for ${month}: ${counts}`);
await db.$disconnect();
await database.stop();
process.exit(summary.blocked.length > 0 ? 1 : 0);
