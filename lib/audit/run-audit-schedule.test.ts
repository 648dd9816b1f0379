import { describe, expect, it } from "vitest";
import type { CheckpointOutcome } from "./post-audit-checkpoint";
import { runAuditSchedule } from "./run-audit-schedule";

const posted: CheckpointOutcome = { kind: "empty" };

describe("runAuditSchedule", () => {
  it("checkpoints at start and then every interval, sweeps on its own interval, and stops when asked", async () => {
    const runs: string[] = [];
    const stop = new AbortController();
    const done = runAuditSchedule({
      checkpointEveryMs: 40,
      sweepEveryMs: 25,
      signal: stop.signal,
      checkpoint: async () => {
        runs.push("checkpoint");
        return posted;
      },
      sweep: async () => runs.push("sweep"),
    });
    await new Promise((r) => setTimeout(r, 130));
    stop.abort();
    await done;
    const checkpoints = runs.filter((r) => r === "checkpoint").length;
    const sweeps = runs.filter((r) => r === "sweep").length;
    expect(runs[0]).toBe("checkpoint");
    expect(checkpoints).toBeGreaterThanOrEqual(3);
    expect(checkpoints).toBeLessThanOrEqual(5);
    expect(sweeps).toBeGreaterThanOrEqual(3);
    const after = runs.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(runs.length).toBe(after);
  });

  it("keeps running when a job throws, reports it, and never checkpoints when the interval is 0", async () => {
    const errors: string[] = [];
    let checkpoints = 0;
    const stop = new AbortController();
    const done = runAuditSchedule({
      checkpointEveryMs: 0,
      sweepEveryMs: 10,
      signal: stop.signal,
      checkpoint: async () => {
        checkpoints++;
        return posted;
      },
      sweep: async () => {
        throw new Error("database away");
      },
      onError: (job) => errors.push(job),
    });
    await new Promise((r) => setTimeout(r, 55));
    stop.abort();
    await done;
    expect(checkpoints).toBe(0);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(new Set(errors)).toEqual(new Set(["sweep"]));
  });

  it("tries a failed checkpoint again sooner than the interval, then waits the interval", async () => {
    const outcomes: CheckpointOutcome[] = [{ kind: "failed", error: "503 Injected failure" }, posted, posted];
    let runs = 0;
    const stop = new AbortController();
    const done = runAuditSchedule({
      checkpointEveryMs: 60_000,
      retryAfterFailureMs: 20,
      sweepEveryMs: 60_000,
      signal: stop.signal,
      checkpoint: async () => outcomes[runs++] ?? posted,
      sweep: async () => {},
    });
    await new Promise((r) => setTimeout(r, 120));
    stop.abort();
    await done;
    expect(runs).toBe(2);
  });
});
