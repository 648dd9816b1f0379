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
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          // One database for the run; files run one at a time so tests can reason about it.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
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
