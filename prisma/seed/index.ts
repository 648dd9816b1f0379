// `npm run db:seed` and the start script: demo data for an empty database. Safe to run again:
// every step inserts only what is missing.
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { dataPath } from "@/lib/runtime/data-dir";
import { seedBaseData } from "./demo-data";
import { seedDemoUsage } from "./demo-usage";

const started = Date.now();
const { created: base } = await seedBaseData(db);
const usage = await seedDemoUsage(dataPath("seed"));
const created = { ...base, ...usage };
const inserted = Object.values(created).reduce((a, b) => a + b, 0);
if (inserted > 0) {
  await db.$transaction((tx) =>
    recordAuditEvent(tx, { actor: { id: null, email: "system:seed" }, action: "demo.seed", metadata: created }),
  );
}
console.log(
  inserted > 0
    ? `[seed] demo data: ${Object.entries(created)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ")} (${Date.now() - started} ms)`
    : `[seed] demo data already present; nothing changed`,
);
await db.$disconnect();
