// The console benchmark's data set, written straight into a migrated database with set-based
// SQL (the importer and draft generation have their own benchmark): customers with Japanese
// names, three projects each, a default billing group and contract, 24 months of usage rows
// (one batch per month), invoices built from that usage (lines by project and service with
// their SKU detail, an operations fee, tax), released with approvals and deliveries except
// the last month, which is the month's drafts; and the audit log those invoices would have
// written, as a valid hash chain (so the audit page and the chain check see a real log).
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { GENESIS_HASH, chainHash, type ChainedFields } from "@/lib/audit/hash-chain";
import { normalizeForSearch } from "@/lib/lookup/normalize";
import { DEMO_USERS } from "@/prisma/seed/users";
import { BILLING_ACCOUNTS, ISSUER } from "@/prisma/seed/demo-data";
import { INDUSTRIES, LEGAL_FORMS, NAME_STEMS } from "@/prisma/seed/names";

export interface ConsoleSeedOptions {
  customers: number;
  projectsPerCustomer: number;
  months: string[];
}

export interface ConsoleSeedSummary {
  customers: number;
  projects: number;
  months: number;
  usageLines: number;
  invoices: number;
  invoiceLines: number;
  auditEvents: number;
  seconds: number;
}

// A city in front of stem + industry gives enough distinct names (22 x 12 x 8 = 2,112).
const CITIES = [
  ["札幌", "サッポロ", "Sapporo"],
  ["仙台", "センダイ", "Sendai"],
  ["東京", "トウキョウ", "Tokyo"],
  ["横浜", "ヨコハマ", "Yokohama"],
  ["名古屋", "ナゴヤ", "Nagoya"],
  ["京都", "キョウト", "Kyoto"],
  ["大阪", "オオサカ", "Osaka"],
  ["神戸", "コウベ", "Kobe"],
  ["広島", "ヒロシマ", "Hiroshima"],
  ["福岡", "フクオカ", "Fukuoka"],
  ["那覇", "ナハ", "Naha"],
  ["金沢", "カナザワ", "Kanazawa"],
  ["新潟", "ニイガタ", "Niigata"],
  ["静岡", "シズオカ", "Shizuoka"],
  ["岡山", "オカヤマ", "Okayama"],
  ["熊本", "クマモト", "Kumamoto"],
  ["松山", "マツヤマ", "Matsuyama"],
  ["高松", "タカマツ", "Takamatsu"],
  ["長野", "ナガノ", "Nagano"],
  ["千葉", "チバ", "Chiba"],
  ["埼玉", "サイタマ", "Saitama"],
  ["川崎", "カワサキ", "Kawasaki"],
] as const;

const ENVS = ["prod", "stg", "dev", "analytics", "batch", "web"] as const;

const SKUS = [
  ["6F81-5844-456A", "Compute Engine", "2E27-4F75-95CD", "N2 Instance Core running in Tokyo", "seconds"],
  ["6F81-5844-456A", "Compute Engine", "5C8A-2B9C-1F1E", "N2 Instance Ram running in Tokyo", "byte-seconds"],
  ["95FF-2EF5-5EA1", "Cloud Storage", "E5F0-6A5D-7BAD", "Standard Storage Tokyo", "gibibyte month"],
  ["95FF-2EF5-5EA1", "Cloud Storage", "9E26-A5D8-4F3B", "Download APAC", "gibibytes"],
  ["24E6-581D-38E5", "BigQuery", "3362-E469-6BEF", "Analysis (asia-northeast1)", "tebibytes"],
  ["24E6-581D-38E5", "BigQuery", "B7A1-3C0E-9D4E", "Active Logical Storage", "gibibyte month"],
  ["9662-B51E-5089", "Cloud SQL", "A1B2-C3D4-E5F6", "Cloud SQL for PostgreSQL: Zonal - vCPU in Tokyo", "seconds"],
  ["9662-B51E-5089", "Cloud SQL", "F6E5-D4C3-B2A1", "Cloud SQL for PostgreSQL: Zonal - RAM in Tokyo", "byte-seconds"],
] as const;

