// `npm run db:seed` twice on a database of its own, as real processes: the second run changes
// nothing, the usage batches and the drafts included (the usage files import idempotently by
// their SHA-256; the drafts regenerate unchanged). Slow (it seeds the whole demo world), so it
// is one test. Like npm run db:seed, it migrates as the database's owner role and seeds as its
// runtime role.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { withDatabaseName } from "../../scripts/lib/database";
import { provisionDatabase, type ProvisionedDatabase } from "../../scripts/lib/roles";
import { grantRuntimeRole } from "../../scripts/lib/runtime-grants";

const root = path.resolve(import.meta.dirname, "../..");
// Named after the run's own database: npm test runs the integration suite twice side by side.
const NAME = `${process.env.TEST_DATABASE_NAME ?? "billing_test"}_seed_again`;
// The server's administrator creates the database and its roles (the runtime role may not).
const admin = withDatabaseName(process.env.TEST_ADMIN_DATABASE_URL ?? "", "postgres");
let database: ProvisionedDatabase;
// The seed writes its usage files under <cwd>/.data/seed: a directory of the test's own.
const cwd = mkdtempSync(path.join(tmpdir(), "seed-again-"));

afterAll(async () => {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
  await client.end();
  rmSync(cwd, { recursive: true, force: true });
});

function run(command: string, args: string[], inDir = cwd, url = database.url) {
  const result = spawnSync(command, args, {
    cwd: inDir,
    env: { ...process.env, DATABASE_URL: url, TZ: process.env.TZ },
    encoding: "utf8",
    timeout: 600_000,
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

const seed = () =>
  run(path.join(root, "node_modules/.bin/tsx"), [
    "--tsconfig",
    path.join(root, "tsconfig.json"),
    path.join(root, "prisma/seed/index.ts"),
  ]);

/** Every table the seed writes, counted, and the drafts' versions and hashes. */
async function state() {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const tables = [
      "User",
      "Setting",
      "Customer",
      "BillingGroup",
      "Project",
      "ProjectAssignment",
      "PricingContract",
      "PricingFixedFee",
      "FxRate",
      "UsageBatch",
      "UsageLine",
      "UsageRollup",
      "Invoice",
      "InvoiceLine",
      "InvoiceVersion",
      "AuditEvent",
    ];
    const counts: Record<string, number> = {};
    for (const table of tables)
      counts[table] = (await client.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
    const { rows } = await client.query(
      `SELECT md5(string_agg(id::text || ':' || version || ':' || "contentHash", ',' ORDER BY id)) AS drafts
       FROM "Invoice"`,
    );
    return { counts, drafts: rows[0].drafts as string };
  } finally {
    await client.end();
  }
}

describe("npm run db:seed", () => {
  it("seeds the demo world with usage and drafts; seeding again changes nothing", { timeout: 900_000 }, async () => {
    database = await provisionDatabase(admin, NAME, { recreate: true });
    run("npx", ["prisma", "migrate", "deploy"], root, database.migrationUrl);
    await grantRuntimeRole({ migrationUrl: database.migrationUrl, runtimeUrl: database.url });

    expect(seed()).toMatch(/^\[seed\] demo data: .*\d+ usageBatches, \d+ drafts/m);
    const first = await state();
    expect(first.counts).toMatchObject({ Customer: 210, Project: 739, UsageBatch: 3 });
    expect(first.counts.Invoice).toBeGreaterThan(700);
    expect(first.counts.UsageLine).toBeGreaterThan(30_000);

    expect(seed()).toContain("[seed] demo data already present; nothing changed");
    expect(await state()).toEqual(first);
  });
});
