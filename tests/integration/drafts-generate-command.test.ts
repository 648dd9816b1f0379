// `npm run drafts:generate -- --month YYYY-MM` as finance runs it: a real process against the
// test database, its output and exit code, then a second run that changes nothing.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rollupUsageLines } from "@/lib/usage/usage-rollup";
import { uniqueSuffix } from "../support/db";

const MONTH = "2036-03";
const root = path.resolve(import.meta.dirname, "../..");

function draftsGenerate(...args: string[]) {
  const run = spawnSync("npx", ["tsx", "scripts/drafts-generate.ts", ...args], {
    cwd: root,
    env: { ...process.env, TZ: process.env.TZ },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A customer with one project in MONTH, a contract, and 10,000 yen of usage. */
async function world() {
  const s = uniqueSuffix();
  const customer = await db.customer.create({
    data: { code: `G${s}`, name: `株式会社生成${s}`, nameKana: "セイセイ" },
  });
  const group = await db.billingGroup.create({
    data: { customerId: customer.id, name: "Default", isDefault: true, recipientName: customer.name },
  });
  const project = `p-cli-${s}`;
  await db.project.create({ data: { id: project, name: project, firstSeenMonth: MONTH } });
  await db.projectAssignment.create({
    data: { projectId: project, customerId: customer.id, billingGroupId: group.id, fromMonth: MONTH },
  });
  await db.pricingContract.create({
    data: { customerId: customer.id, name: "std", fromMonth: MONTH, markupRate: "0", opsFeeRate: "0" },
  });
  const batch = await db.usageBatch.create({
    data: { fileName: "t.csv", format: "GCP_CSV", sha256: randomUUID(), rowCount: 1, months: [], totals: {} },
  });
  await db.$executeRaw`
    INSERT INTO "UsageLine" ("batchId", "lineNo", "invoiceMonth", "billingAccountId", "projectId", "serviceId",
                             "serviceDescription", "skuId", "skuDescription", cost, credits, currency, "usageAmount",
                             "usageUnit")
    VALUES (${batch.id}::uuid, 2, ${MONTH}, 'BA', ${project}, 'COMPUTE', 'Compute Engine', 'core', 'core',
            10000, 0, 'JPY', 1, 'h')`;
  await rollupUsageLines([batch.id]);
  return { customer, group };
}

describe("npm run drafts:generate", () => {
  // Each run is a process that starts TypeScript and checks the migrations: slow on a busy machine.
  it("creates the month's drafts and says how many; a second run finds them unchanged", {
    timeout: 300_000,
  }, async () => {
    const w = await world();
    const others = await db.invoice.count({ where: { month: MONTH } });
    expect(others).toBe(0);

    const first = draftsGenerate("--month", MONTH);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^Drafts for ${MONTH}: 1 created, 0 updated, 0 unchanged, 0 skipped \\(`));
    const draft = await db.invoice.findFirstOrThrow({ where: { month: MONTH, billingGroupId: w.group.id } });
    expect(draft).toMatchObject({ status: "DRAFT", version: 1, subtotalJpy: 10000n });
    const generated = await db.auditEvent.findFirstOrThrow({
      where: { action: "invoice.generate", targetId: draft.id },
    });
    expect(generated.actorEmail).toBe("system:drafts-generate");

    const second = draftsGenerate("--month", MONTH);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^Drafts for ${MONTH}: 0 created, 0 updated, 1 unchanged, 0 skipped`));
    expect(await db.invoice.count({ where: { month: MONTH } })).toBe(1);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).version).toBe(1);
  });

  it("refuses a malformed month with its usage line and exit code 2", { timeout: 120_000 }, () => {
    const run = draftsGenerate("--month", "2036-13");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("usage: npm run drafts:generate -- --month YYYY-MM");
  });
});
