/**
 * Waits `ms`, or less when `signal` aborts; never rejects, so a loop that sleeps between rounds
 * ends at its next check of `signal.aborted` (the worker and the audit schedule).
 */
export function sleepUntilAborted(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
