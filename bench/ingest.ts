// npm run bench:ingest [-- --rows 1000000 --big-rows 5000000]
// Times the usage import against a bare PostgreSQL COPY of the same rows, and shows memory
// stays flat as files grow. Uses its own database (billing_bench_ingest), recreated each run.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createDatabaseIfMissing, resolveServer, withDatabaseName } from "../scripts/lib/database";
import { generateGcpExportRows, writeGcpExportCsv, type GeneratorProject } from "./lib/gcp-export-generator";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 1_000_000);
const BIG_ROWS = arg("big-rows", 5_000_000);
const PROJECTS = 600;
const MONTH = "2026-10";
const out = path.resolve("bench/out");
fs.mkdirSync(out, { recursive: true });

const server = await resolveServer({ quiet: true });
const dbName = "billing_bench_ingest";
await createDatabaseIfMissing(server.url, dbName, { recreate: true });
const url = withDatabaseName(server.url, dbName);
execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });

// 200 customers with three projects each, a contract, and the month's USD rate.
const projects: GeneratorProject[] = Array.from({ length: PROJECTS }, (_, i) => ({
  id: `bench-${String(i).padStart(4, "0")}`,
  name: `bench ${i}`,
  billingAccountId: i % 5 ? "BENCH-JPY" : "BENCH-USD",
  currency: i % 5 ? "JPY" : "USD",
}));
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query(
  `INSERT INTO "FxRate" (month, "fromCurrency", "toCurrency", rate) VALUES ($1, 'USD', 'JPY', 150.24)`,
  [MONTH],
);
for (let c = 0; c < PROJECTS / 3; c++) {
  const {
    rows: [customer],
  } = await client.query(
    `INSERT INTO "Customer" (id, code, name, "nameKana", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'ベンチ', now()) RETURNING id`,
    [`B${c}`, `ベンチ顧客${c}`],
  );
  const {
    rows: [group],
  } = await client.query(
    `INSERT INTO "BillingGroup" (id, "customerId", name, "isDefault", "recipientName")
     VALUES (gen_random_uuid(), $1, 'Default', true, 'x') RETURNING id`,
    [customer.id],
  );
  await client.query(
    `INSERT INTO "PricingContract" (id, "customerId", name, "fromMonth", "markupRate", "opsFeeRate", "opsFeeMinimumJpy")
     VALUES (gen_random_uuid(), $1, 'bench', '2026-01', 0.08, 0.1, 30000)`,
    [customer.id],
  );
  for (const p of projects.slice(c * 3, c * 3 + 3)) {
    await client.query(`INSERT INTO "Project" (id, name, "billingAccountId") VALUES ($1, $2, NULL)`, [p.id, p.name]);
    await client.query(
      `INSERT INTO "ProjectAssignment" (id, "projectId", "customerId", "billingGroupId", "fromMonth")
       VALUES (gen_random_uuid(), $1, $2, $3, '2026-01')`,
      [p.id, customer.id, group.id],
    );
  }
}

