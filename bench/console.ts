// npm run bench:console [-- --scale 10 --customers 2000 --projects-per-customer 3 --months 24 --users 20
//                           --requests 400 --single 40 --port 3190 --reseed --only drafts,search --no-plans]
// Measures the console's main pages with 20 concurrent signed-in users, at the base data set
// (2,000 customers, 6,000 projects, 24 months of usage and invoices, the audit log they would
// have written) and, with --scale N, at N times that data, in the same run: one production
// build, one server per data set, each page measured on both in turns (base, scaled, scaled,
// base), so a change of load on the machine falls on both alike. Pages: the month's drafts
// list, an invoice page, the search box, a customer page, the audit page, the home page (the
// month's cockpit), the ready-to-release list, and, as a row without a target, the lookup page
// before a search, which reads nothing but the session (the framework's own cost per request).
// Targets, every page at every scale: p95 < 300 ms with 20 users, p95 at N times the data
// <= 1.3 x its p95 at the base data, single-user p50 < 50 ms, no errors. Prints a table, then
// `RESULT {...}` last. At the largest scale, every query of each page is written with its plan
// (EXPLAIN (ANALYZE, BUFFERS)) to bench/out/plans/.
// Each data set has its own database (billing_bench_console, billing_bench_console_x10, …),
// seeded once and kept: a later run reuses it (--reseed seeds it again). Build folder:
// .next-bench-console.
import path from "node:path";
import pg from "pg";
import { createDatabaseIfMissing, resolveServer, withDatabaseName } from "../scripts/lib/database";
import { buildIfChanged } from "../scripts/lib/build";
import { ensurePrismaClient, localSecret, migrate } from "../scripts/lib/prepare";
import { run, runToEnd, stopAll, waitForHttp } from "../scripts/lib/processes";
import { percentile, runLoad, signInDemo, type LoadResult } from "./lib/console-load";
import { scenarios, type PageKey, type Role, type Samples } from "./lib/console-pages";
import { writePlans } from "./lib/console-plans";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SCALE = arg("scale", 1);
const CUSTOMERS = arg("customers", 2000);
const PROJECTS_PER_CUSTOMER = arg("projects-per-customer", 3);
const MONTHS = arg("months", 24);
const USERS = arg("users", 20);
const REQUESTS = arg("requests", 400);
const SINGLE = arg("single", 40);
const PORT = arg("port", Number(process.env.BENCH_PORT ?? 3190));
const RESEED = args.includes("--reseed");
const PLANS = !args.includes("--no-plans");
const ONLY = (() => {
  const i = args.indexOf("--only");
  return i >= 0 ? (args[i + 1]!.split(",") as PageKey[]) : null;
})();
const TARGET_P95_MS = 300;
const TARGET_GROWTH = 1.3;
const TARGET_SINGLE_P50_MS = 50;
const DB_NAME = process.env.BENCH_DATABASE_NAME ?? "billing_bench_console";
const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench-console";
const PLANS_DIR = path.join("bench", "out", "plans");
const ROLES: Record<Role, string> = {
  finance: "finance@demo.local",
  manager: "manager@demo.local",
  support: "support@demo.local",
};

