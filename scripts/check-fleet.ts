// npm run check:fleet [-- --race-runs 100 --releases 200 --port 6100]
// The README's production promise, checked with real processes: several console instances share
// nothing but PostgreSQL. One database (billing_fleet, recreated), one production build
// (.next-fleet), two console instances started from it on two ports, two delivery workers and
// the local CRM and document services. Driven over HTTP as a browser would (demo sign-in, server
// actions with the ids the pages' scripts carry), it checks:
//   - a session made through A works on B, and signing out on A ends it on B;
//   - server action ids learned from A's pages are accepted by B (one build, one key), and an
//     id outside the build is not;
//   - an approval posted to A and an edit posted to B at the same moment (then a release) never
//     leave an invoice approved or released carrying the edited content (--race-runs times);
//   - approved invoices released through both instances while B and one worker are SIGKILLed
//     partway are each delivered exactly once, counted from the services' own records;
//   - invoice numbers are unique and gap-free across both instances; the audit chain is intact.
// Prints a table, then one line `RESULT {json}`; exits 1 when a check fails.
// Ports: A = port, B = port + 1, CRM = port + 2, documents = port + 3.
import { buildIfChanged } from "./lib/build";
import { resolveServer } from "./lib/database";
import { ensurePrismaClient, localSecret, migrate, runtimeEnv } from "./lib/prepare";
import { stopAll } from "./lib/processes";
import { provisionDatabase } from "./lib/roles";
import { consoleEnv, startFleet } from "./lib/fleet/fleet";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RACE_RUNS = arg("race-runs", 100);
const RELEASES = arg("releases", 200);
const PORT = arg("port", Number(process.env.FLEET_PORT ?? 6100));
const ports = { a: PORT, b: PORT + 1, crm: PORT + 2, documents: PORT + 3 };
const DATABASE = process.env.FLEET_DATABASE_NAME ?? "billing_fleet";
const DIST_DIR = process.env.FLEET_DIST_DIR ?? ".next-fleet";
const log = (line: string) => console.log(`[fleet] ${line}`);

const started = performance.now();
const server = await resolveServer({ quiet: true });
let exitCode = 1;
try {
  const database = await provisionDatabase(server.url, DATABASE, { recreate: true });
  // The public address both instances sit behind; a browser's requests name it as their Origin.
  const origin = `http://localhost:${ports.a}`;
  const env: NodeJS.ProcessEnv = {
    ...runtimeEnv(process.env),
    DATABASE_URL: database.url,
    EMBEDDED_DATABASE: "true",
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("nextauth-fleet"),
    // Given to the build (embedded, and the salt of the action ids) and to every instance.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:
      process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??
      Buffer.from(localSecret("fleet-actions-key"), "base64url").toString("base64"),
    NEXT_DIST_DIR: DIST_DIR,
  };
  await ensurePrismaClient(env);
  await migrate({ ...env, DATABASE_MIGRATION_URL: database.migrationUrl });
  Object.assign(process.env, { DATABASE_URL: database.url });
  await buildIfChanged(DIST_DIR, env);

  // Imported once DATABASE_URL names the fleet's database.
  const { prepareData } = await import("./lib/fleet/data");
  const data = await prepareData({ raceRuns: RACE_RUNS, releases: RELEASES });
  log(`data: ${RACE_RUNS} submitted invoices for the race, ${RELEASES} approved ones to release`);

  const fleet = await startFleet(consoleEnv(env, ports), ports, ".data/fleet-services");
  log(
    `fleet up: A ${fleet.instances.a}, B ${fleet.instances.b}, 2 workers, services on ${ports.crm}/${ports.documents}`,
  );
  const { runChecks } = await import("./lib/fleet/run-checks");
  const passed = await runChecks({ fleet, origin, data, startedAt: started });
  exitCode = passed ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  await stopAll();
  await server.stop();
}
process.exit(exitCode);
