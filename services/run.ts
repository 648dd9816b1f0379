// tsx services/run.ts crm|documents — runs one local service until SIGINT/SIGTERM.
// PORT, CRM_TOKEN / DOCUMENTS_TOKEN (or CRM_TOKEN_FILE / DOCUMENTS_TOKEN_FILE), SERVICE_DATA_DIR
// (default DATA_DIR/services/<name>, the only place a service writes);
// faults from CRM_* / DOCUMENTS_* (see services/lib/http-service.ts faultsFromEnv).
import path from "node:path";
import { LOCAL_SERVICES } from "../lib/services/config";
import { startCrmServer } from "./crm/server";
import { startDocumentsServer } from "./documents/server";
import { faultsFromEnv } from "./lib/http-service";
import { errorFields, logFor } from "../lib/log/logger";
import { dataPath } from "../lib/runtime/data-dir";
import { readSecret } from "../lib/secrets/secret";

const name = process.argv[2];
if (name !== "crm" && name !== "documents") {
  console.error("usage: tsx services/run.ts crm|documents");
  process.exit(2);
}

const env = process.env;
const port = env.PORT ? Number(env.PORT) : LOCAL_SERVICES[name].port;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${env.PORT}"`);
  process.exit(2);
}
const dataDir = path.resolve(env.SERVICE_DATA_DIR || dataPath("services", name));
const host = env.HOST || "127.0.0.1";

const service =
  name === "crm"
    ? await startCrmServer({
        port,
        host,
        dataDir,
        // CRM_TOKEN_FILE (re-read when it changes) or CRM_TOKEN: what the service accepts.
        token: () => readSecret("CRM_TOKEN") || LOCAL_SERVICES.crm.token,
        faults: faultsFromEnv("CRM", env),
      })
    : await startDocumentsServer({
        port,
        host,
        dataDir,
        token: () => readSecret("DOCUMENTS_TOKEN") || LOCAL_SERVICES.documents.token,
        publicUrl: env.DOCUMENTS_PUBLIC_URL || undefined,
        faults: faultsFromEnv("DOCUMENTS", env),
      });

const log = logFor(name);
log.info({ url: service.url }, "listening");

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "closing");
  service.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error(errorFields(error), "close failed");
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
