// npm run audit:checkpoint [-- --database <name>]: posts the audit chain's head to the document
// service now (the scheduled job audit-checkpoint does it every hour, and the console after
// every release; see lib/audit/post-audit-checkpoint.ts). Exits 0 when the head is checkpointed
// (posted now or before), 1 when the chain was refused, 2 when the service could not be reached.
import { resolveDatabase } from "./lib/database";

const args = process.argv.slice(2);
const at = args.indexOf("--database");
const database = await resolveDatabase({
  database: (at >= 0 ? args[at + 1] : undefined) ?? process.env.DATABASE_NAME,
  quiet: true,
});
process.env.DATABASE_URL = database.url;
const { describeCheckpointOutcome, postAuditCheckpoint } = await import("@/lib/audit/post-audit-checkpoint");
const { endAuditWriter } = await import("@/lib/audit/record-audit-event");
const { db } = await import("@/lib/db");
let code = 2;
try {
  const outcome = await postAuditCheckpoint({ trigger: "manual" });
  (outcome.kind === "refused" || outcome.kind === "failed" ? console.error : console.log)(
    describeCheckpointOutcome(outcome),
  );
  code = outcome.kind === "refused" ? 1 : outcome.kind === "failed" ? 2 : 0;
} catch (error) {
  console.error(`audit:checkpoint could not run: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await endAuditWriter();
  await db.$disconnect();
  await database.stop();
}
process.exit(code);
