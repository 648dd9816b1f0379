// npm run check:readonly: the production build on a tree its processes cannot write. As root (the
// CI's user), it checks that the tree is root's and writable by nobody else, makes a DATA_DIR
// owned by `nobody` (with the temporary directory inside), and runs the journeys that sign in,
// import usage, generate drafts, approve, release and deliver, with the console, the local
// services and a delivery worker (running the scheduled jobs) started as `nobody` through setpriv
// (playwright.config.ts, E2E_RUN_AS). Root ignores file modes, so the processes must not be root.
// Then: no process met a refused write, and what they wrote is in DATA_DIR.
// Database, seed and build are the deploy's steps and run as root, as scripts/e2e.ts does them.
//   READONLY_USER (default nobody); E2E_PORT, OIDC_TEST_PORT, E2E_CRM_PORT, E2E_DOCUMENTS_PORT
//   (defaults 3300, 3399, 4310, 4320); extra arguments go to Playwright.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runToEnd } from "./lib/processes";

const started = Date.now();
class CheckFailed extends Error {}
const fail = (message: string): never => {
  throw new CheckFailed(message);
};

if (process.getuid?.() !== 0)
  fail("run it as root: it starts the console as an unprivileged user, which only root can switch to");
const user = process.env.READONLY_USER || "nobody";
const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
if (uid === 0) fail(`${user} is root`);

// The tree must be root's, with nothing in it the user could write, or the check proves nothing.
const tree = process.cwd();
if (fs.statSync(tree).uid !== 0) fail(`${tree} is not owned by root`);
const writable = spawnSync(
  "find",
  [tree, "-xdev", "(", "-perm", "-0002", "-o", "-user", String(uid), ")", "-not", "-type", "l", "-print", "-quit"],
  { encoding: "utf8" },
).stdout.trim();
if (writable) fail(`${writable} is writable by ${user}: the tree must not be`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "billing-readonly-"));
fs.mkdirSync(path.join(dataDir, "tmp"));
execFileSync("chown", ["-R", `${uid}:${gid}`, dataDir]);
fs.chmodSync(dataDir, 0o700);
const logDir = path.join(".data", "readonly-logs");

/** Runs `script` as the user through setpriv; its exit code. */
const asUser = (script: string, ...args: string[]) =>
  spawnSync("setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--", "sh", "-c", script, "sh", ...args])
    .status;

let code = 1;
try {
  // The ground the journeys stand on: the user cannot write the tree, and can write DATA_DIR.
  if (asUser('touch "$1/.readonly-probe" 2>/dev/null', tree) === 0) {
    fs.rmSync(path.join(tree, ".readonly-probe"), { force: true });
    fail(`${user} could write into ${tree}`);
  }
  if (asUser('touch "$1/probe" && rm "$1/probe"', dataDir) !== 0) fail(`${user} cannot write ${dataDir}`);

  const journeys = [
    "finance imports a usage export",
    "regenerating the month with no new usage",
    "finance releases an approved invoice",
  ];
  await runToEnd(
    "e2e",
    "npx",
    [
      "tsx",
      "scripts/e2e.ts",
      "e2e/usage.spec.ts",
      "e2e/drafts.spec.ts",
      "e2e/release.spec.ts",
      "--grep",
      journeys.join("|"),
      ...process.argv.slice(2),
    ],
    {
      ...process.env,
      E2E_RUN_AS: `${uid}:${gid}`,
      E2E_RUNTIME_DATA_DIR: dataDir,
      E2E_DATABASE_NAME: process.env.E2E_DATABASE_NAME || "billing_readonly",
      E2E_LOG_DIR: logDir,
      E2E_PORT: process.env.E2E_PORT || "3300",
      OIDC_TEST_PORT: process.env.OIDC_TEST_PORT || "3399",
      E2E_CRM_PORT: process.env.E2E_CRM_PORT || "4310",
      E2E_DOCUMENTS_PORT: process.env.E2E_DOCUMENTS_PORT || "4320",
      // The worker's inbox job runs every minute here, so the journeys see it write in DATA_DIR.
      JOB_CRON_USAGE_INBOX: "* * * * *",
    },
  );

  // No process met a write it was refused (a failure the journeys did not notice).
  const refused: string[] = [];
  for (const file of fs.readdirSync(logDir).filter((f) => f.endsWith(".log")))
    for (const line of fs.readFileSync(path.join(logDir, file), "utf8").split("\n"))
      if (/EACCES|EROFS|EPERM|permission denied|read-only file system/i.test(line))
        refused.push(`${file}: ${line.slice(0, 300)}`);
  if (refused.length) fail(`refused writes in the logs:\n${refused.slice(0, 20).join("\n")}`);

  // What they wrote is in DATA_DIR, as the user: the services' journals and the inbox's folders.
  const runs = fs
    .readFileSync(path.join(logDir, "worker.log"), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg?: string; job?: string; outcome?: string })
    .filter((entry) => entry.msg === "job run");
  if (!runs.some((run) => run.job === "usage-inbox" && run.outcome === "SUCCESS"))
    fail("the worker's usage-inbox job did not run (see worker.log)");
  const failed = runs.filter((run) => run.outcome !== "SUCCESS").map((run) => run.job);
  if (failed.length) fail(`scheduled jobs failed: ${failed.join(", ")} (see worker.log)`);
  for (const written of ["services/crm", "services/documents", "usage-inbox/done"]) {
    const stat = fs.statSync(path.join(dataDir, written), { throwIfNoEntry: false });
    if (!stat || stat.uid !== uid) fail(`${written} was not written in DATA_DIR by ${user}`);
  }
  code = 0;
  console.log(`[readonly] passed as ${user} (uid ${uid}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  console.error(`[readonly] FAILED: ${error instanceof Error ? error.message : error}`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
