// npm run audit:verify [-- --database <name>] [--page-size <n>] [--json]
// Walks the audit chain in seq order and exits 1 naming the first broken event (0 when the
// chain is intact, 2 on a usage or connection error). Same database as `npm start`:
// DATABASE_URL when set, otherwise the embedded PostgreSQL under .data/ (started for the
// command if it is not running), database "billing" unless --database or DATABASE_NAME says
// otherwise (as scripts/with-db.ts). Read-only: it migrates nothing and writes nothing.
// The database is resolved before the lib modules load, because lib/env validates
// DATABASE_URL at import.
import { resolveDatabase } from "./lib/database";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = args.includes("--json");

try {
  const database = await resolveDatabase({ database: flag("--database") ?? process.env.DATABASE_NAME, quiet: true });
  process.env.DATABASE_URL = database.url;
  const { verifyAuditChain, describeChainBreak } = await import("@/lib/audit/verify-audit-chain");
  const status = await verifyAuditChain({ pageSize: Number(flag("--page-size")) || 5000 });
  const line = describeChainBreak(status);
  if (json) {
    console.log(
      JSON.stringify({
        ok: status.ok,
        verified: status.verified,
        lastSeq: status.last?.seq.toString() ?? null,
        broken: status.broken ? { ...status.broken, seq: status.broken.seq.toString() } : null,
        durationMs: Math.round(status.durationMs),
      }),
    );
  } else {
    (status.ok ? console.log : console.error)(`${line} (${Math.round(status.durationMs)} ms)`);
  }
  await database.stop();
  process.exit(status.ok ? 0 : 1);
} catch (error) {
  console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
