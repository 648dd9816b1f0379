// `npm test`: every test: lint, typecheck, unit, integration (real PostgreSQL), runtime, end-to-end
// (Chromium). Unit and integration run a second time under TZ=Asia/Tokyo, so no test (and no code)
// depends on the machine's time zone: the console's servers may run in Japan or in UTC.
//
// CI has 2 cores and 20 minutes, and no single stage keeps both busy: an integration run waits on
// PostgreSQL and on the processes it starts about half the time, a journey on the browser and the
// server in turn. So the stages run in three phases, and inside a phase in lanes side by side
// (a lane runs its stages one after another):
//   1. lint and typecheck | unit, UTC then Tokyo;
//   2. the integration tests in four runs (UTC and Tokyo, each split in two halves by file), each
//      with a database of its own | the journeys' databases and build (at a lower priority, so
//      it fills the gaps the integration runs leave), then the runtime stage;
//   3. the journeys, in two Playwright runs with a console and database each (scripts/e2e.ts).
// Every stage runs even if an earlier one failed; the exit code says whether all passed, and the
// last lines list the stages with their times.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveServer } from "./lib/database";
import { runToEnd } from "./lib/processes";

type Command = [program: string, ...args: string[]];
interface Stage {
  name: string;
  command: Command;
  env?: Record<string, string>;
  /** Runs at a lower CPU priority (nice 10): work that may wait for a core. */
  background?: boolean;
}
type Lane = Stage[];

const TOKYO = { TZ: "Asia/Tokyo" };
const vitest = (project: string, ...args: string[]): Command => ["npx", "vitest", "run", "--project", project, ...args];
const integration = (zone: "UTC" | "Tokyo", half: 1 | 2): Stage => ({
  name: `integration ${half}/2${zone === "Tokyo" ? " (TZ=Asia/Tokyo)" : ""}`,
  command: vitest("integration", "--project", "integration-isolated", `--shard=${half}/2`),
  env: {
    ...(zone === "Tokyo" ? TOKYO : { TZ: "UTC" }),
    // The gate's model test draws random sequences; each zone draws half of the 200 the test
    // runs alone, with seeds of its own, so one npm test still checks 200 (`npm run check:gate`
    // runs thousands).
    GATE_MODEL_RUNS: "100",
    // Roles, advisory locks and pg-boss's schema are per database: each run has its own.
    TEST_DATABASE_NAME: `billing_test${zone === "Tokyo" ? "_tokyo" : ""}${half === 2 ? "_2" : ""}`,
  },
});
// tsc type-checks the whole tree first, so the journeys' build skips its own check.
const e2eEnv = { BUILD_SKIP_TYPECHECK: "true", NEXT_TELEMETRY_DISABLED: "1" };

const phases: Lane[][] = [
  [
    [
      // Formatting, lint and line width first: `biome ci` fails on an unformatted file too.
      {
        name: "lint",
        command: ["sh", "-c", "npx biome ci --error-on-warnings . && npx tsx scripts/check-line-width.ts"],
      },
      { name: "typecheck", command: ["npx", "tsc", "--noEmit"] },
    ],
    [
      { name: "unit", command: vitest("unit"), env: { TZ: "UTC" } },
      { name: "unit (TZ=Asia/Tokyo)", command: vitest("unit"), env: TOKYO },
    ],
  ],
  [
    [integration("UTC", 1)],
    [integration("UTC", 2)],
    [integration("Tokyo", 1)],
    [integration("Tokyo", 2)],
    [
      {
        name: "e2e: databases and build",
        command: ["npx", "tsx", "scripts/e2e.ts", "--prepare"],
        env: e2eEnv,
        background: true,
      },
      // Secrets rotated under load (a database role, the services' tokens).
      { name: "runtime", command: vitest("runtime") },
    ],
  ],
  [[{ name: "e2e", command: ["npx", "tsx", "scripts/e2e.ts", "--prepared"], env: e2eEnv }]],
];

