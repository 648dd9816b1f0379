// Exactly once: random sequences of imports of one month's usage (the same rows re-encoded,
// corrected exports with and without --replace, appends of disjoint and overlapping parts)
// against PostgreSQL. After every step the usage billed per project equals the model's: the
// rows last confirmed, never counted twice.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ImportMode, importUsageBatch } from "@/lib/usage/import-usage-batch";
import {
  type Encoding,
  type ExportRow,
  billedLinesPerProject,
  billedPerProject,
  exportCsv,
  usageWorld,
  writeTemp,
} from "../support/usage-files";

const system = { id: null, email: "system:test", name: "test", roles: ["FINANCE"] as const };
const MONTH = "2034-03";

interface World {
  account: string;
  projects: string[];
}

/** What is billed: the rows of the month, as a multiset. */
interface Model {
  billed: ExportRow[];
}

// A small space of rows, so that files share rows often (and so duplicates and equal files happen).
const rowArb = fc.record({
  project: fc.constantFrom(0, 1),
  sku: fc.constantFrom("K1", "K2"),
  hour: fc.constantFrom(0, 1, 2),
  micros: fc.constantFrom(1_000_000, 2_500_000, 3_000_001),
  creditMicros: fc.constantFrom(0, -250_000),
});
type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

const encodingArb: fc.Arbitrary<Encoding> = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  order: fc.array(fc.nat({ max: 8 }), { maxLength: 8 }),
  reverseColumns: fc.boolean(),
  spelling: fc.constantFrom("plain" as const, "trailing-zeros" as const, "exponent" as const),
});

const keyOf = (r: ExportRow) => `${r.project}|${r.sku}|${r.hour}|${r.micros}|${r.creditMicros ?? 0}`;
const sameRows = (a: readonly ExportRow[], b: readonly ExportRow[]) =>
  JSON.stringify(a.map(keyOf).sort()) === JSON.stringify(b.map(keyOf).sort());

function rowsOf(world: World, specs: readonly RowSpec[]): ExportRow[] {
  return specs.map((s) => ({ ...s, project: world.projects[s.project] as string }));
}

async function importRows(world: World, rows: ExportRow[], encoding: Encoding, mode: ImportMode) {
  return importUsageBatch({
    actor: system,
    filePath: writeTemp("month.csv", exportCsv(world.account, MONTH, rows, encoding)),
    fileName: "month.csv",
    source: "cli",
    mode,
  });
}

function decimal(micros: number) {
  const neg = micros < 0 ? "-" : "";
  const abs = Math.abs(micros);
  return `${neg}${Math.floor(abs / 1e6)}${
    abs % 1e6
      ? `.${String(abs % 1e6)
          .padStart(6, "0")
          .replace(/0+$/, "")}`
      : ""
  }`;
}

/** The model's billed usage per project, as the database reports it. */
function expected(world: World, model: Model) {
  const out: Record<string, { net: string; rows: number }> = {};
  for (const project of world.projects) {
    const rows = model.billed.filter((r) => r.project === project);
    if (!rows.length) continue;
    const micros = rows.reduce((n, r) => n + r.micros + (r.creditMicros ?? 0), 0);
    out[project] = { net: decimal(micros), rows: rows.length };
  }
  return out;
}

async function check(world: World, model: Model) {
  const want = expected(world, model);
  expect(await billedPerProject(world.projects, MONTH)).toEqual(want);
  expect(await billedLinesPerProject(world.projects, MONTH)).toEqual(want);
}

class ImportAgain implements fc.AsyncCommand<Model, World> {
  constructor(readonly encoding: Encoding) {}
  check = (m: Readonly<Model>) => m.billed.length > 0;
  async run(m: Model, w: World) {
    const result = await importRows(w, m.billed, this.encoding, "auto");
    expect(result.status).toBe("already-imported");
    await check(w, m);
  }
  toString = () => `ImportAgain(${JSON.stringify(this.encoding)})`;
}

class ImportFile implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly specs: RowSpec[],
    readonly encoding: Encoding,
    readonly mode: ImportMode,
  ) {}
  check = () => true;
  async run(m: Model, w: World) {
    const rows = rowsOf(w, this.specs);
    const result = await importRows(w, rows, this.encoding, this.mode);
    if (m.billed.length && sameRows(rows, m.billed)) {
      expect(result.status).toBe("already-imported");
    } else if (!m.billed.length) {
      expect(result.status).toBe("imported");
      m.billed = rows;
    } else if (this.mode === "auto") {
      // A corrected export without confirmation: previewed, nothing billed changes.
      expect(result.status).toBe("preview");
    } else if (this.mode === "replace") {
      expect(result.status).toBe("replaced");
      m.billed = rows;
    } else {
      const billed = new Set(m.billed.map(keyOf));
      if (rows.some((r) => billed.has(keyOf(r)))) {
        expect(result).toMatchObject({ status: "refused", code: "usage-duplicate-rows" });
      } else {
        expect(result.status).toBe("appended");
        m.billed = [...m.billed, ...rows];
      }
    }
    await check(w, m);
  }
  toString = () => `ImportFile(${this.mode}, ${JSON.stringify(this.specs)}, ${JSON.stringify(this.encoding)})`;
}

describe("usage is billed exactly once", () => {
  // Thirty random sequences of up to eight imports each against PostgreSQL: 10 to 45 s on a busy
  // machine, so more than the default minute is allowed.
  it("whatever sequence of re-imports, corrections, replacements and appends", { timeout: 180_000 }, async () => {
    const specs = fc.array(rowArb, { minLength: 1, maxLength: 5 });
    const commands = [
      encodingArb.map((e) => new ImportAgain(e)),
      fc
        .tuple(specs, encodingArb, fc.constantFrom<ImportMode>("auto", "replace", "append"))
        .map(([s, e, mode]) => new ImportFile(s, e, mode)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 8 }), async (cmds) => {
        const w = await usageWorld(MONTH);
        await fc.asyncModelRun(
          () => ({ model: { billed: [] }, real: { account: w.account, projects: w.projects } }),
          cmds,
        );
      }),
      { numRuns: 30 },
    );
  });
});
