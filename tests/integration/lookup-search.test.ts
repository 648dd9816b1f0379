// The lookup's one search box against the real database: every kind of query finds its row,
// and every query runs through an index (trigram GIN or btree), not a table scan.
import { randomInt } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { normalizeForSearch } from "@/lib/lookup/normalize";
import { searchTerms } from "@/lib/lookup/query-text";
import { CUSTOMER_CANDIDATES, searchLookup, searchQueries } from "@/lib/lookup/search";
import { actorOf, createUser, uniqueSuffix } from "../support/db";

const pick = (from: number, to: number, n: number) =>
  Array.from({ length: n }, () => String.fromCodePoint(randomInt(from, to + 1))).join("");
const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const toHiragana = (s: string) => s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

const suffix = uniqueSuffix();
const kanji = pick(0x4e00, 0x9fa0, 5);
const katakana = pick(0x30a2, 0x30f3, 6);
const latin = `Zq${suffix}`;
const code = `LK${suffix.toUpperCase()}`;
const projectId = `lk-${suffix}-prod-001`;
const accountId = `LK${suffix.toUpperCase()}-7A7A7A-7B7B7B`;
const invoiceNumber = `LKT-${suffix.toUpperCase()}-000042`;
const amountJpy = BigInt(randomInt(10 ** 9, 2 ** 47));
let customerId = "";
let invoiceId = "";
let actor: ReturnType<typeof actorOf>;

beforeAll(async () => {
  actor = actorOf(await createUser(["SUPPORT"]));
  const name = `株式会社${kanji}テクノ`;
  const nameKana = `${katakana}テクノ`;
  const nameLatin = `${latin} Techno Co., Ltd.`;
  const customer = await db.customer.create({
    data: {
      code,
      name,
      nameKana,
      nameLatin,
      searchText: normalizeForSearch(`${name} ${nameKana} ${nameLatin} ${code}`),
    },
  });
  customerId = customer.id;
  const group = await db.billingGroup.create({
    data: { customerId, name: "Default", isDefault: true, recipientName: name },
  });
  await db.billingAccount.create({ data: { id: accountId, name: `Lookup test account ${suffix}` } });
  await db.project.create({ data: { id: projectId, name: `${kanji} prod`, billingAccountId: accountId } });
  await db.projectAssignment.create({
    data: { projectId, customerId, billingGroupId: group.id, fromMonth: "2026-01" },
  });
  const invoice = await db.invoice.create({
    data: {
      customerId,
      billingGroupId: group.id,
      month: "2026-09",
      contentHash: "x",
      recipientName: name,
      number: invoiceNumber,
      status: "RELEASED",
      totalJpy: amountJpy,
      subtotalJpy: amountJpy,
    },
  });
  invoiceId = invoice.id;
});

