// The fleet check's phases in order, against a running fleet, then the table and the RESULT line.
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { actionsOfPage } from "./action-ids";
import { ConsoleClient } from "./console-client";
import type { FleetData } from "./data";
import type { Fleet } from "./fleet";
import { checkInvoiceNumbers, countDeliveries, waitForDeliveries } from "./outcomes";
import { raceApprovalAgainstEdit } from "./race";
import { releaseWithDeaths } from "./releases";
import { checkSessions } from "./sessions";

const log = (line: string) => console.log(`[fleet] ${line}`);

function need(ids: Map<string, string>, name: string): string {
  const id = ids.get(name);
  if (!id)
    throw new Error(`no server action named ${name} in the page's scripts (found: ${[...ids.keys()].join(", ")})`);
  return id;
}

export async function runChecks({
  fleet,
  origin,
  data,
  startedAt,
}: {
  fleet: Fleet;
  origin: string;
  data: FleetData;
  startedAt: number;
}): Promise<boolean> {
  const { a, b } = fleet.instances;
  const phase = (name: string) => {
    const t = performance.now();
    log(`${name}…`);
    return () => (performance.now() - t) / 1000;
  };

  // 1. Sessions.
  let done = phase("sessions");
  const sessions = await checkSessions(origin, fleet.instances, data.people.sessions.id);
  const sessionsSeconds = done();

  // 2. Server actions: ids as A's pages carry them, accepted by B.
  done = phase("server actions across instances");
  const client = async (userId: string, signInOn: string) => {
    const c = new ConsoleClient(origin);
    await c.signIn(signInOn, userId);
    return c;
  };
  const manager = await client(data.people.manager.id, a);
  const editor = await client(data.people.editor.id, b);
  const releaser = await client(data.people.releaser.id, a);
  const pages = [
    { who: manager, path: `/invoices/${data.raceInvoiceIds[0]}` },
    { who: editor, path: `/invoices/${data.raceInvoiceIds[0]}` },
    { who: releaser, path: `/invoices/${data.approvedInvoiceIds[0]}` },
    { who: releaser, path: `/invoices/${data.draftInvoiceId}` },
  ];
  const onA = new Map<string, string>();
  const onB = new Map<string, string>();
  const buildIds = new Set<string | null>();
  for (const { who, path } of pages) {
    const fromA = await actionsOfPage(who, a, path);
    const fromB = await actionsOfPage(who, b, path);
    for (const [k, v] of fromA.ids) onA.set(k, v);
    for (const [k, v] of fromB.ids) onB.set(k, v);
    buildIds.add(fromA.buildId).add(fromB.buildId);
  }
  const ids = {
    approve: need(onA, "approveInvoiceAction"),
    edit: need(onA, "editInvoiceAction"),
    release: need(onA, "releaseInvoiceAction"),
    submit: need(onA, "submitInvoiceAction"),
  };
  const sameIds = [...onA].every(([k, v]) => onB.get(k) === v) && onA.size === onB.size;
  const submitted = await releaser.action(b, `/invoices/${data.draftInvoiceId}`, ids.submit, [
    { invoiceId: data.draftInvoiceId, expectedVersion: 1 },
  ]);
  const [pageBuildId] = [...buildIds];
  const foreignId = ids.submit.slice(0, -1) + (ids.submit.endsWith("0") ? "1" : "0");
  const foreign = await releaser.action(b, `/invoices/${data.draftInvoiceId}`, foreignId, [
    { invoiceId: data.draftInvoiceId, expectedVersion: 2 },
  ]);
  const cross = {
    actionsFound: onA.size,
    sameIdsOnBoth: sameIds,
    oneBuildId: buildIds.size === 1 && pageBuildId !== null,
    acceptedByB: submitted.result?.ok === true && submitted.buildId === pageBuildId,
    foreignIdRefused: foreign.result === null && foreign.status !== 200,
  };
  const crossOk = cross.sameIdsOnBoth && cross.oneBuildId && cross.acceptedByB && cross.foreignIdRefused;
  const crossSeconds = done();
  if (!cross.acceptedByB) log(`B's answer to A's submit action: ${submitted.status} ${submitted.text.slice(0, 300)}`);

  // 3. The race: approval on A, edit on B, at the same moment.
  done = phase(`race: ${data.raceInvoiceIds.length} runs`);
  const race = await raceApprovalAgainstEdit(data.raceInvoiceIds, fleet.instances, ids, { manager, editor, releaser });
  const raceSeconds = done();

  // 4. Releases with deaths.
  done = phase(`releases: ${data.approvedInvoiceIds.length} through A and B, B and worker 2 killed partway`);
  const releases = await releaseWithDeaths({
    invoiceIds: data.approvedInvoiceIds,
    instances: fleet.instances,
    releaseId: ids.release,
    releaser,
    kill: { instance: fleet.processes.b, worker: fleet.processes.worker2, workerHolder: "fleet-worker-2" },
  });
  const releaseSeconds = done();
  done = phase("waiting for the deliveries");
  const drained = await waitForDeliveries(180_000);
  const deliveries = await countDeliveries(fleet.services, drained);
  done();

  // 5. Numbers and the audit chain.
  const numbers = await checkInvoiceNumbers();
  const chain = await verifyAuditChain();

  const orderings = Object.keys(race.outcomes).length;
  const editFirst = Object.entries(race.outcomes).some(([k, n]) => k.startsWith("edit first") && n > 0);
  const approvalFirst = Object.entries(race.outcomes).some(([k, n]) => k.startsWith("approval") && n > 0);
  const rows = [
    {
      check: "sessions: made on A works on B; sign-out on A ends it on B",
      ok: sessions.ok,
      figures: sessions.checks.map((c) => `${c.ok ? "✓" : "✗"} ${c.check}: ${c.detail}`).join("; "),
    },
    {
      check: "server actions: A's ids accepted by B; a foreign id refused",
      ok: crossOk,
      figures: JSON.stringify(cross),
    },
    {
      check: "race: approval on A vs edit on B (then release)",
      ok: race.violations.length === 0 && race.unexpected.length === 0 && editFirst && approvalFirst,
      figures:
        `${race.runs} runs, ${race.violations.length} violations, ${race.unexpected.length} unexpected; ` +
        JSON.stringify(race.outcomes),
    },
    {
      check: "releases through A and B, B and worker 2 SIGKILLed",
      ok: releases.released === data.approvedInvoiceIds.length && releases.refused.length === 0,
      figures:
        `${releases.released} released, ${releases.retriedOnA} posted again to A after B died, ` +
        `${releases.retriedAfterError} again after an error (${releases.errorAfterCommit} of them already ` +
        `released); B killed with ${releases.killedInstanceInFlight} in flight, worker 2 killed holding ` +
        `${releases.killedWorkerClaims} claim(s)`,
    },
    {
      check: "deliveries: each released invoice once at the CRM and the document service",
      ok: deliveries.duplicates === 0 && deliveries.lost === 0 && deliveries.failedDeliveries === 0,
      figures:
        `${deliveries.released} released: ${deliveries.delivered} once, ${deliveries.duplicates} duplicated, ` +
        `${deliveries.lost} lost, ${deliveries.failedDeliveries} failed; ` +
        `drained ${drained.toFixed(1)} s after the last release`,
    },
    {
      check: "invoice numbers unique and gap-free across instances",
      ok: numbers.gaps === 0 && numbers.duplicates === 0 && numbers.numbers === numbers.counter,
      figures:
        `${numbers.numbers} numbers, counter ${numbers.counter}, ${numbers.gaps} gaps, ` +
        `${numbers.duplicates} duplicates`,
    },
    {
      check: "audit chain intact (written by both instances and both workers)",
      ok: chain.ok,
      figures: `${chain.verified} events`,
    },
  ];
  const passed = rows.every((r) => r.ok);
  console.log("");
  console.table(rows.map((r) => ({ check: r.check, result: r.ok ? "pass" : "FAIL", figures: r.figures })));
  for (const v of race.violations) log(`race violation: ${v.invoiceId} ${v.status}: ${v.why}`);
  for (const u of race.unexpected.slice(0, 10)) log(`race, unexpected answer: ${u}`);
  for (const r of releases.refused.slice(0, 10)) log(`release refused: ${r}`);
  const result = {
    sessions_ok: sessions.ok,
    race_runs: race.runs,
    race_violations: race.violations.length,
    race_orderings: orderings,
    delivered: deliveries.delivered,
    duplicates: deliveries.duplicates,
    lost: deliveries.lost,
    released: deliveries.released,
    release_retries: releases.retriedOnA + releases.retriedAfterError,
    number_gaps: numbers.gaps,
    number_duplicates: numbers.duplicates,
    cross_instance_actions_ok: crossOk,
    audit_chain_ok: chain.ok,
    phases_s: {
      sessions: +sessionsSeconds.toFixed(1),
      actions: +crossSeconds.toFixed(1),
      race: +raceSeconds.toFixed(1),
      releases: +releaseSeconds.toFixed(1),
      drain: +drained.toFixed(1),
    },
    duration_s: +((performance.now() - startedAt) / 1000).toFixed(1),
    passed,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  return passed;
}
