// The release gate as a model-based test: random sequences of generate, regenerate, edit,
// submit, reject, approve, bulk approve, release, void and credit note, each step by a random
// demo person and sometimes on a stale version, against the real commands and PostgreSQL.
// After every step: the model's prediction equals the database, a refused step changed no row
// and was audited, and no invoice was released without enough approvers from outside its
// history (tests/support/gate-model). `npm run check:gate` runs many more sequences.
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { twoApproverThreshold } from "@/lib/gate/load-for-gate";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { gateViolations, observe } from "../support/gate-model/observe";
import { checkGate } from "../support/gate-model/run";
import { draftInvoice, person } from "../support/invoices";

const RUNS = Number(process.env.GATE_MODEL_RUNS ?? 200);

it(`the gate holds over ${RUNS} random sequences of the real commands by the demo people`, {
  timeout: 600_000,
}, async () => {
  const started = Date.now();
  const result = await checkGate({ numRuns: RUNS, maxCommands: 16 });
  console.log(
    `gate model: ${result.runs} sequences, ${result.steps} steps ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${result.seed})`,
  );
  if (result.failure)
    console.log(
      `counterexample:\n  ${result.failure.steps.join("\n  ")}\n${result.failure.error}\npath ${result.failure.path}`,
    );
  expect(result.failure).toBeNull();
  expect(result.runs).toBe(RUNS);
});

it("the invariant check sees releases without enough approvers or with an insider's approval", async () => {
  const [dual, manager] = [await person("FINANCE", "MANAGER"), await person("MANAGER")];
  const threshold = await twoApproverThreshold();
  /** An invoice submitted by dual and then "released" by writing rows, with these approvers. */
  const forgedRelease = async (amount: bigint, approvers: string[]) => {
    const invoice = await draftInvoice(amount);
    await submitInvoice({ actor: dual, invoiceId: invoice.id, expectedVersion: 1 });
    for (const approverId of approvers)
      await db.approval.create({
        data: { invoiceId: invoice.id, version: 1, contentHash: invoice.contentHash, approverId, decision: "APPROVED" },
      });
    await db.invoice.update({
      where: { id: invoice.id },
      data: { status: "RELEASED", number: `FORGED-${invoice.id}` },
    });
    const [head] = await db.$queryRaw<Array<{ max: bigint }>>`SELECT max(seq) AS max FROM "AuditEvent"`;
    return gateViolations(await observe(invoice.customerId, invoice.month, head!.max), threshold);
  };
  expect(await forgedRelease(1_000n, [manager.id])).toEqual([]);
  expect(await forgedRelease(1_000n, [dual.id])).toEqual([
    expect.stringMatching(new RegExp(`with an approval by ${dual.id}, who invoice.submit it`)),
  ]);
  expect(await forgedRelease(threshold, [manager.id])).toEqual([
    expect.stringMatching(/was released with 1 valid approver\(s\) of version 1; 2 required/),
  ]);
});
