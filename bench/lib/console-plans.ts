// Every query a page runs, with its plan: each page's own reads (the session check and the lib
// functions the page calls, with the addresses' arguments) run once in this process against one
// data set, every statement they send to PostgreSQL captured (Prisma's adapter and the read pool
// both send through pg's Client), then run again under EXPLAIN (ANALYZE, BUFFERS) in a
// transaction that is rolled back (a session check writes). One file per page in `dir`.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { loadReads, scenarios, type PageKey, type Samples } from "./console-pages";

interface Captured {
  text: string;
  values: unknown[];
}

export interface PagePlans {
  queries: number;
  /** The slowest statement's execution time, as EXPLAIN ANALYZE measured it. */
  slowestMs: number;
  /** Tables read by a sequential scan in any of the page's plans (small ones are fine). */
  seqScans: string[];
}

const STATEMENT = /^\s*(\(?\s*SELECT|WITH|UPDATE|INSERT|DELETE)\b/i;

export async function writePlans({
  url,
  dir,
  scale,
  samples,
  only,
  log,
}: {
  url: string;
  dir: string;
  scale: number;
  samples: Samples;
  only: PageKey[] | null;
  log: (line: string) => void;
}): Promise<Record<string, PagePlans>> {
  // lib/env read DATABASE_URL when the first lib module loaded; it must name this data set.
  if (process.env.DATABASE_URL !== url) throw new Error("writePlans: DATABASE_URL names another data set");
  let capture: Captured[] | null = null;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (capture) {
      if (typeof first === "string") capture.push({ text: first, values: Array.isArray(second) ? second : [] });
      else if (first && typeof (first as { text?: unknown }).text === "string") {
        const config = first as { text: string; values?: unknown[] };
        capture.push({ text: config.text, values: config.values ?? (Array.isArray(second) ? second : []) });
      }
    }
    return query.apply(this, args);
  };

  const reads = await loadReads();
  const { db } = await import("@/lib/db");
  const sessionOf = async (email: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const session = await db.authSession.findFirstOrThrow({
      where: { userId: user.id, endedAt: null },
      orderBy: { createdAt: "desc" },
    });
    return session.id;
  };
  const sessions = {
    finance: await sessionOf("finance@demo.local"),
    manager: await sessionOf("manager@demo.local"),
    support: await sessionOf("support@demo.local"),
  };

  fs.mkdirSync(dir, { recursive: true });
  const explain = new pg.Client({ connectionString: url });
  await explain.connect();
  const summary: Record<string, PagePlans> = {};
  try {
    for (const scenario of scenarios(reads, samples)) {
      if (only && !only.includes(scenario.key)) continue;
      const out: string[] = [
        `# ${scenario.label}: every query of the page, EXPLAIN (ANALYZE, BUFFERS), at x${scale} ` +
          "(written by npm run bench:console)",
        "",
      ];
      const page: PagePlans = { queries: 0, slowestMs: 0, seqScans: [] };
      for (const i of scenario.planned) {
        capture = [];
        await scenario.reference(i, sessions[scenario.role]);
        const statements = capture.filter((q) => STATEMENT.test(q.text));
        capture = null;
        out.push(`## ${scenario.path(i)}`, "");
        const seen = new Set<string>();
        for (const q of statements) {
          const key = `${q.text}\n${JSON.stringify(q.values, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`;
          if (seen.has(key)) continue;
          seen.add(key);
          await explain.query("BEGIN");
          let plan: string[];
          try {
            plan = (
              await explain.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values)
            ).rows.map((r) => r["QUERY PLAN"]);
          } catch (error) {
            plan = [`(not explained: ${error instanceof Error ? error.message : String(error)})`];
          } finally {
            await explain.query("ROLLBACK");
          }
          page.queries++;
          const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan.join("\n"))?.[1] ?? 0);
          page.slowestMs = Math.max(page.slowestMs, Math.round(ms * 100) / 100);
          for (const line of plan) {
            const table = /Seq Scan on "?(\w+)"?/.exec(line)?.[1];
            if (table && !page.seqScans.includes(table)) page.seqScans.push(table);
          }
          const params = q.values.length
            ? `-- parameters: ${JSON.stringify(q.values, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`
            : "-- no parameters";
          out.push("```sql", q.text.trim(), params, "```", "```", ...plan, "```", "");
        }
      }
      fs.writeFileSync(path.join(dir, `${scenario.key}.md`), `${out.join("\n")}\n`);
      summary[scenario.key] = page;
      log(
        `plans: ${scenario.key}: ${page.queries} queries, slowest ${page.slowestMs} ms, seq scans: ${
          page.seqScans.join(", ") || "none"
        }`,
      );
    }
  } finally {
    proto.query = query;
    await explain.end();
    await db.$disconnect();
    await (await import("@/lib/audit/record-audit-event")).endAuditWriter();
    await (await import("@/lib/db-read")).endReadPool();
  }
  return summary;
}
