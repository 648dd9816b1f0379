// npm run check:gate [-- --runs N] [--max-commands N] [--seed S --path P]
// The model-based gate test (tests/support/gate-model) with as many random sequences as asked
// (default 10,000): real commands as the demo people against a fresh database of its own,
// "billing_gate_check", on the embedded PostgreSQL (or on the server DATABASE_URL names),
// migrated by its owner role and used by its runtime role. On a failure it prints the sequence
// fast-check shrank it to, as it ran, and the seed and path that replay it. The last line is always
// RESULT {"runs":..,"steps":..,"violations":..}; the exit code is 1 when a violation was found.
import { execFileSync } from "node:child_process";
import { resolveServer } from "./lib/database";
import { provisionDatabase } from "./lib/roles";
import { grantRuntimeRole } from "./lib/runtime-grants";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const numRuns = Number(flag("--runs") ?? 10_000);
const maxCommands = Number(flag("--max-commands") ?? 16);
const seed = flag("--seed") === undefined ? undefined : Number(flag("--seed"));
const path = flag("--path");
if (!Number.isInteger(numRuns) || numRuns < 1 || !Number.isInteger(maxCommands) || maxCommands < 1) {
  console.error("usage: npm run check:gate -- [--runs N] [--max-commands N] [--seed S --path P]");
  process.exit(2);
}

const name = process.env.GATE_CHECK_DATABASE_NAME ?? "billing_gate_check";
// Provisioned as the integration tests' database is: migrated by its owner role, the commands
// run as its runtime role (tests/support/global-setup.ts).
const server = await resolveServer({ quiet: true });
const database = await provisionDatabase(server.url, name, { recreate: true });
execFileSync("npx", ["prisma", "migrate", "deploy"], {
  env: { ...process.env, DATABASE_URL: database.migrationUrl },
  stdio: "pipe",
});
await grantRuntimeRole({ migrationUrl: database.migrationUrl, runtimeUrl: database.url });
// lib/env reads DATABASE_URL when the domain modules load, so they are imported only now.
process.env.DATABASE_URL = database.url;
delete process.env.DATABASE_MIGRATION_URL;
const { checkGate } = await import("../tests/support/gate-model/run");

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
const every = Math.max(1, Math.round(numRuns / 20));
console.log(`check:gate: ${numRuns} sequences of at most ${maxCommands} steps, database ${name}`);
const result = await checkGate({
  numRuns,
  maxCommands,
  seed,
  path,
  onRun: ({ runs, steps }) => {
    if (runs % every === 0) console.log(`  ${runs} sequences, ${steps} steps, ${seconds()} s`);
  },
});
console.log(`check:gate: ${result.runs} sequences, ${result.steps} steps in ${seconds()} s (seed ${result.seed})`);
if (result.failure) {
  console.log("VIOLATION, shrunk to this sequence (the first two steps are every sequence's setup):");
  result.failure.steps.forEach((step, i) => {
    console.log(`  ${i + 1}. ${step}`);
  });
  console.log(`  -> ${result.failure.error}`);
  console.log(`replay: npm run check:gate -- --runs ${numRuns} --seed ${result.seed} --path ${result.failure.path}`);
}
// Connections closed before the server stops, so that nothing reports them dropped.
const [{ db }, { endAuditWriter }] = await Promise.all([import("@/lib/db"), import("@/lib/audit/record-audit-event")]);
await db.$disconnect();
await endAuditWriter();
await server.stop();
console.log(`RESULT ${JSON.stringify({ runs: result.runs, steps: result.steps, violations: result.failure ? 1 : 0 })}`);
process.exit(result.failure ? 1 : 0);
