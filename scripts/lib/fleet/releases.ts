// Releases across the fleet with deaths: approved invoices are released through A and B in turn
// (the release action delivers right after its commit, and the workers take what is pending);
// partway through, instance B and then worker 2 are killed with SIGKILL while they hold work.
// A release whose instance died under it is posted again to A, as a person would press again on
// the page a load balancer now serves from A.
import { db } from "@/lib/db";
import type { Supervised } from "../processes";
import type { ConsoleClient } from "./console-client";
import { killHard } from "./fleet";

export interface ReleaseFindings {
  released: number;
  refused: string[];
  /** Releases posted again to A after B died under them. */
  retriedOnA: number;
  /** Releases posted again after an unexpected error (the message asks the person to try again)… */
  retriedAfterError: number;
  /** …of which the first had committed (the error came after it, while delivering). */
  errorAfterCommit: number;
  killedInstanceInFlight: number;
  killedWorkerClaims: number;
}

/** Waits (up to `ms`) until worker `holder` holds a live claim; returns how many it holds. */
async function claimsHeldBy(holder: string, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const held = await db.delivery.count({
      where: { claimedBy: { startsWith: `${holder}:` }, claimedUntil: { gt: new Date() }, status: "PENDING" },
    });
    if (held > 0 || Date.now() > deadline) return held;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function releaseWithDeaths({
  invoiceIds,
  instances,
  releaseId,
  releaser,
  kill,
  inFlight = 4,
}: {
  invoiceIds: string[];
  instances: { a: string; b: string };
  releaseId: string;
  releaser: ConsoleClient;
  kill: { instance: Supervised; worker: Supervised; workerHolder: string };
  inFlight?: number;
}): Promise<ReleaseFindings> {
  const findings: ReleaseFindings = {
    released: 0,
    refused: [],
    retriedOnA: 0,
    retriedAfterError: 0,
    errorAfterCommit: 0,
    killedInstanceInFlight: 0,
    killedWorkerClaims: 0,
  };
  let bAlive = true;
  let answered = 0;
  const inFlightOnB = new Set<string>();
  const killInstanceAt = Math.floor(invoiceIds.length * 0.3);
  const killWorkerAt = Math.floor(invoiceIds.length * 0.5);
  let killing: Promise<void> | null = null;

  const release = async (invoiceId: string, instance: string) =>
    releaser.action(instance, `/invoices/${invoiceId}`, releaseId, [{ invoiceId }]);

  const queue = invoiceIds.map((id, i) => ({ id, i }));
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const onB = bAlive && next.i % 2 === 1;
        let outcome: Awaited<ReturnType<typeof release>> | null = null;
        try {
          if (onB) inFlightOnB.add(next.id);
          outcome = await release(next.id, onB ? instances.b : instances.a);
        } catch {
          // The instance died under the request (reset, refused): the person presses again, on A.
        } finally {
          inFlightOnB.delete(next.id);
        }
        if (outcome === null || (onB && outcome.status !== 200)) {
          findings.retriedOnA++;
          outcome = await release(next.id, instances.a);
        }
        if (outcome.result?.code === "UNKNOWN") {
          // A transaction that ran out of time on a loaded machine is rolled back; the person presses again.
          findings.retriedAfterError++;
          if (await isReleased(next.id)) findings.errorAfterCommit++;
          outcome = await release(next.id, instances.a);
        }
        const result = outcome.result;
        // Released by the first post, whose answer was lost with B: the second is refused as released.
        if (result?.ok || (result?.code === "INVALID_STATE" && (await isReleased(next.id)))) findings.released++;
        else findings.refused.push(`${next.id}: ${result?.code ?? `http ${outcome.status}`} ${result?.message ?? ""}`);
        answered++;
        if (answered === killInstanceAt && !killing) {
          killing = (async () => {
            // Killed while it has releases in flight (the next ones are posted as this one answered).
            for (let waited = 0; inFlightOnB.size === 0 && waited < 2_000; waited += 10)
              await new Promise((r) => setTimeout(r, 10));
            findings.killedInstanceInFlight = inFlightOnB.size;
            bAlive = false;
            await killHard(kill.instance);
          })();
        }
        if (answered === killWorkerAt) {
          await killing;
          findings.killedWorkerClaims = await claimsHeldBy(kill.workerHolder, 10_000);
          await killHard(kill.worker);
        }
      }
    }),
  );
  return findings;
}

async function isReleased(invoiceId: string) {
  const invoice = await db.invoice.findUnique({ where: { id: invoiceId }, select: { status: true } });
  return invoice?.status === "RELEASED";
}
