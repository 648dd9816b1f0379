// A customer whose drafts bill a billing account's usage, and what is billed per project: for
// the usage import's integration tests.
import { db } from "@/lib/db";
import { uniqueSuffix } from "./db";

export { type Encoding, type ExportRow, decimalOf, exportCsv, writeTemp } from "./usage-export";

/** A billing account of its own, and a customer whose one billing group holds the given projects. */
export async function usageWorld(month: string, projectCount = 2) {
  const s = uniqueSuffix();
  const account = `0F${s.slice(0, 4)}-${s.slice(4, 8)}00-000000`.toUpperCase();
  const customer = await db.customer.create({
    data: { code: `U${s}`, name: `利用実績テスト${s}`, nameKana: "リヨウジッセキテスト" },
  });
  const group = await db.billingGroup.create({
    data: { customerId: customer.id, name: "Default", isDefault: true, recipientName: customer.name },
  });
  const projects = Array.from({ length: projectCount }, (_, i) => `u-${s}-${i}`);
  for (const id of projects) {
    await db.project.create({ data: { id, name: id, firstSeenMonth: "2030-01" } });
    await db.projectAssignment.create({
      data: { projectId: id, customerId: customer.id, billingGroupId: group.id, fromMonth: "2030-01" },
    });
  }
  await db.pricingContract.create({
    data: {
      customerId: customer.id,
      name: "std",
      fromMonth: "2030-01",
      markupRate: "0",
      opsFeeRate: "0",
      opsFeeMinimumJpy: 0n,
      taxRounding: "FLOOR",
      paymentTermsDays: 30,
    },
  });
  return { s, account, month, customer, group, projects };
}

/** What is billed per project for a month: the current usage's cost after credits. */
export async function billedPerProject(projects: readonly string[], month: string) {
  const rows = await db.$queryRaw<Array<{ projectId: string; net: string; rows: number }>>`
    SELECT "projectId", trim_scale(sum(cost + credits))::text AS net, sum(rows)::int AS rows
    FROM "UsageRollup" WHERE "projectId" = ANY(${projects}) AND "invoiceMonth" = ${month} AND current
    GROUP BY 1 ORDER BY 1`;
  return Object.fromEntries(rows.map((r) => [r.projectId, { net: r.net, rows: r.rows }]));
}

/** The same, from the current usage lines themselves (what the project pages list). */
export async function billedLinesPerProject(projects: readonly string[], month: string) {
  const rows = await db.$queryRaw<Array<{ projectId: string; net: string; rows: number }>>`
    SELECT l."projectId", trim_scale(sum(l.cost + l.credits))::text AS net, count(*)::int AS rows
    FROM "UsageLine" l JOIN "UsageBatchScope" s ON s."batchId" = l."batchId"
      AND s."billingAccountId" = l."billingAccountId" AND s."invoiceMonth" = l."invoiceMonth" AND s.state = 'CURRENT'
    WHERE l."projectId" = ANY(${projects}) AND l."invoiceMonth" = ${month}
    GROUP BY 1 ORDER BY 1`;
  return Object.fromEntries(rows.map((r) => [r.projectId, { net: r.net, rows: r.rows }]));
}
