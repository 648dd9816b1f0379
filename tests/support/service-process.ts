// A local service (CRM or documents) as its own process, its JSON log lines collected, for
// tests that need the real thing: the request ids it received, tokens it accepts.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

export type ServiceProcess = {
  url: string;
  logs: Array<Record<string, unknown>>;
  child: ChildProcess;
  stop: () => Promise<void>;
};

export async function startServiceProcess(
  name: "crm" | "documents",
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `svc-${name}-`));
  const child = spawn(process.execPath, ["--import", "tsx", "services/run.ts", name], {
    env: { ...process.env, PORT: "0", SERVICE_DATA_DIR: dataDir, LOG_LEVEL: "info", LOG_SERVICE: name, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const logs: Array<Record<string, unknown>> = [];
  let resolveUrl: (url: string) => void = () => {};
  const urlKnown = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    const entry = JSON.parse(line) as Record<string, unknown>;
    logs.push(entry);
    if (entry.msg === "listening" && typeof entry.url === "string") resolveUrl(entry.url);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await Promise.race([
    urlKnown,
    exited.then(() => {
      throw new Error(`the ${name} service exited before listening`);
    }),
  ]);
  return {
    url,
    logs,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