async function generate(rows: number, seed: number) {
  const file = path.join(out, `gcp-export-${rows}.csv`);
  const t = performance.now();
  await writeGcpExportCsv(
    file,
    generateGcpExportRows({ months: [MONTH], projects, rowsPerProjectMonth: Math.ceil(rows / PROJECTS), seed }),
  );
  const megabytes = (fs.statSync(file).size / 1e6).toFixed(0);
  console.log(`generated ${file} (${megabytes} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return file;
}

function child(
  file: string,
  withDrafts: boolean,
): Promise<{ status: string; rows: number; import_s: number; drafts_s: number; drafts: number; peak_rss_mb: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ["--import", "tsx", "bench/lib/ingest-child.ts", file, MONTH, withDrafts ? "1" : "0"],
      { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let text = "";
    proc.stdout.on("data", (d) => (text += d));
    proc.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(text.trim().split("\n").pop()!))
        : reject(new Error(`import child exited ${code}`)),
    );
  });
}

const file1m = await generate(ROWS, 1);
// Reference: the same rows, already in COPY's text format, into a bare table (no indexes, no
// foreign keys). The conversion is not timed; the COPY is.
const refFile = path.join(out, "reference.copy");
{
  const { detectFileFormat, readUsageFile } = await import("@/lib/usage/read-usage-file");
  const w = fs.createWriteStream(refFile);
  for await (const { row: r } of readUsageFile(file1m, await detectFileFormat(file1m))) {
    const f = (v: string | number | null) =>
      v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
    const line = `${[
      "00000000-0000-0000-0000-000000000000",
      r.lineNo,
      r.invoiceMonth,
      r.billingAccountId,
      r.projectId,
      r.projectName,
      r.serviceId,
      r.serviceDescription,
      r.skuId,
      r.skuDescription,
      r.usageStart,
      r.usageEnd,
      r.region,
      r.labels,
      r.cost,
      r.credits,
      r.creditDetail,
      r.currency,
      r.conversionRate,
      r.usageAmount,
      r.usageUnit,
      r.costType,
    ]
      .map(f)
      .join("\t")}\n`;
    if (!w.write(line)) await new Promise<void>((res) => w.once("drain", () => res()));
  }
  await new Promise<void>((res) => w.end(() => res()));
}
await client.query(`CREATE TABLE bench_copy_reference (LIKE "UsageLine" INCLUDING DEFAULTS)`);
// Both timed runs start from a checkpoint, so neither pays for the other's WAL.
await client.query("CHECKPOINT");
const copyStarted = performance.now();
{
  const stream = client.query(
    copyFrom(
      `COPY bench_copy_reference ("batchId","lineNo","invoiceMonth","billingAccountId","projectId","projectName",
         "serviceId","serviceDescription","skuId","skuDescription","usageStart","usageEnd",region,labels,cost,credits,
         "creditDetail",currency,"conversionRate","usageAmount","usageUnit","costType") FROM STDIN`,
    ),
  );
  await new Promise<void>((resolve, reject) => {
    fs.createReadStream(refFile, { highWaterMark: 1 << 20 })
      .pipe(stream)
      .on("finish", resolve)
      .on("error", reject);
  });
}
const copyS = (performance.now() - copyStarted) / 1000;
await client.query("DROP TABLE bench_copy_reference");
await client.query("CHECKPOINT");

const run1m = await child(file1m, true);
const fileBig = await generate(BIG_ROWS, 2);
const runBig = await child(fileBig, false);
await client.end();
for (const f of [file1m, fileBig, refFile]) fs.rmSync(f, { force: true });
await server.stop();

const importS = run1m.import_s + run1m.drafts_s;
const result = {
  rows: run1m.rows,
  import_s: Number(importS.toFixed(2)),
  copy_s: Number(copyS.toFixed(2)),
  ratio: Number((importS / copyS).toFixed(2)),
  rows_per_s: Math.round(run1m.rows / importS),
  drafts_s: Number(run1m.drafts_s.toFixed(2)),
  drafts: run1m.drafts,
  peak_rss_mb_1m: Math.round(run1m.peak_rss_mb),
  peak_rss_mb_5m: Math.round(runBig.peak_rss_mb),
  rows_5m: runBig.rows,
  import_s_5m: Number(runBig.import_s.toFixed(2)),
};
console.log("");
console.table([
  { measure: "bare COPY of the same rows (reference)", rows: result.rows, seconds: result.copy_s },
  {
    measure: "import (hash, parse, validate, COPY, commit)",
    rows: result.rows,
    seconds: Number(run1m.import_s.toFixed(2)),
  },
  { measure: "draft generation", rows: result.drafts, seconds: result.drafts_s },
  { measure: "import + drafts / COPY", rows: "", seconds: result.ratio },
  {
    measure: `import of ${result.rows_5m.toLocaleString("en-US")} rows`,
    rows: result.rows_5m,
    seconds: result.import_s_5m,
  },
  { measure: "peak RSS, 1M import + drafts (MB)", rows: "", seconds: result.peak_rss_mb_1m },
  { measure: "peak RSS, 5M import (MB)", rows: "", seconds: result.peak_rss_mb_5m },
]);
console.log(`RESULT ${JSON.stringify(result)}`);
