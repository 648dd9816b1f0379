import path from "node:path";
import { defineConfig } from "vitest/config";
import TimedSequencer from "./tests/support/sequencer";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Domain code is framework-free; the few server-only modules import this guard.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
};

// Tests log at warn and above (the local services log every request at info).
process.env.LOG_LEVEL ??= "warn";

// The integration files that mock modules (vi.mock) or set the environment before their imports
// (vi.hoisted): each needs a module graph of its own.
const ISOLATED = [
  "tests/integration/access-grants.test.ts",
  "tests/integration/request-origin.test.ts",
  "tests/integration/sign-in-entry-points.test.ts",
];
const integration = {
  environment: "node" as const,
  globalSetup: ["tests/support/global-setup.ts"],
  // One database for the run; files run one at a time so tests can reason about it.
  fileParallelism: false,
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  resolve: { alias },
  test: {
    // `--shard=k/n` splits the files by their measured time, not their count (npm test runs the
    // integration tests in halves side by side).
    sequence: { sequencer: TimedSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "components/**/*.test.ts",
            "services/**/*.test.ts",
            "scripts/**/*.test.ts",
            "bench/**/*.test.ts",
            // The journeys' own helpers (Playwright runs only e2e/**/*.spec.ts).
            "e2e/support/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: ISOLATED,
          ...integration,
          // The files share one module graph (the Prisma client, next-auth, the domain) instead of
          // importing it again each: a quarter less CPU. A file that mocks a module or sets the
          // environment before its imports runs in the project below.
          isolate: false,
          setupFiles: ["tests/support/restore-env.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        // After the shared-graph files, never beside them: both use the run's one database.
        test: { name: "integration-isolated", include: ISOLATED, ...integration, sequence: { groupOrder: 1 } },
      },
      {
        resolve: { alias },
        test: {
          // The production runtime for real and at length (secrets rotated under load): its own
          // stage, `npm run test:runtime`.
          name: "runtime",
          include: ["tests/runtime/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