describe("lookup search", () => {
  it.each([
    ["a partial Japanese name", () => kanji.slice(1, 4)],
    ["two characters of the Japanese name", () => kanji.slice(2, 4)],
    ["the kana reading in katakana", () => katakana],
    ["the kana reading in hiragana", () => toHiragana(katakana.slice(1))],
    ["a full-width Latin name", () => toFullWidth(latin.toUpperCase())],
    ["the customer code, lower-case", () => code.toLowerCase()],
  ])("finds the customer by %s", async (_what, query) => {
    const results = await searchLookup({ actor, query: query() });
    expect(results.customers.hits.map((c) => c.id)).toContain(customerId);
  });

  it("finds the project by a part of its id and names its customer", async () => {
    const results = await searchLookup({ actor, query: `${suffix}-PROD` });
    expect(results.projects.hits).toEqual([
      expect.objectContaining({ id: projectId, customerId, billingAccountId: accountId }),
    ]);
  });

  it("finds the billing account with its project and customer counts", async () => {
    const results = await searchLookup({ actor, query: accountId.slice(0, 12).toLowerCase() });
    expect(results.billingAccounts.hits).toEqual([
      { id: accountId, name: `Lookup test account ${suffix}`, projects: 1, customers: 1 },
    ]);
  });

  it("finds the invoice by a part of its number", async () => {
    const results = await searchLookup({ actor, query: `${suffix}-0000` });
    expect(results.invoices.hits).toEqual([
      expect.objectContaining({
        id: invoiceId,
        number: invoiceNumber,
        matched: "number",
        totalJpy: amountJpy.toString(),
        customerId,
      }),
    ]);
  });

  it("finds the invoice by its whole number, in any case, and only that one", async () => {
    for (const query of [invoiceNumber, invoiceNumber.toLowerCase()]) {
      const results = await searchLookup({ actor, query });
      expect(results.invoices.hits).toEqual([
        expect.objectContaining({ id: invoiceId, number: invoiceNumber, matched: "number" }),
      ]);
    }
  });

  it.each([
    ["plain digits", () => amountJpy.toString()],
    ["a yen sign and commas", () => `¥${amountJpy.toLocaleString("en-US")}`],
    ["full-width digits and 円", () => `${toFullWidth(amountJpy.toLocaleString("en-US"))}円`],
  ])("finds the invoice by its exact amount as %s", async (_what, query) => {
    const results = await searchLookup({ actor, query: query() });
    expect(results.invoices.hits).toContainEqual(expect.objectContaining({ id: invoiceId, matched: "amount" }));
  });

  it("does not treat a different amount as a match", async () => {
    const results = await searchLookup({ actor, query: (amountJpy + 1n).toString() });
    expect(results.invoices.hits.map((i) => i.id)).not.toContain(invoiceId);
  });

  it("treats LIKE wildcards as text", async () => {
    const results = await searchLookup({ actor, query: "%%" });
    expect(results.customers.hits).toEqual([]);
    expect(results.invoices.hits).toEqual([]);
  });

  it("ranks a broad name among a bounded set of candidates, and an exact code still comes first", async () => {
    const stem = `qxbroad${suffix}`;
    await db.customer.createMany({
      data: Array.from({ length: CUSTOMER_CANDIDATES + 20 }, (_, i) => {
        const name = `株式会社ブロード${i}`;
        const nameLatin = `${stem} ${i} Co., Ltd.`;
        return {
          code: `BR${suffix.toUpperCase()}${i}`,
          name,
          nameKana: "ブロード",
          nameLatin,
          searchText: normalizeForSearch(`${name} ${nameLatin}`),
        };
      }),
    });
    // Its name does not match: only the exact code makes it a candidate.
    const exact = await db.customer.create({
      data: { code: stem.toUpperCase(), name: "株式会社完全一致", nameKana: "カンゼンイッチ", searchText: "完全一致" },
    });
    const results = await searchLookup({ actor, query: stem });
    expect(results.customers.hits[0]?.id).toBe(exact.id);
    expect(results.customers.hits).toHaveLength(10);
    expect(results.customers.more).toBe(true);

    // The candidates are read up to the bound, not every customer the name matches.
    const owner = new pg.Client({ connectionString: process.env.TEST_OWNER_DATABASE_URL });
    await owner.connect();
    try {
      const sql = searchQueries(searchTerms(stem), 11).customers;
      const { rows } = await owner.query(`EXPLAIN (ANALYZE) ${sql.text}`, sql.values);
      const plan = rows.map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"]).join("\n");
      expect(plan).toMatch(new RegExp(`Limit .*actual .*rows=${CUSTOMER_CANDIDATES}(\\.00)? `));
    } finally {
      await owner.end();
    }
  });

  it("is refused to a role without lookup, and the refusal is recorded", async () => {
    const nobody = actorOf(await createUser([]));
    await expect(searchLookup({ actor: nobody, query: kanji })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const refusal = await db.auditEvent.findFirst({
      where: { actorId: nobody.id, action: "access.denied", outcome: "REFUSED" },
    });
    expect(refusal?.reason).toContain("lookup.use");
  });
});

describe("lookup search plans", () => {
  // With enough rows the planner chooses for itself: every kind's query must go through its
  // index. The rows are loaded in a transaction that is rolled back.
  // As the schema owner: ANALYZE needs the table's owner (or MAINTAIN), which the console's runtime
  // role is not, so as the runtime role it would skip every table and the plans would not see the rows.
  it("every kind's query uses its index, not a scan, on a large data set", async () => {
    const plans: Record<string, string> = {};
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: customerId },
      include: { billingGroups: true },
    });
    const owner = new pg.Client({ connectionString: process.env.TEST_OWNER_DATABASE_URL });
    await owner.connect();
    const run = (query: Prisma.Sql) => owner.query(query.text, query.values);
    try {
      await owner.query("BEGIN");
      await owner.query(`
        INSERT INTO "Customer" (id, code, name, "nameKana", "searchText", "updatedAt")
        SELECT gen_random_uuid(), 'BULK' || g, 'Bulk ' || md5(g::text), 'ばるく',
               md5(g::text) || md5((g * 7)::text), now()
        FROM generate_series(1, 10000) g`);
      await owner.query(`
        INSERT INTO "Project" (id, name, "billingAccountId")
        SELECT 'bulk-' || md5(g::text), 'bulk ' || g, NULL
        FROM generate_series(1, 10000) g`);
      await owner.query(`
        INSERT INTO "BillingAccount" (id, name)
        SELECT upper(substr(md5(g::text), 1, 6)) || '-' || g, 'bulk ' || g
        FROM generate_series(1, 2000) g`);
      await run(Prisma.sql`
        INSERT INTO "Invoice" (id, kind, "billingGroupId", "customerId", month, "contentHash", "recipientName",
                               number, "totalJpy", "updatedAt")
        SELECT gen_random_uuid(), 'CREDIT_NOTE', ${customer.billingGroups[0]!.id}::uuid, ${customerId}::uuid,
               to_char(date '2000-01-01' + (g || ' months')::interval, 'YYYY-MM'), 'x', 'bulk', 'BULK-' || g,
               g * 1000, now()
        FROM generate_series(1, 10000) g`);
      await owner.query(`ANALYZE "Customer", "Project", "BillingAccount", "Invoice"`);
      const explain = async (name: string, sql: Prisma.Sql) => {
        const { rows } = await run(Prisma.sql`EXPLAIN ${sql}`);
        plans[name] = rows.map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"]).join("\n");
      };
      await explain("customers", searchQueries(searchTerms(kanji.slice(1, 4)), 11).customers);
      await explain("customers-short", searchQueries(searchTerms(kanji.slice(1, 3)), 11).customers);
      await explain("projects", searchQueries(searchTerms(`${suffix}-prod`), 11).projects);
      await explain("billingAccounts", searchQueries(searchTerms("7a7a7a"), 11).billingAccounts);
      await explain("invoices", searchQueries(searchTerms("¥1,234,567"), 11).invoices);
      await explain("invoices-whole-number", searchQueries(searchTerms("BULK-1234"), 11).invoices);
    } finally {
      // The rows were only for the planner: nothing is kept.
      await owner.query("ROLLBACK");
      await owner.end();
    }
    expect(plans.customers).toContain("Customer_searchText_trgm_idx");
    expect(plans["customers-short"]).toContain("Customer_searchText_grams_idx");
    expect(plans.projects).toContain("Project_id_trgm_idx");
    expect(plans.billingAccounts).toContain("BillingAccount_id_trgm_idx");
    expect(plans.invoices).toContain("Invoice_number_trgm_idx");
    expect(plans.invoices).toContain("Invoice_totalJpy_idx");
    expect(plans["invoices-whole-number"]).toContain("Invoice_number_lower_idx");
    for (const [name, text] of Object.entries(plans)) {
      expect(text, name).not.toMatch(/Seq Scan on "(Customer|Project|BillingAccount|Invoice)"/);
    }
  }, 180_000); // It inserts 20,000 rows and plans each kind: a busy machine needs more than a minute.
});