// One embedded server for the whole run (each stage finds it instead of starting its own). Its
// databases are all recreated by the stages, so it need not wait for the disk at each commit.
const server = await resolveServer({ durable: false });
// Each stage runs under bash, whose `times` gives the CPU its processes used (PostgreSQL's is the
// server's, not counted): on 2 cores the run is as fast as its CPU seconds allow.
const timesDir = mkdtempSync(path.join(os.tmpdir(), "test-times-"));
const TIMED = '"$@"; code=$?; times > "$STAGE_TIMES_FILE"; exit $code';
function cpuSeconds(file: string): number {
  try {
    const children = readFileSync(file, "utf8").trim().split("\n")[1] ?? "";
    return [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, [, m, s]) => sum + Number(m) * 60 + Number(s), 0);
  } catch {
    return Number.NaN;
  }
}
const results: Array<{ name: string; ok: boolean; ms: number; cpu: number }> = [];
async function runStage({ name, command, env, background }: Stage, index: number) {
  const started = Date.now();
  let ok = true;
  const timesFile = path.join(timesDir, `${index}`);
  const niced: Command = background ? ["nice", "-n", "10", ...command] : command;
  try {
    await runToEnd(name, "bash", ["-c", TIMED, "stage", ...niced], {
      ...process.env,
      FORCE_COLOR: "0",
      ...env,
      STAGE_TIMES_FILE: timesFile,
    });
  } catch (error) {
    ok = false;
    console.error(error instanceof Error ? error.message : error);
  }
  const ms = Date.now() - started;
  results.push({ name, ok, ms, cpu: cpuSeconds(timesFile) });
  console.log(`[test] ${ok ? "passed" : "FAILED"}: ${name} (${(ms / 1000).toFixed(1)} s)`);
}
const runStarted = Date.now();
// The whole machine's busy and idle CPU (PostgreSQL included), in seconds, from /proc/stat.
function machineCpu(): { busy: number; idle: number } {
  try {
    const [, ...ticks] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).map(Number);
    const [user = 0, nice = 0, system = 0, idleTicks = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = ticks;
    const idle = idleTicks + iowait;
    return { busy: (user + nice + system + irq + softirq + steal) / 100, idle: idle / 100 };
  } catch {
    return { busy: Number.NaN, idle: Number.NaN };
  }
}
let stageCount = 0;
for (const lanes of phases) {
  console.log(`\n=== ${lanes.map((lane) => lane.map((s) => s.name).join(" → ")).join(" | ")} ===`);
  const phaseStarted = Date.now();
  const cpuBefore = machineCpu();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const stage of lane) await runStage(stage, stageCount++);
    }),
  );
  const cpuAfter = machineCpu();
  console.log(
    `[test] phase took ${((Date.now() - phaseStarted) / 1000).toFixed(0)} s; the machine was busy ` +
      `${(cpuAfter.busy - cpuBefore.busy).toFixed(0)} CPU s, idle ${(cpuAfter.idle - cpuBefore.idle).toFixed(0)} s`,
  );
}
await server.stop();
rmSync(timesDir, { recursive: true, force: true });

console.log("\n=== summary ===");
console.log(`      ${"stage".padEnd(36)} ${"wall".padStart(8)} ${"cpu".padStart(8)}`);
const seconds = (value: number, digits: number) => `${value.toFixed(digits).padStart(6)} s`;
for (const { name, ok, ms, cpu } of results)
  console.log(`${ok ? "PASS" : "FAIL"}  ${name.padEnd(36)} ${seconds(ms / 1000, 1)} ${seconds(cpu, 0)}`);
const failed = results.filter(({ ok }) => !ok).length;
console.log(
  `stages: ${results.length - failed} passed, ${failed} failed, in ${((Date.now() - runStarted) / 1000).toFixed(0)} s`,
);
process.exit(failed ? 1 : 0);
