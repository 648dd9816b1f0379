// npm run drafts:generate -- --month YYYY-MM
// Generates (or regenerates) the month's drafts in the console's database, as the system.
import { prepareDatabase } from "./lib/prepare";

const args = process.argv.slice(2);
const month = args[args.indexOf("--month") + 1];
if (!args.includes("--month") || !month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
  console.error("usage: npm run drafts:generate -- --month YYYY-MM");
  process.exit(2);
}
const { db: database } = await prepareDatabase({ quiet: true, migrate: "when-owner-known" });
process.env.DATABASE_URL = database.url;
const { generateDrafts } = await import("@/lib/invoices/generate-drafts");
const started = Date.now();
const summary = await generateDrafts({
  actor: { id: null, email: "system:drafts-generate", name: "drafts:generate", roles: ["FINANCE"] },
  month,
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `Drafts for ${month}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
    `${summary.skipped.length} skipped (${seconds} s)`,
);
for (const s of summary.skipped) console.log(`  skipped ${s.customerCode}: ${s.reason}`);
await database.stop();
process.exit(0);
