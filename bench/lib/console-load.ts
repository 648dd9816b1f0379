// A small closed-loop load generator: `concurrency` users, each issuing its next request as
// soon as the previous one answered, until `requests` have been made (after `warmup`
// unrecorded ones). Used for the pages over HTTP and for their database reference in-process,
// so both are measured the same way.

export interface LoadResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  latenciesMs: number[];
  seconds: number;
}

export async function runLoad({
  concurrency,
  requests,
  warmup,
  task,
}: {
  concurrency: number;
  requests: number;
  warmup: number;
  task: (i: number, user: number) => Promise<void>;
}): Promise<LoadResult> {
  const once = async (total: number, record: boolean) => {
    const latencies: number[] = [];
    const errorSamples: string[] = [];
    let errors = 0;
    let issued = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, user) => {
        while (issued < total) {
          const i = issued++;
          const t = performance.now();
          try {
            await task(i, user);
            if (record) latencies.push(performance.now() - t);
          } catch (error) {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(error instanceof Error ? error.message : String(error));
          }
        }
      }),
    );
    return {
      requests: total,
      errors,
      errorSamples,
      latenciesMs: latencies,
      seconds: (performance.now() - started) / 1000,
    };
  };
  if (warmup > 0) await once(warmup, false);
  return once(requests, true);
}

/** Nearest-rank percentile of unsorted samples (ms, one decimal). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(sorted[rank - 1]! * 10) / 10;
}

/** Signs in through next-auth's demo provider; returns the cookie header of the session. */
export async function signInDemo(baseUrl: string, userId: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map(
    csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!.split("="))
      .map(([k, ...v]) => [k!, v.join("=")]),
  );
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    // As a browser posts it: the console refuses a mutation that names no origin of its own.
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookie(),
      Origin: new URL(baseUrl).origin,
    },
    body: new URLSearchParams({ csrfToken, userId, callbackUrl: `${baseUrl}/`, json: "true" }),
  });
  for (const c of res.headers.getSetCookie()) {
    const [k, ...v] = c.split(";")[0]!.split("=");
    jar.set(k!, v.join("="));
  }
  if (![...jar.keys()].some((k) => k.endsWith("session-token")))
    throw new Error(`demo sign-in of ${userId} failed (${res.status})`);
  return cookie();
}