/** A month's usage invoice lines, one per invoice, project and service, with their SKUs' detail. */
const USAGE_INVOICE_LINES_SQL = `
  INSERT INTO "InvoiceLine" (id, "invoiceId", position, kind, computed, "projectId", "serviceId",
         "serviceDescription", description, quantity, unit, "unitPriceJpy", "amountJpy", "taxRate", "sourceCost",
         "sourceCurrency", "fxRate", "skuDetail")
       SELECT gen_random_uuid(), i.id,
              row_number() OVER (PARTITION BY i.id ORDER BY u."projectId", u."serviceId")::int, 'USAGE',
              jsonb_build_object('amountJpy', u.amount::text, 'description', u.description),
              u."projectId", u."serviceId", u.description, u.description, 1, '式', u.amount, u.amount, 'STANDARD_10',
              u.net, 'JPY', 1, u.skus
       FROM (SELECT "invoiceMonth", "projectId", "serviceId", max("serviceDescription") AS description,
                    sum(cost + credits) AS net, round(sum(cost + credits) * 1.08)::bigint AS amount,
                    jsonb_agg(jsonb_build_object('skuId', "skuId", 'description', "skuDescription",
                                                 'cost', cost::text, 'credits', credits::text,
                                                 'usageAmount', "usageAmount"::text, 'unit', "usageUnit", 'rows', 1)
                              ORDER BY "skuId") AS skus
             FROM "UsageLine" GROUP BY 1, 2, 3) u
       JOIN "ProjectAssignment" a ON a."projectId" = u."projectId"
       JOIN "Invoice" i ON i."billingGroupId" = a."billingGroupId" AND i.month = u."invoiceMonth"`;

/** Four digits of a made-up phone number, from 1000 to 9999. */
const phoneDigits = (n: number) => String(1000 + (n % 9000)).padStart(4, "0");

export function customerRows(count: number) {
  const cores = NAME_STEMS.flatMap((stem) => INDUSTRIES.map((industry) => [stem, industry] as const));
  if (count > cores.length * CITIES.length)
    throw new Error(`at most ${cores.length * CITIES.length} distinct customer names`);
  return Array.from({ length: count }, (_, i) => {
    const [stem, industry] = cores[i % cores.length]!;
    const city = CITIES[Math.floor(i / cores.length)]!;
    const form = LEGAL_FORMS[i % 13 < 6 ? 0 : i % 13 < 11 ? 1 : i % 13 === 11 ? 2 : 3];
    const core = `${city[0]}${stem[0]}${industry[0]}`;
    const code = `C${String(i + 1).padStart(5, "0")}`;
    const name = form[2] ? `${form[0]}${core}` : `${core}${form[0]}`;
    const nameKana = `${city[1]}${stem[1]}${industry[1]}`;
    const nameLatin = `${city[2]} ${stem[2]} ${industry[2]} ${form[1]}`;
    const slug = `${city[2]}-${stem[2]}-${industry[2]}`
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    return {
      id: randomUUID(),
      code,
      name,
      nameKana,
      nameLatin,
      slug,
      searchText: normalizeForSearch(`${name} ${nameKana} ${nameLatin} ${code}`),
      contactEmail: `keiri@${slug}.example.jp`,
      contactPhone: `03-${phoneDigits(i)}-${phoneDigits(i * 7)}`,
      bankDetails: `みずほ銀行 ${city[0]}支店 普通 ${String(1000000 + i * 37).slice(0, 7)}`,
      account: BILLING_ACCOUNTS[i % 17 === 0 ? 3 : i % 5 === 0 ? 1 : i % 11 === 0 ? 2 : 0]!.id,
    };
  });
}

async function copyRows(client: pg.Client, table: string, columns: string[], rows: Iterable<Array<string | null>>) {
  const copyText = (v: string | null) =>
    v === null ? "\\N" : v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => stream.on("finish", resolve).on("error", reject));
  let buffer = "";
  for (const row of rows) {
    buffer += `${row.map(copyText).join("\t")}\n`;
    if (buffer.length > 1 << 20) {
      if (!stream.write(buffer)) await new Promise((r) => stream.once("drain", r));
      buffer = "";
    }
  }
  stream.end(buffer);
  await done;
}

