// npm run audit:verify [-- --database <name>] [--page-size <n>] [--json] [--no-checkpoints]
// Walks the audit chain in seq order and compares it with the checkpoints the document service
// holds (DOCUMENTS_BASE_URL / DOCUMENTS_TOKEN). Exits 1 naming the first broken event, or the
// first checkpoint the database no longer matches (a chain rewritten with every hash recomputed
// verifies on its own, but not against its checkpoints); 0 when both hold; 2 on a usage or
// connection error, the document service's included (--no-checkpoints walks the chain alone).
// Same database as `npm start`: DATABASE_URL when set, otherwise the embedded PostgreSQL under
// .data/ (started for the command if it is not running), database "billing" unless --database or
// DATABASE_NAME says otherwise (as scripts/with-db.ts), as the runtime role. Read-only: it
// migrates nothing and writes nothing. The database is resolved before the lib modules load,
// because lib/env validates DATABASE_URL at import.
import { resolveDatabase } from "./lib/database";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = args.includes("--json");
const withCheckpoints = !args.includes("--no-checkpoints");

let stopDatabase = async () => {};
try {
  const database = await resolveDatabase({ database: flag("--database") ?? process.env.DATABASE_NAME, quiet: true });
  stopDatabase = database.stop;
  process.env.DATABASE_URL = database.url;
  const { verifyAuditChain, describeChainBreak } = await import("@/lib/audit/verify-audit-chain");
  const { verifyCheckpoints, describeCheckpoints } = await import("@/lib/audit/verify-checkpoints");
  const { auditCheckpointsClientFromEnv } = await import("@/lib/services/audit-checkpoints-client");
  const status = await verifyAuditChain({ pageSize: Number(flag("--page-size")) || 5000 });
  let checkpoints: Awaited<ReturnType<typeof verifyCheckpoints>> | null = null;
  if (withCheckpoints) {
    checkpoints = await verifyCheckpoints({ client: auditCheckpointsClientFromEnv() });
    if (checkpoints.kind === "failed")
      throw new Error(
        `the audit checkpoints could not be read from the document service (${checkpoints.error}); ` +
          "--no-checkpoints walks the chain alone",
      );
  }
  const checked = checkpoints?.kind === "ok" ? checkpoints.status : null;
  const ok = status.ok && (checked?.ok ?? true);
  if (json) {
    const checkpoint = (c: NonNullable<typeof checked>["latest"]) =>
      c && {
        ...c,
        seq: c.seq.toString(),
        occurredAt: c.occurredAt.toISOString(),
        receivedAt: c.receivedAt.toISOString(),
      };
    console.log(
      JSON.stringify({
        ok,
        verified: status.verified,
        lastSeq: status.last?.seq.toString() ?? null,
        broken: status.broken ? { ...status.broken, seq: status.broken.seq.toString() } : null,
        checkpoints: checked && {
          ok: checked.ok,
          checked: checked.checked,
          latest: checkpoint(checked.latest),
          firstMismatch: checked.firstMismatch && {
            ...checked.firstMismatch,
            checkpoint: checkpoint(checked.firstMismatch.checkpoint),
          },
        },
        durationMs: Math.round(status.durationMs),
      }),
    );
  } else {
    (status.ok ? console.log : console.error)(`${describeChainBreak(status)} (${Math.round(status.durationMs)} ms)`);
    if (checked) (checked.ok ? console.log : console.error)(describeCheckpoints(checked));
    else console.log("audit checkpoints not compared (--no-checkpoints)");
  }
  await database.stop();
  process.exit(ok ? 0 : 1);
} catch (error) {
  console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
  await stopDatabase().catch(() => {});
  process.exit(2);
}
