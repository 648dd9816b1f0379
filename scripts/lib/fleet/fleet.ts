// The fleet the check runs: the local CRM and document services, two console instances started
// from one production build (scripts/serve.ts, as npm start serves it) and two delivery workers,
// all against one PostgreSQL database. The instances share the configuration a load balancer's
// instances would: one public address (NEXTAUTH_URL), one NEXTAUTH_SECRET, one
// NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (also given to the build, which embeds it and salts the
// action ids with it); only their ports differ.
import { rmSync } from "node:fs";
import { run, waitForHttp, type Supervised } from "../processes";

export interface FleetPorts {
  a: number;
  b: number;
  crm: number;
  documents: number;
}

export const TOKENS = { crm: "fleet-crm-token", documents: "fleet-documents-token" } as const;

export interface Fleet {
  instances: { a: string; b: string };
  services: { crm: string; documents: string };
  processes: Record<"a" | "b" | "worker1" | "worker2" | "crm" | "documents", Supervised>;
}

/** The environment of the console instances and the workers (the build's, plus the services). */
export function consoleEnv(base: NodeJS.ProcessEnv, ports: FleetPorts): NodeJS.ProcessEnv {
  return {
    ...base,
    NODE_ENV: "production",
    CRM_BASE_URL: `http://127.0.0.1:${ports.crm}`,
    CRM_TOKEN: TOKENS.crm,
    DOCUMENTS_BASE_URL: `http://127.0.0.1:${ports.documents}`,
    DOCUMENTS_TOKEN: TOKENS.documents,
    // A dead holder's claim lapses after 3 x this + 1 s (lib/delivery/policy.ts).
    SERVICE_TIMEOUT_MS: "2000",
    DELIVERY_MAX_ATTEMPTS: "20",
    DELIVERY_BACKOFF_BASE_MS: "100",
    DELIVERY_BACKOFF_MAX_MS: "2000",
    // Every request of the check comes from this machine: record refusals one by one.
    AUDIT_REFUSALS_PER_MINUTE: "10000",
  };
}

export async function startFleet(env: NodeJS.ProcessEnv, ports: FleetPorts, serviceDataDir: string): Promise<Fleet> {
  rmSync(serviceDataDir, { recursive: true, force: true });
  const tsx = (name: string, args: string[], childEnv: NodeJS.ProcessEnv) =>
    run(name, process.execPath, ["--import", "tsx", ...args], childEnv, { quiet: true });
  const services = {
    crm: `http://127.0.0.1:${ports.crm}`,
    documents: `http://127.0.0.1:${ports.documents}`,
  };
  const serviceProcess = (name: "crm" | "documents") =>
    tsx(name, ["services/run.ts", name], {
      ...env,
      PORT: String(ports[name]),
      [name === "crm" ? "CRM_TOKEN" : "DOCUMENTS_TOKEN"]: TOKENS[name],
      SERVICE_DATA_DIR: `${serviceDataDir}/${name}`,
      // A little latency, so that a process killed mid-delivery is killed mid-call.
      [name === "crm" ? "CRM_LATENCY_MS" : "DOCUMENTS_LATENCY_MS"]: "20",
    });
  const crm = serviceProcess("crm");
  const documents = serviceProcess("documents");
  await Promise.all([
    waitForHttp(`${services.crm}/health`, 30_000),
    waitForHttp(`${services.documents}/health`, 30_000),
  ]);
  const instance = (name: string, port: number) => tsx(name, ["scripts/serve.ts", "-p", String(port)], env);
  const a = instance("instance-a", ports.a);
  const b = instance("instance-b", ports.b);
  const worker = (n: number) =>
    tsx(`worker-${n}`, ["scripts/worker.ts"], {
      ...env,
      DELIVERY_WORKER_NAME: `fleet-worker-${n}`,
      DELIVERY_CONCURRENCY: "4",
      DELIVERY_POLL_MS: "200",
      DELIVERY_QUIET: "true",
    });
  const worker1 = worker(1);
  const worker2 = worker(2);
  const instances = { a: `http://127.0.0.1:${ports.a}`, b: `http://127.0.0.1:${ports.b}` };
  await Promise.all([
    waitForHttp(`${instances.a}/api/health`, 180_000),
    waitForHttp(`${instances.b}/api/health`, 180_000),
  ]);
  return { instances, services, processes: { a, b, worker1, worker2, crm, documents } };
}

/** SIGKILL: no shutdown handler runs, connections and claims are left as they are. */
export async function killHard(process: Supervised): Promise<void> {
  process.child.kill("SIGKILL");
  await process.exited;
}