/** Seeds an empty, migrated database. Returns what it wrote. */
export async function seedConsoleBench(
  url: string,
  options: ConsoleSeedOptions,
  log: (line: string) => void = console.log,
): Promise<ConsoleSeedSummary> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    const r = await client.query(sql, params);
    log(`  ${label}: ${r.rowCount ?? 0} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };
  const { months } = options;
  const lastMonth = months.at(-1)!;
  // The big tables' secondary indexes are built once at the end, not row by row (at ten times
  // the data, 12 million usage lines and rollups, 6 million invoice lines, 3 million events).
  const indexed = ["UsageLine", "UsageRollup", "InvoiceLine", "AuditEvent", "Invoice", "Delivery", "Approval"];
  try {
    await client.query(`SET work_mem = '128MB'`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`SET synchronous_commit = off`);
    const deferred = (
      await client.query<{ name: string; def: string }>(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes
         WHERE schemaname = current_schema() AND tablename = ANY($1) AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
        [indexed],
      )
    ).rows;
    for (const { name } of deferred) await client.query(`DROP INDEX "${name}"`);
    // People, settings, billing accounts.
    for (const u of DEMO_USERS)
      await client.query(
        `INSERT INTO "User" (id, email, name, roles, "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3::"Role"[], now())`,
        [u.email, u.name, u.roles],
      );
    const userId = async (email: string) =>
      (await client.query<{ id: string }>(`SELECT id::text FROM "User" WHERE email = $1`, [email])).rows[0]!.id;
    const finance = { id: await userId("finance@demo.local"), email: "finance@demo.local" };
    const manager = { id: await userId("manager@demo.local"), email: "manager@demo.local" };
    for (const [key, value] of [
      ["issuer", ISSUER],
      ["gate.twoApproverThresholdJpy", "5000000"],
      ["invoice.numberPrefix", "INV"],
      ["drafts.flagChangeShare", "0.3"],
    ] as const) {
      await client.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())`, [
        key,
        JSON.stringify(value),
      ]);
    }
    for (const a of BILLING_ACCOUNTS)
      await client.query(`INSERT INTO "BillingAccount" (id, name) VALUES ($1, $2)`, [a.id, a.name]);

    // Customers, their default billing group and contract, their projects and assignments.
    const customers = customerRows(options.customers);
    await copyRows(
      client,
      "Customer",
      [
        "id",
        "code",
        "name",
        "nameKana",
        "nameLatin",
        "searchText",
        "postalCode",
        "address",
        "contactName",
        "contactEmail",
        "contactPhone",
        "bankDetails",
        "updatedAt",
      ],
      customers.map((c) => [
        c.id,
        c.code,
        c.name,
        c.nameKana,
        c.nameLatin,
        c.searchText,
        "100-0005",
        "東京都千代田区丸の内1-1-1",
        "経理 担当",
        c.contactEmail,
        c.contactPhone,
        c.bankDetails,
        new Date().toISOString(),
      ]),
    );
    log(`  customers: ${customers.length}`);
    await step(
      "billing groups",
      `INSERT INTO "BillingGroup" (id, "customerId", name, "isDefault", "recipientName", "recipientDept")
       SELECT gen_random_uuid(), id, 'Default', true, name, '経理部'
       FROM "Customer"`,
    );
    await step(
      "contracts",
      `INSERT INTO "PricingContract"
         (id, "customerId", name, "fromMonth", "markupRate", "opsFeeRate", "opsFeeMinimumJpy")
       SELECT gen_random_uuid(), id, '標準契約', $1, 0.08, 0.1, 30000
       FROM "Customer"`,
      [months[0]],
    );
    const projects = customers.flatMap((c, i) =>
      Array.from({ length: options.projectsPerCustomer }, (_, k) => ({
        id: `${c.slug}-${ENVS[k % ENVS.length]}-${String(i + 1).padStart(4, "0")}${k >= ENVS.length ? `-${k}` : ""}`,
        customerId: c.id,
        account: c.account,
      })),
    );
    await copyRows(
      client,
      "Project",
      ["id", "name", "billingAccountId", "firstSeenMonth"],
      projects.map((p) => [p.id, p.id, p.account, months[0]!]),
    );
    log(`  projects: ${projects.length}`);
    await client.query(
      `CREATE TEMP TABLE bench_project_customer (project_id text PRIMARY KEY, customer_id uuid, n int)`,
    );
    await copyRows(
      client,
      "bench_project_customer",
      ["project_id", "customer_id", "n"],
      projects.map((p, n) => [p.id, p.customerId, String(n)]),
    );
    await step(
      "assignments",
      `INSERT INTO "ProjectAssignment" (id, "projectId", "customerId", "billingGroupId", "fromMonth")
       SELECT gen_random_uuid(), x.project_id, x.customer_id, g.id, $1
       FROM bench_project_customer x
       JOIN "BillingGroup" g ON g."customerId" = x.customer_id`,
      [months[0]],
    );

    // Usage: one batch per month, one row per project, month and SKU.
    await client.query(`CREATE TEMP TABLE bench_month (month text PRIMARY KEY, idx int, batch_id uuid)`);
    for (const [idx, month] of months.entries()) {
      const batchId = randomUUID();
      await client.query(`INSERT INTO bench_month VALUES ($1, $2, $3)`, [month, idx, batchId]);
      await client.query(
        `INSERT INTO "UsageBatch"
           (id, "fileName", format, sha256, "rowCount", months, totals, source, "importedById", "importedAt")
         VALUES ($1::uuid, $2, 'GCP_CSV', $6, $3, ARRAY[$4::text], '{}'::jsonb, 'bench', $5::uuid,
                 ($4::text || '-01')::date + interval '1 month 1 day')`,
        [
          batchId,
          `gcp-billing-export-${month}.csv`,
          projects.length * SKUS.length,
          month,
          finance.id,
          createHash("sha256").update(`bench:${month}:${batchId}`).digest("hex"),
        ],
      );
    }
    await client.query(
      `CREATE TEMP TABLE bench_sku
         (k int, service_id text, service_description text, sku_id text, sku_description text, unit text)`,
    );
    for (const [k, s] of SKUS.entries())
      await client.query(`INSERT INTO bench_sku VALUES ($1, $2, $3, $4, $5, $6)`, [k, ...s]);
    // Invoices: one per customer and month; released except the last month (the drafts).
    await step(
      "invoices",
      `INSERT INTO "Invoice" (id, kind, status, version, "contentHash", "billingGroupId", "customerId", month,
                              "contractId", "recipientName", "recipientDept", "dueDate", flags,
                              number, "issueDate", issuer, "generatedAt", "submittedById", "submittedAt",
                              "releasedById", "releasedAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), 'INVOICE',
              (CASE WHEN m.month <> $1 THEN 'RELEASED'
                    WHEN right(c.code, 1) = '3' THEN 'APPROVED'
                    WHEN right(c.code, 1) = '7' THEN 'SUBMITTED'
                    ELSE 'DRAFT' END)::"InvoiceStatus",
              1, md5(c.id::text || m.month), g.id, c.id, m.month, k.id, c.name, '経理部',
              (m.month || '-01')::date + interval '2 month' - interval '1 day', '{}',
              CASE WHEN m.month = $1 THEN NULL
                ELSE 'INV-' || left(m.month, 4) || '-'
                  || lpad((row_number() OVER (PARTITION BY left(m.month, 4) ORDER BY m.month, c.code))::text, 6, '0')
              END,
              CASE WHEN m.month = $1 THEN NULL ELSE (m.month || '-01')::date + interval '1 month 4 days' END,
              CASE WHEN m.month = $1 THEN NULL ELSE $2::jsonb END,
              (m.month || '-01')::timestamptz + interval '1 month 1 day 1 hour',
              CASE WHEN m.month <> $1 OR right(c.code, 1) IN ('3', '7') THEN $3::uuid END,
              CASE WHEN m.month <> $1 THEN (m.month || '-01')::timestamptz + interval '1 month 2 days'
                   WHEN right(c.code, 1) IN ('3', '7')
                     THEN (m.month || '-01')::timestamptz + interval '1 month 1 day 2 hours' END,
              CASE WHEN m.month = $1 THEN NULL ELSE $3::uuid END,
              CASE WHEN m.month = $1 THEN NULL ELSE (m.month || '-01')::timestamptz + interval '1 month 4 days' END,
              (m.month || '-01')::timestamptz + interval '1 month 1 day 1 hour', now()
       FROM "Customer" c
       JOIN "BillingGroup" g ON g."customerId" = c.id
       JOIN "PricingContract" k ON k."customerId" = c.id
       CROSS JOIN bench_month m`,
      [lastMonth, JSON.stringify(ISSUER), finance.id],
    );
    // Usage, a month at a time through a small temporary table (its lines, their rollup and the
    // month's usage invoice lines are each written from it): one statement over all 24 months
    // sorted twelve million rows twice, for the rollup and for the invoice lines.
    await client.query(`CREATE TEMP TABLE bench_usage (LIKE "UsageLine")`);
    const usageStarted = performance.now();
    for (const month of months) {
      await client.query(`TRUNCATE bench_usage`);
      await client.query(
        `INSERT INTO bench_usage ("batchId", "lineNo", "invoiceMonth", "billingAccountId", "projectId",
           "projectName", "serviceId", "serviceDescription", "skuId", "skuDescription", "usageStart", "usageEnd",
           region, cost, credits, currency, "conversionRate", "usageAmount", "usageUnit", "costType")
         SELECT m.batch_id, x.n * ${SKUS.length} + s.k, m.month, p."billingAccountId", p.id, p.name,
                s.service_id, s.service_description, s.sku_id, s.sku_description,
                (m.month || '-01')::timestamptz, ((m.month || '-01')::date + interval '1 month')::timestamptz,
                'asia-northeast1',
                round((abs(hashtext(p.id || m.month || s.sku_id)) % 4000000)::numeric / 100 + 200, 6),
                CASE WHEN abs(hashtext(p.id || s.sku_id)) % 9 = 0
                  THEN -round((abs(hashtext(m.month || p.id)) % 200000)::numeric / 100, 6) ELSE 0 END,
                'JPY', 1, (abs(hashtext(s.sku_id || p.id || m.month)) % 1000000)::numeric, s.unit, 'regular'
         FROM bench_project_customer x
         JOIN "Project" p ON p.id = x.project_id
         JOIN bench_month m ON m.month = $1
         CROSS JOIN bench_sku s`,
        [month],
      );
      await client.query(`INSERT INTO "UsageLine" SELECT * FROM bench_usage`);
      // One line per project, month and SKU: each rollup row is one line (rows = 1), as the
      // import's grouping (ROLLUP_FROM_LINES_SQL) would write it.
      await client.query(
        `INSERT INTO "UsageRollup" ("batchId", "billingAccountId", "invoiceMonth", "projectId", "serviceId",
           "serviceDescription", currency, "skuId", "skuDescription", "usageUnit", cost, credits, "usageAmount", rows)
         SELECT "batchId", "billingAccountId", "invoiceMonth", "projectId", "serviceId", "serviceDescription",
                currency, "skuId", "skuDescription", "usageUnit", cost, credits, "usageAmount", 1
         FROM bench_usage`,
      );
      // Each batch's (billing account, month) scope is the current one, as the import records it.
      await client.query(
        `INSERT INTO "UsageBatchScope" ("batchId", "billingAccountId", "invoiceMonth", state, rows)
         SELECT "batchId", "billingAccountId", "invoiceMonth", 'CURRENT', count(*)::int
         FROM bench_usage GROUP BY 1, 2, 3`,
      );
      await client.query(USAGE_INVOICE_LINES_SQL.replace('"UsageLine"', "bench_usage"));
    }
    log(
      `  usage lines, rollup and usage invoice lines: ${months.length} months in ${(
        (performance.now() - usageStarted) / 1000
      ).toFixed(1)} s`,
    );

    await step(
      "operations fee lines",
      `INSERT INTO "InvoiceLine" (id, "invoiceId", position, kind, computed, description, quantity, unit,
                                  "unitPriceJpy", "amountJpy", "taxRate")
       SELECT gen_random_uuid(), l."invoiceId", max(l.position) + 1, 'OPS_FEE',
              jsonb_build_object('amountJpy', greatest(30000, round(sum(l."amountJpy") * 0.1))::bigint::text),
              '運用保守費', 1, '式',
              greatest(30000, round(sum(l."amountJpy") * 0.1)),
              greatest(30000, round(sum(l."amountJpy") * 0.1))::bigint, 'STANDARD_10'
       FROM "InvoiceLine" l GROUP BY l."invoiceId"`,
    );
    await step(
      "invoice totals",
      `UPDATE "Invoice" i
       SET "subtotalJpy" = s.sub, "taxJpy" = floor(s.sub * 0.1)::bigint,
           "totalJpy" = s.sub + floor(s.sub * 0.1)::bigint,
           "taxBreakdown" = jsonb_build_array(jsonb_build_object(
             'taxRate', 'STANDARD_10', 'baseJpy', s.sub::text, 'taxJpy', floor(s.sub * 0.1)::bigint::text))
       FROM (SELECT "invoiceId", sum("amountJpy")::bigint AS sub FROM "InvoiceLine" GROUP BY 1) s
       WHERE s."invoiceId" = i.id`,
    );
    await step(
      "previous totals",
      `UPDATE "Invoice" i
       SET "previousTotalJpy" = p.prev
       FROM (SELECT id, lag("totalJpy") OVER (PARTITION BY "billingGroupId" ORDER BY month) AS prev FROM "Invoice") p
       WHERE p.id = i.id AND p.prev IS NOT NULL`,
    );
    await step(
      "versions",
      `INSERT INTO "InvoiceVersion" (id, "invoiceId", version, cause, "contentHash", snapshot, "createdAt")
       SELECT gen_random_uuid(), id, 1, 'generated', "contentHash", '{}'::jsonb, "generatedAt"
       FROM "Invoice"`,
    );
    await step(
      "approvals",
      `INSERT INTO "Approval" (id, "invoiceId", version, "contentHash", "approverId", decision, "createdAt")
       SELECT gen_random_uuid(), id, 1, "contentHash", $1, 'APPROVED',
              "submittedAt" + CASE WHEN status = 'APPROVED' THEN interval '1 hour' ELSE interval '1 day' END
       FROM "Invoice"
       WHERE status IN ('RELEASED', 'APPROVED')`,
      [manager.id],
    );
    await step(
      "deliveries",
      `INSERT INTO "Delivery" (id, "invoiceId", service, status, "idempotencyKey", attempts, "lastHttpStatus",
                               "externalId", "sentAt", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), i.id, s.service::"DeliveryService", 'SENT', i.id::text || ':' || s.service, 1, 201,
              lower(s.service) || '-' || i.number, i."releasedAt", i."releasedAt", i."releasedAt"
       FROM "Invoice" i CROSS JOIN (VALUES ('DOCUMENTS'), ('CRM')) s(service)
       WHERE i.status = 'RELEASED'`,
    );

    // The audit log those invoices would have written, in time order, as a hash chain.
    const t = performance.now();
    const batches = (
      await client.query<{ id: string; month: string; importedAt: Date; rowCount: number }>(
        `SELECT id::text, months[1] AS month, "importedAt", "rowCount" FROM "UsageBatch" ORDER BY "importedAt"`,
      )
    ).rows;
    const invoices = (
      await client.query<{
        id: string;
        month: string;
        status: string;
        totalJpy: string;
        number: string | null;
        contentHash: string;
        generatedAt: Date;
        submittedAt: Date | null;
        releasedAt: Date | null;
        lines: number;
      }>(
        `SELECT i.id::text, i.month, i.status::text, i."totalJpy"::text AS "totalJpy", i.number, i."contentHash",
                i."generatedAt", i."submittedAt", i."releasedAt",
                coalesce(l.n, 0) AS lines
         FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
         LEFT JOIN (SELECT "invoiceId", count(*)::int AS n FROM "InvoiceLine" GROUP BY 1) l ON l."invoiceId" = i.id
         ORDER BY i.month, c.code`,
      )
    ).rows;
    type Draft = Omit<ChainedFields, "seq">;
    // One month's events at a time (a month's events all fall before the next month's import),
    // so the three million events at ten times the data are never in memory at once.
    const byMonth = new Map<string, typeof invoices>();
    for (const inv of invoices) {
      const list = byMonth.get(inv.month) ?? [];
      list.push(inv);
      byMonth.set(inv.month, list);
    }
    const system = { actorId: null, actorEmail: "system:bench", ip: null, userAgent: null };
    const person = (who: { id: string; email: string }) => ({
      actorId: who.id,
      actorEmail: who.email,
      ip: "10.0.0.12",
      userAgent: "Mozilla/5.0 (bench)",
    });
    const base = { outcome: "SUCCESS", reason: null, before: null, after: null, metadata: null };
    const at = (d: Date, ms: number) => new Date(d.getTime() + ms);
    const monthEvents = (batch: (typeof batches)[number]): Draft[] => {
      const events: Draft[] = [];
      events.push({
        ...base,
        ...person(finance),
        occurredAt: batch.importedAt,
        action: "usage.import",
        targetType: "usageBatch",
        targetId: batch.id,
        after: { fileName: `gcp-billing-export-${batch.month}.csv`, rows: batch.rowCount, months: [batch.month] },
      });
      const monthInvoices = byMonth.get(batch.month) ?? [];
      monthInvoices.forEach((inv, n) => {
        const target = { targetType: "invoice", targetId: inv.id };
        events.push({
          ...base,
          ...system,
          ...target,
          occurredAt: at(inv.generatedAt, n),
          action: "invoice.generate",
          after: { month: inv.month, totalJpy: inv.totalJpy, lines: inv.lines, contentHash: inv.contentHash },
        });
      });
      monthInvoices.forEach((inv, n) => {
        if (inv.status === "DRAFT") return;
        const target = { targetType: "invoice", targetId: inv.id };
        events.push({
          ...base,
          ...person(finance),
          ...target,
          occurredAt: at(inv.submittedAt!, n),
          action: "invoice.submit",
          before: { status: "DRAFT" },
          after: { status: "SUBMITTED", version: 1 },
        });
        // In the drafts month a tenth are submitted and a tenth approved (the ready-to-release list).
        if (inv.status === "SUBMITTED") return;
        events.push({
          ...base,
          ...person(manager),
          ...target,
          occurredAt: at(inv.submittedAt!, (inv.status === "APPROVED" ? 3_600_000 : 86_400_000) + n),
          action: "invoice.approve",
          before: { status: "SUBMITTED" },
          after: { status: "APPROVED", version: 1, required: 1, approvers: 1, contentHash: inv.contentHash },
        });
      });
      monthInvoices.forEach((inv, n) => {
        if (inv.status !== "RELEASED") return;
        const target = { targetType: "invoice", targetId: inv.id };
        events.push({
          ...base,
          ...person(finance),
          ...target,
          occurredAt: at(inv.releasedAt!, n * 3),
          action: "invoice.release",
          before: { status: "APPROVED" },
          after: { status: "RELEASED", number: inv.number, totalJpy: inv.totalJpy, deliveries: ["DOCUMENTS", "CRM"] },
        });
        for (const [k, service] of (["DOCUMENTS", "CRM"] as const).entries()) {
          events.push({
            ...base,
            ...person(finance),
            ...target,
            occurredAt: at(inv.releasedAt!, n * 3 + 1 + k),
            action: "delivery.sent",
            after: {
              service,
              attempt: 1,
              status: "SENT",
              httpStatus: 201,
              externalId: `${service.toLowerCase()}-${inv.number}`,
            },
          });
        }
      });
      return events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    };
    let prevHash = GENESIS_HASH;
    let seq = 0;
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
    await copyRows(
      client,
      "AuditEvent",
      [
        "seq",
        "occurredAt",
        "actorId",
        "actorEmail",
        "action",
        "targetType",
        "targetId",
        "outcome",
        "reason",
        "ip",
        "userAgent",
        "before",
        "after",
        "metadata",
        "prevHash",
        "hash",
      ],
      (function* () {
        for (const batch of batches)
          for (const e of monthEvents(batch)) {
            seq++;
            const fields: ChainedFields = { ...e, seq: BigInt(seq) };
            const hash = chainHash(prevHash, fields);
            yield [
              String(seq),
              e.occurredAt.toISOString(),
              e.actorId,
              e.actorEmail,
              e.action,
              e.targetType,
              e.targetId,
              e.outcome,
              e.reason,
              e.ip,
              e.userAgent,
              json(e.before),
              json(e.after),
              json(e.metadata),
              prevHash,
              hash,
            ];
            prevHash = hash;
          }
      })(),
    );
    log(`  audit events: ${seq} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const ti = performance.now();
    for (const { def } of deferred) await client.query(def);
    log(`  indexes: ${deferred.length} built in ${((performance.now() - ti) / 1000).toFixed(1)} s`);
    // Vacuumed as well as analyzed, as autovacuum would have left a database this old: the
    // visibility map lets the pages' counts read their covering indexes alone.
    await step("vacuum and analyze", "VACUUM (ANALYZE)");
    const count = async (table: string) =>
      Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`)).rows[0]!.n);
    return {
      customers: customers.length,
      projects: projects.length,
      months: months.length,
      usageLines: await count("UsageLine"),
      invoices: await count("Invoice"),
      invoiceLines: await count("InvoiceLine"),
      auditEvents: seq,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
  } finally {
    await client.end();
  }
}