/** The last `count` months before the current month in Tokyo, oldest first (the newest is the drafts month). */
function benchMonths(count: number, now = new Date()) {
  const tokyo = new Date(now.getTime() + 9 * 3_600_000);
  const months: string[] = [];
  for (let k = count; k >= 1; k--) {
    const d = new Date(Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth() - k, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** What a data set holds (row estimates from the planner's statistics, exact for customers). */
async function dataSummary(url: string) {
  return withClient(url, async (c) => {
    const estimates = Object.fromEntries(
      (
        await c.query<{ name: string; n: string }>(
          `SELECT relname AS name, greatest(reltuples, 0)::bigint::text AS n FROM pg_class
           WHERE relkind = 'r' AND relname = ANY($1)`,
          [["Project", "UsageLine", "Invoice", "InvoiceLine", "AuditEvent"]],
        )
      ).rows.map((r) => [r.name, Number(r.n)]),
    );
    const customers = Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Customer"`)).rows[0]!.n);
    return {
      customers,
      projects: estimates.Project ?? 0,
      usageLines: estimates.UsageLine ?? 0,
      invoices: estimates.Invoice ?? 0,
      invoiceLines: estimates.InvoiceLine ?? 0,
      auditEvents: estimates.AuditEvent ?? 0,
    };
  });
}

/** The addresses the pages are measured with, drawn from one data set. */
async function drawSamples(url: string, month: string): Promise<Samples> {
  return withClient(url, async (c) => {
    const q = async <T extends pg.QueryResultRow>(sql: string) => (await c.query<T>(sql)).rows;
    const invoiceIds = (await q<{ id: string }>(`SELECT id::text FROM "Invoice" ORDER BY md5(id::text) LIMIT 500`)).map(
      (r) => r.id,
    );
    const customers = await q<{ id: string; code: string; name: string; nameKana: string; nameLatin: string }>(
      `SELECT id::text, code, name, "nameKana", "nameLatin" FROM "Customer" ORDER BY md5(id::text) LIMIT 300`,
    );
    const invoices = await q<{ number: string; total: string }>(
      `SELECT number, "totalJpy"::text AS total FROM "Invoice"
       WHERE number IS NOT NULL ORDER BY md5(id::text) LIMIT 40`,
    );
    const projects = await q<{ id: string }>(`SELECT id FROM "Project" ORDER BY md5(id) LIMIT 40`);
    const search: Array<[kind: string, query: string]> = [
      ...customers.slice(0, 40).flatMap(
        (c): Array<[string, string]> => [
          ["name", c.name.replace(/^(株式会社|合同会社|有限会社)/, "").slice(2, 4)],
          ["kana", c.nameKana.slice(0, 4)],
          ["latin", c.nameLatin.split(" ").slice(0, 2).join(" ").toLowerCase()],
        ],
      ),
      ...customers.slice(40, 60).map((c): [string, string] => ["code", c.code]),
      ...projects.map((p): [string, string] => ["project", p.id.split("-").slice(1, 3).join("-")]),
      ...invoices.map((i): [string, string] => ["number", i.number]),
      ...invoices.slice(0, 20).map((i): [string, string] => ["total", i.total]),
    ];
    const maxSeq = BigInt((await q<{ seq: string }>(`SELECT max(seq)::text AS seq FROM "AuditEvent"`))[0]!.seq);
    return {
      month,
      invoiceIds,
      customerIds: customers.map((c) => c.id),
      searchQueries: search.map(([, query]) => query),
      searchKinds: search.map(([kind]) => kind),
      auditInvoiceIds: invoiceIds.slice(0, 100),
      auditSeqs: Array.from({ length: 50 }, (_, k) =>
        String(maxSeq - BigInt(Math.floor((Number(maxSeq) * (k + 1)) / 51))),
      ),
    };
  });
}

const log = (line: string) => console.log(`[bench] ${line}`);
const server = await resolveServer({ quiet: true });
let exitCode = 1;
try {
  const scales = SCALE > 1 ? [1, SCALE] : [1];
  const months = benchMonths(MONTHS);
  const draftMonth = months.at(-1)!;
  const secret = process.env.NEXTAUTH_SECRET ?? localSecret("nextauth-bench");
  const nameOf = (scale: number) => (scale === 1 ? DB_NAME : `${DB_NAME}_x${scale}`);
  // lib/env is read when the first lib module loads (the seed's imports): the largest data set,
  // whose plans this process writes at the end.
  Object.assign(process.env, {
    DATABASE_URL: withDatabaseName(server.url, nameOf(scales.at(-1)!)),
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: `http://localhost:${PORT + scales.length - 1}`,
    SESSION_IDLE_MINUTES: "240",
  });

  // 1. Data: each scale's database, seeded once and kept.
  const sets = [] as Array<{
    scale: number;
    url: string;
    baseUrl: string;
    env: NodeJS.ProcessEnv;
    seeded: unknown;
    chain: { ok: boolean; events: number; verifyMs: number } | null;
  }>;
  for (const [k, scale] of scales.entries()) {
    const name = nameOf(scale);
    const url = withDatabaseName(server.url, name);
    const baseUrl = `http://localhost:${PORT + k}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      EMBEDDED_DATABASE: "true",
      DEMO_SIGN_IN: "true",
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: baseUrl,
      SESSION_IDLE_MINUTES: "240",
      NEXT_DIST_DIR: DIST_DIR,
    };
    const customers = CUSTOMERS * scale;
    await createDatabaseIfMissing(server.url, name);
    // A data set is kept when it holds this scale's customers and its audit log was written last.
    const complete = await withClient(url, async (c) => {
      try {
        const r = await c.query<{ customers: string; events: boolean }>(
          `SELECT (SELECT count(*) FROM "Customer")::text AS customers, EXISTS (SELECT 1 FROM "AuditEvent") AS events`,
        );
        return Number(r.rows[0]!.customers) === customers && r.rows[0]!.events;
      } catch {
        return false;
      }
    });
    await ensurePrismaClient(env);
    let seeded: unknown = "kept from an earlier run";
    let chain = null;
    if (complete && !RESEED) {
      // A kept database still gets the migrations added since it was seeded (new indexes).
      await migrate(env);
      log(`x${scale}: reusing ${name}`);
    } else {
      await createDatabaseIfMissing(server.url, name, { recreate: true });
      await migrate(env);
      const projects = customers * PROJECTS_PER_CUSTOMER;
      const span = `${months[0]}..${months.at(-1)}`;
      log(`x${scale}: seeding ${customers} customers, ${projects} projects, ${MONTHS} months (${span}) into ${name}`);
      const { seedConsoleBench } = await import("./lib/console-seed");
      seeded = await seedConsoleBench(url, { customers, projectsPerCustomer: PROJECTS_PER_CUSTOMER, months });
      log(`x${scale}: seeded ${JSON.stringify(seeded)}`);
      // The chain the seed wrote must verify; walked once, when it is written.
      const t = performance.now();
      const out = await runToEnd("audit-verify", "npx", ["tsx", "scripts/audit-verify.ts", "--no-checkpoints"], env, {
        quiet: true,
      })
        .then(() => true)
        .catch(() => false);
      chain = { ok: out, events: (await dataSummary(url)).auditEvents, verifyMs: Math.round(performance.now() - t) };
      log(`x${scale}: audit chain ${out ? "intact" : "BROKEN"} (${chain.verifyMs} ms)`);
    }
    sets.push({ scale, url, baseUrl, env, seeded, chain });
  }
  // --seed-only: the data sets, kept for later runs, and nothing measured.
  if (!args.includes("--seed-only")) {
    // 2. The production build, one server per data set.
    await buildIfChanged(DIST_DIR, sets[0]!.env);
    for (const set of sets) {
      // Next's own entry, not npx: stopping our child then stops the server itself.
      const port = new URL(set.baseUrl).port;
      run(
        `console-x${set.scale}`,
        process.execPath,
        ["node_modules/next/dist/bin/next", "start", "-p", port],
        { ...set.env, NODE_ENV: "production" },
        { quiet: true },
      );
    }
    for (const set of sets) await waitForHttp(`${set.baseUrl}/api/health`, 120_000);
    log(`console answering on ${sets.map((s) => s.baseUrl).join(", ")}`);

    // 3. Sessions and addresses, per data set.
    const perSet = await Promise.all(
      sets.map(async (set) => {
        const ids = await withClient(set.url, async (c) =>
          Object.fromEntries(
            await Promise.all(
              Object.entries(ROLES).map(async ([role, email]) => [
                role,
                (await c.query<{ id: string }>(`SELECT id::text FROM "User" WHERE email = $1`, [email])).rows[0]!.id,
              ]),
            ),
          ),
        );
        const cookies: Record<Role, string[]> = { finance: [], manager: [], support: [] };
        for (const role of Object.keys(ROLES) as Role[])
          for (let u = 0; u < USERS; u++) cookies[role].push(await signInDemo(set.baseUrl, ids[role]));
        return { cookies, samples: await drawSamples(set.url, draftMonth) };
      }),
    );

    // 4. Load: each page on every data set in turns (A B B A), then one user at a time.
    const noReads = null as unknown as Parameters<typeof scenarios>[0];
    const pages = scenarios(noReads, perSet[0]!.samples).filter((s) => !ONLY || ONLY.includes(s.key));
    type Measured = { load: LoadResult[]; single: LoadResult; bytes: number };
    const results: Array<{ key: PageKey; label: string; floor: boolean; by: Measured[]; skipped?: string }> = [];
    for (const page of pages) {
      const scenarioFor = (k: number) => scenarios(noReads, perSet[k]!.samples).find((s) => s.key === page.key)!;
      // A page this checkout does not have yet is reported, not measured.
      const probe = await fetch(`${sets[0]!.baseUrl}${page.path(0)}`, {
        headers: { Cookie: perSet[0]!.cookies[page.role][0]! },
      });
      const probeHtml = await probe.text();
      if (probe.status === 404 || /Not available yet|まだ利用できません/.test(probeHtml)) {
        log(`${page.key}: not built in this checkout (${probe.status}); skipped`);
        results.push({ key: page.key, label: page.label, floor: false, by: [], skipped: "page not built" });
        continue;
      }
      log(`${page.key}: ${REQUESTS} requests, ${USERS} users, on ${sets.map((s) => `x${s.scale}`).join(" and ")}…`);
      const by: Measured[] = sets.map(() => ({ load: [], single: null as unknown as LoadResult, bytes: 0 }));
      const load = (k: number, requests: number, offset: number, concurrency = USERS) => {
        const scenario = scenarioFor(k);
        const cookies = perSet[k]!.cookies[page.role];
        return runLoad({
          concurrency,
          requests,
          warmup: 0,
          task: async (i, user) => {
            const address = scenario.path(i + offset);
            const res = await fetch(`${sets[k]!.baseUrl}${address}`, {
              headers: { Cookie: cookies[user % cookies.length]! },
              redirect: "manual",
            });
            const html = await res.text();
            if (res.status !== 200) throw new Error(`${address}: HTTP ${res.status}`);
            if (!scenario.marker.test(html)) throw new Error(`${address}: no ${scenario.marker} in the page`);
            by[k]!.bytes += Buffer.byteLength(html);
          },
        });
      };
      for (const k of sets.keys()) await load(k, USERS * 2, 100_000); // warm-up, not recorded
      const half = Math.ceil(REQUESTS / 2);
      const order = sets.length > 1 ? [0, 1, 1, 0] : [0, 0];
      for (const [turn, k] of order.entries()) by[k]!.load.push(await load(k, half, turn * half));
      for (const k of sets.keys()) by[k]!.single = await load(k, SINGLE, 0, 1);
      results.push({ key: page.key, label: page.label, floor: page.floor ?? false, by });
    }

    // 5. Plans of every page's queries at the largest scale, from the pages' own reads.
    let plans: unknown = null;
    if (PLANS) {
      const largest = sets.at(-1)!;
      Object.assign(process.env, {
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: largest.baseUrl,
        SESSION_IDLE_MINUTES: "240",
      });
      plans = await writePlans({
        url: largest.url,
        dir: PLANS_DIR,
        scale: largest.scale,
        samples: perSet.at(-1)!.samples,
        only: ONLY,
        log,
      });
    }

    // 6. Report.
    const merged = (loads: LoadResult[]) => ({
      requests: loads.reduce((n, l) => n + l.requests, 0),
      errors: loads.reduce((n, l) => n + l.errors, 0),
      errorSamples: loads.flatMap((l) => l.errorSamples),
      latenciesMs: loads.flatMap((l) => l.latenciesMs),
      seconds: loads.reduce((n, l) => n + l.seconds, 0),
    });
    const last = sets.length - 1;
    const rows = results.map((r) => {
      if (r.skipped) return { key: r.key, label: r.label, skipped: r.skipped };
      const stats = r.by.map((m) => {
        const all = merged(m.load);
        for (const e of [...all.errorSamples, ...m.single.errorSamples]) log(`${r.key}: ${e}`);
        return {
          errors: all.errors + m.single.errors,
          rps: Math.round(all.requests / all.seconds),
          htmlKb: Math.round(m.bytes / (all.requests + USERS * 2 + SINGLE) / 1024),
          p50: percentile(all.latenciesMs, 50),
          p95: percentile(all.latenciesMs, 95),
          p99: percentile(all.latenciesMs, 99),
          single: percentile(m.single.latenciesMs, 50),
        };
      });
      const growth = Math.round((stats[last]!.p95 / stats[0]!.p95) * 100) / 100;
      const errors = stats.reduce((n, s) => n + s.errors, 0);
      const p50Single = Math.max(...stats.map((s) => s.single));
      const ok =
        stats.every((s) => s.p95 < TARGET_P95_MS) &&
        (sets.length === 1 || growth <= TARGET_GROWTH) &&
        p50Single < TARGET_SINGLE_P50_MS &&
        errors === 0;
      const scaled = sets.length > 1 ? stats[last]! : null;
      return {
        key: r.key,
        label: r.label,
        floor: r.floor,
        errors,
        p50_1x: stats[0]!.p50,
        p95_1x: stats[0]!.p95,
        p99_1x: stats[0]!.p99,
        ...(scaled ? { p50_10x: scaled.p50, p95_10x: scaled.p95, p99_10x: scaled.p99, growth } : {}),
        p50_single: p50Single,
        p50_single_by_scale: stats.map((s) => s.single),
        rps_by_scale: stats.map((s) => s.rps),
        html_kb: stats[0]!.htmlKb,
        ok,
      };
    });
    console.log("");
    const scaledLabel = `x${sets[last]!.scale}`;
    console.table(
      rows.map((r) =>
        "skipped" in r
          ? { page: r.label, note: r.skipped }
          : {
              page: r.label,
              errors: r.errors,
              "p50 x1": r.p50_1x,
              "p95 x1": r.p95_1x,
              ...(sets.length > 1
                ? { [`p50 ${scaledLabel}`]: r.p50_10x, [`p95 ${scaledLabel}`]: r.p95_10x, growth: r.growth }
                : {}),
              "1 user p50": r.p50_single,
              "req/s": r.rps_by_scale.join(" / "),
              "HTML kB": r.html_kb,
              target: r.floor ? "(floor)" : r.ok ? "met" : "MISSED",
            },
      ),
    );
    // The floor row is context, not a target: the measured pages decide "ok".
    const targeted = rows.filter((r) => !("floor" in r && r.floor));
    const measured = targeted.filter((r): r is Extract<typeof r, { ok: boolean }> => "ok" in r);
    const result = {
      scales: sets.map((s) => s.scale),
      users: USERS,
      requestsPerPage: REQUESTS,
      singleUserRequests: SINGLE,
      data: Object.fromEntries(
        await Promise.all(
          sets.map(async (s) => [`x${s.scale}`, { ...(await dataSummary(s.url)), seeded: s.seeded, chain: s.chain }]),
        ),
      ),
      pages: Object.fromEntries(targeted.map(({ key, label: _label, ...r }) => [key, r])),
      floor: Object.fromEntries(
        rows.filter((r) => "floor" in r && r.floor).map(({ key, label: _label, ...r }) => [key, r]),
      ),
      plans,
      targets: { p95Ms: TARGET_P95_MS, growth: TARGET_GROWTH, singleUserP50Ms: TARGET_SINGLE_P50_MS, errors: 0 },
      skipped: rows.filter((r) => "skipped" in r).map((r) => r.key),
      ok: measured.length === targeted.length && measured.every((r) => r.ok),
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
  }

  exitCode = 0;
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  await stopAll();
  await server.stop();
}
process.exit(exitCode);
