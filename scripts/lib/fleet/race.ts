// The gate across instances: for each submitted invoice, a manager's approval is posted to A and
// finance's edit to B at the same moment; as soon as the approval is accepted, a release is
// posted too (to A or B in turn), racing the edit. Whatever the order the database serialises
// them in, the invoice must never end approved or released carrying the edited content, nor
// with an approval that does not match its current version and content.
import { db } from "@/lib/db";
import type { ConsoleClient } from "./console-client";

export interface RaceFindings {
  runs: number;
  violations: Array<{ invoiceId: string; status: string; why: string }>;
  /** How each run came out: which request the database took first, and what followed. */
  outcomes: Record<string, number>;
  /** Answers that were neither a success nor one of the refusals a race explains. */
  unexpected: string[];
}

interface RaceClients {
  manager: ConsoleClient;
  editor: ConsoleClient;
  releaser: ConsoleClient;
}

async function raceOnce(
  invoiceId: string,
  run: number,
  instances: { a: string; b: string },
  ids: { approve: string; edit: string; release: string },
  clients: RaceClients,
) {
  const page = `/invoices/${invoiceId}`;
  const marker = `fleet race ${run}: edited on B`;
  const releaseOn = run % 2 === 0 ? instances.a : instances.b;
  const approveThenRelease = async () => {
    const approve = await clients.manager.action(instances.a, page, ids.approve, [{ invoiceId, expectedVersion: 1 }]);
    const release = approve.result?.ok
      ? await clients.releaser.action(releaseOn, page, ids.release, [{ invoiceId }])
      : null;
    return { approve, release };
  };
  const [{ approve, release }, edit] = await Promise.all([
    approveThenRelease(),
    clients.editor.action(instances.b, page, ids.edit, [
      { invoiceId, expectedVersion: 1, changes: { notesPrinted: marker } },
    ]),
  ]);
  return { approve, release, edit, marker };
}

export async function raceApprovalAgainstEdit(
  invoiceIds: string[],
  instances: { a: string; b: string },
  ids: { approve: string; edit: string; release: string },
  clients: RaceClients,
  parallel = 4,
): Promise<RaceFindings> {
  const findings: RaceFindings = { runs: 0, violations: [], outcomes: {}, unexpected: [] };
  const tally = (key: string) => {
    findings.outcomes[key] = (findings.outcomes[key] ?? 0) + 1;
  };
  const queue = invoiceIds.map((id, run) => ({ id, run }));
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { approve, release, edit, marker } = await raceOnce(next.id, next.run, instances, ids, clients);
        findings.runs++;
        const code = (o: typeof approve | null) =>
          o === null ? "-" : o.result?.ok ? "ok" : (o.result?.code ?? `http ${o.status}`);
        const [a, r, e] = [code(approve), code(release), code(edit)];
        // Expected losers: the approval of a version the edit replaced (CONFLICT), the edit of an
        // invoice already released (INVALID_STATE), the release of one the edit sent back (INVALID_STATE).
        if (!["ok", "CONFLICT"].includes(a)) findings.unexpected.push(`approve ${next.id}: ${a}`);
        if (!["ok", "INVALID_STATE"].includes(e)) findings.unexpected.push(`edit ${next.id}: ${e}`);
        if (!["ok", "INVALID_STATE", "-"].includes(r)) findings.unexpected.push(`release ${next.id}: ${r}`);
        tally(
          a === "CONFLICT"
            ? "edit first; approval refused (stale version)"
            : r === "ok"
              ? "approval, release, then edit refused"
              : "approval first; the edit sent it back",
        );

        const invoice = await db.invoice.findUniqueOrThrow({
          where: { id: next.id },
          select: { status: true, version: true, contentHash: true, notesPrinted: true, approvals: true },
        });
        if (invoice.status !== "APPROVED" && invoice.status !== "RELEASED") continue;
        const valid = invoice.approvals.filter(
          (x) => x.voidedAt === null && x.version === invoice.version && x.contentHash === invoice.contentHash,
        );
        const why =
          invoice.notesPrinted === marker
            ? "carries the edited content"
            : valid.length === 0
              ? "no approval matches its version and content"
              : null;
        if (why) findings.violations.push({ invoiceId: next.id, status: invoice.status, why });
      }
    }),
  );
  return findings;
}
