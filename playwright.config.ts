// End-to-end journeys in Debian's Chromium against the production build. The test runner
// (scripts/e2e.ts, used by `npm test`) prepares the database, builds, and sets these variables.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const oidcPort = Number(process.env.OIDC_TEST_PORT ?? 3199);
export const baseURL = `http://localhost:${port}`;
// The local CRM and document services the console delivers to in the journeys.
export const services = {
  crm: { url: `http://127.0.0.1:${Number(process.env.E2E_CRM_PORT ?? 4110)}`, token: "e2e-crm-token" },
  documents: {
    url: `http://127.0.0.1:${Number(process.env.E2E_DOCUMENTS_PORT ?? 4120)}`,
    token: "e2e-documents-token",
  },
};
const serviceDataDir = process.env.E2E_SERVICE_DATA_DIR ?? ".data/e2e-services";
// The read-only runtime (scripts/check-readonly.ts): E2E_RUN_AS ("uid:gid") runs the console, the
// local services and a delivery worker as that unprivileged user over the tree (which it cannot
// write), with DATA_DIR = E2E_RUNTIME_DATA_DIR and the temporary directory inside it.
const runAs = process.env.E2E_RUN_AS?.match(/^(\d+):(\d+)$/);
const runtimeDataDir = process.env.E2E_RUNTIME_DATA_DIR;
if (process.env.E2E_RUN_AS && !(runAs && runtimeDataDir))
  throw new Error("E2E_RUN_AS must be uid:gid, with E2E_RUNTIME_DATA_DIR");
const asRuntimeUser = runAs ? `setpriv --reuid=${runAs[1]} --regid=${runAs[2]} --clear-groups -- ` : "";
const runtimeEnv: Record<string, string> = runtimeDataDir
  ? { DATA_DIR: runtimeDataDir, TMPDIR: `${runtimeDataDir}/tmp`, HOME: "/nonexistent" }
  : {};
// Every process's JSON log goes to a file here; scripts/e2e.ts scans them for personal data
// and secrets after the run.
// The token a Prometheus scraper presents to /api/metrics in the journeys.
export const metricsToken = "e2e-metrics-token-0123456789";
export const logDir = process.env.E2E_LOG_DIR ?? ".data/e2e-logs";
// Recording a trace of every journey (kept only when it fails) costs about a quarter of the run's
// CPU: the browser encodes a screencast frame and a DOM snapshot at every action. npm test and CI
// record none; a failure is debugged by running its file again with E2E_TRACE=retain-on-failure.
const TRACE_MODES = ["off", "on", "retain-on-failure"] as const;
const trace = (process.env.E2E_TRACE ?? "off") as (typeof TRACE_MODES)[number];
if (!TRACE_MODES.includes(trace)) throw new Error(`E2E_TRACE must be one of ${TRACE_MODES.join(", ")}`);

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // scripts/e2e.ts runs shards side by side, each with its own output folder; the HTML report
  // (one folder) only for a single local run.
  reporter:
    process.env.CI || process.env.E2E_OUTPUT_DIR?.includes("shard")
      ? [["list"]]
      : [["list"], ["html", { open: "never" }]],
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL,
    locale: "en-US",
    trace,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    ...(["crm", "documents"] as const).map((name) => ({
      command: `exec ${asRuntimeUser}node --import tsx services/run.ts ${name} >> "${logDir}/${name}.log"`,
      url: `${services[name].url}/health`,
      reuseExistingServer: false,
      env: {
        PORT: new URL(services[name].url).port,
        [name === "crm" ? "CRM_TOKEN" : "DOCUMENTS_TOKEN"]: services[name].token,
        // Read-only: the services keep their records where they would by default, DATA_DIR/services.
        ...(runtimeDataDir ? runtimeEnv : { SERVICE_DATA_DIR: `${serviceDataDir}/${name}` }),
        LOG_SERVICE: name,
      },
      stdout: "ignore" as const,
    })),
    {
      command: "npx tsx e2e/support/oidc-server.ts",
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      env: { OIDC_TEST_PORT: String(oidcPort), OIDC_TEST_CONSOLE_URL: baseURL },
      stdout: "ignore",
    },
    {
      // The production server with request logging (scripts/serve.ts), as npm start runs it; its
      // JSON log goes to a file for the scan after the run.
      command: `exec ${asRuntimeUser}node --import tsx scripts/serve.ts -p ${port} >> "${logDir}/web.log"`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...(process.env as Record<string, string>),
        NODE_ENV: "production",
        PORT: String(port),
        LOG_SERVICE: "web",
        NEXTAUTH_URL: baseURL,
        OIDC_ISSUER: `http://localhost:${oidcPort}`,
        OIDC_CLIENT_ID: "billing-console",
        OIDC_CLIENT_SECRET: "billing-console-test-secret",
        OIDC_DISPLAY_NAME: "Test SSO",
        OIDC_ROLE_MAP: "billing-finance=FINANCE,billing-approvers=MANAGER,billing-support=SUPPORT,billing-admins=ADMIN",
        CRM_BASE_URL: services.crm.url,
        CRM_TOKEN: services.crm.token,
        DOCUMENTS_BASE_URL: services.documents.url,
        DOCUMENTS_TOKEN: services.documents.token,
        SERVICE_TIMEOUT_MS: "3000",
        // Not the loopback the browser connects from: its X-Forwarded-For must be ignored.
        TRUSTED_PROXIES: "192.0.2.0/24",
        // Every journey's client is this machine: with the limit per address (its own integration
        // test), which refusals are recorded one by one would depend on which journeys run at once.
        AUDIT_REFUSALS_PER_MINUTE: "10000",
        METRICS_TOKEN: metricsToken,
        ...runtimeEnv,
      },
      stdout: "pipe",
    },
    // The read-only check also runs a delivery worker (with the scheduled jobs) as the user.
    ...(runAs
      ? [
          {
            command: `${asRuntimeUser}node --import tsx scripts/worker.ts | tee -a "${logDir}/worker.log"`,
            wait: { stdout: /"msg":"delivering"/ },
            timeout: 120_000,
            env: {
              ...(process.env as Record<string, string>),
              NODE_ENV: "production",
              LOG_SERVICE: "worker",
              DELIVERY_WORKER_NAME: "readonly-worker",
              CRM_BASE_URL: services.crm.url,
              CRM_TOKEN: services.crm.token,
              DOCUMENTS_BASE_URL: services.documents.url,
              DOCUMENTS_TOKEN: services.documents.token,
              ...runtimeEnv,
            },
            stdout: "ignore" as const,
          },
        ]
      : []),
  ],
});
