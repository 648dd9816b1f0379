// Small process supervisor for `npm start` and the test runner: children share our stdio with
// a name prefix, and when one exits unexpectedly everything stops.
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";

export interface Supervised {
  name: string;
  child: ChildProcess;
  exited: Promise<number>;
}

const children: Supervised[] = [];

// Prisma warns that the schema's datasource url is unused with a driver adapter; the url is
// still required for `prisma generate` to read the schema, so the warning is expected.
const KNOWN_NOISE = /datasource properties but you are using a Driver Adapter/;

export function run(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { quiet?: boolean } = {},
): Supervised {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  // JSON log lines (pino, with their own service field) pass through as they are, so stdout
  // stays one JSON object a line for a log collector; anything else gets the child's name.
  const prefix = (line: string) => (line.startsWith("{") || line.startsWith(`[${name}]`) ? line : `[${name}] ${line}`);
  for (const stream of [child.stdout, child.stderr]) {
    const rl = readline.createInterface({ input: stream });
    rl.on("line", (line) => {
      if (!options.quiet || (/error|fail|warn/i.test(line) && !KNOWN_NOISE.test(line))) console.log(prefix(line));
    });
  }
  const exited = new Promise<number>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))),
  );
  const entry = { name, child, exited };
  children.push(entry);
  return entry;
}

/** Runs a command to completion; throws with its name when it fails. */
export async function runToEnd(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { quiet?: boolean } = {},
) {
  const { exited } = run(name, command, args, env, options);
  const code = await exited;
  if (code !== 0) throw new Error(`${name} failed (exit code ${code})`);
}

export async function stopAll(signal: NodeJS.Signals = "SIGTERM") {
  const alive = children.filter((c) => c.child.exitCode === null && c.child.signalCode === null);
  for (const c of alive) c.child.kill(signal);
  await Promise.race([Promise.all(alive.map((c) => c.exited)), new Promise((r) => setTimeout(r, 10_000))]);
  for (const c of alive) if (c.child.exitCode === null) c.child.kill("SIGKILL");
}

export async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
