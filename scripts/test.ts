// `npm test`: every test, in order of speed: lint, typecheck, unit, integration (real PostgreSQL), runtime,
// end-to-end (Chromium). Unit and integration run a second time under TZ=Asia/Tokyo, so no test (and no
// code) depends on the machine's time zone: the console's servers may run in Japan or in UTC.
// Every stage runs even if an earlier one failed; the exit code says whether all passed, and
// the last line counts the stages.
import { resolveServer } from "./lib/database";
import { runToEnd } from "./lib/processes";

type Stage = [name: string, command: string, args: string[], env?: Record<string, string>];
const TOKYO = { TZ: "Asia/Tokyo" };
const integration = ["vitest", "run", "--project", "integration"];
// A list of stages runs side by side. The two integration runs each have a database of their own
// (roles and advisory locks are per database) and mostly wait on PostgreSQL, so together they
// take little longer than one: that keeps the whole run inside CI's 20 minutes.
const stages: Array<Stage | Stage[]> = [
  // Formatting, lint and line width first: `biome ci` fails on an unformatted file too.
  ["lint", "sh", ["-c", "npx biome ci --error-on-warnings . && npx tsx scripts/check-line-width.ts"]],
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"], { TZ: "UTC" }],
  ["unit (TZ=Asia/Tokyo)", "npx", ["vitest", "run", "--project", "unit"], TOKYO],
  [
    ["integration", "npx", integration, { TZ: "UTC" }],
    ["integration (TZ=Asia/Tokyo)", "npx", integration, { ...TOKYO, TEST_DATABASE_NAME: "billing_test_tokyo" }],
  ],
  // Secrets rotated under load (a database role, the services' tokens), about 2 minutes.
  ["runtime", "npx", ["vitest", "run", "--project", "runtime"]],
  ["e2e", "npx", ["tsx", "scripts/e2e.ts"]],
];

// One embedded server for the whole run (each stage finds it instead of starting its own).
const server = await resolveServer();
const results: Array<[string, boolean, number]> = [];
async function runStage([name, command, args, env]: Stage) {
  const started = Date.now();
  let ok = true;
  try {
    await runToEnd(name, command, args, { ...process.env, FORCE_COLOR: "0", ...env });
  } catch (error) {
    ok = false;
    console.error(error instanceof Error ? error.message : error);
  }
  results.push([name, ok, Date.now() - started]);
}
for (const stage of stages) {
  const group = typeof stage[0] === "string" ? [stage as Stage] : (stage as Stage[]);
  console.log(`\n=== ${group.map(([name]) => name).join(" + ")} ===`);
  await Promise.all(group.map(runStage));
}
await server.stop();

console.log("\n=== summary ===");
for (const [name, ok, ms] of results)
  console.log(`${ok ? "PASS" : "FAIL"}  ${name.padEnd(28)} ${(ms / 1000).toFixed(1)} s`);
const failed = results.filter(([, ok]) => !ok).length;
console.log(`stages: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
