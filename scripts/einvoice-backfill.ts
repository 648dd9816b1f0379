// npm run einvoice:backfill
// Attaches e-invoices to documents the document service already holds without one (released
// before the console made e-invoices, or sent while the e-invoice was blocked). Safe to run
// again: attaching is idempotent. Exits 1 when something was blocked or failed.
import { prepareDatabase } from "./lib/prepare";

const { db: database } = await prepareDatabase({ quiet: true, migrate: "when-owner-known" });
process.env.DATABASE_URL = database.url;
const { backfillEInvoices } = await import("@/lib/einvoice/backfill-einvoices");
const { createServiceClients, servicesConfigFromEnv } = await import("@/lib/services/config");
const { db } = await import("@/lib/db");
const config = servicesConfigFromEnv();
const summary = await backfillEInvoices({
  documents: createServiceClients(config).documents,
  actor: { id: null, email: "system:einvoice-backfill" },
  timeoutMs: config.timeoutMs,
});
for (const number of summary.attached) console.log(`${number}  attached`);
for (const b of summary.blocked) console.error(`${b.number}  blocked by JP PINT rules ${b.rules.join(", ")}`);
for (const f of summary.failed) console.error(`${f.number}  failed: ${f.error}`);
console.log(
  `E-invoices: ${summary.attached.length} attached, ${summary.waiting.length} left to their delivery, ` +
    `${summary.blocked.length} blocked, ${summary.failed.length} failed`,
);
await db.$disconnect();
await database.stop();
process.exit(summary.blocked.length + summary.failed.length > 0 ? 1 : 0);
