import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectFileFormat, readUsageFile } from "./read-usage-file";
import { EMPTY_DIGEST, RowMultisetDigest, addDigests } from "./row-digest";

const HEADER = [
  "billing_account_id",
  "service.id",
  "service.description",
  "sku.id",
  "sku.description",
  "usage_start_time",
  "project.id",
  "labels",
  "cost",
  "currency",
  "credits",
  "invoice.month",
];

interface Row {
  project: string;
  sku: string;
  hour: number;
  /** Cost in millionths, written in several spellings. */
  micros: number;
  label: string | null;
  credit: number;
}

const row = fc.record({
  project: fc.constantFrom("p-web", "p-db", "p-lab"),
  sku: fc.constantFrom("K1", "K2"),
  hour: fc.integer({ min: 0, max: 23 }),
  micros: fc.integer({ min: -5_000_000, max: 50_000_000 }),
  label: fc.option(fc.constantFrom("prod", "dev"), { nil: null }),
  credit: fc.integer({ min: 0, max: 3 }),
});

/** How a file may be written without changing its rows. */
const encoding = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  shuffleRows: fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
  reverseColumns: fc.boolean(),
  spelling: fc.constantFrom("plain", "trailing-zeros", "exponent"),
  jsonSpaces: fc.boolean(),
});

type Encoding = {
  bom: boolean;
  crlf: boolean;
  shuffleRows: number[];
  reverseColumns: boolean;
  spelling: string;
  jsonSpaces: boolean;
};

function spell(micros: number, how: string) {
  const neg = micros < 0 ? "-" : "";
  const abs = Math.abs(micros);
  const plain = `${neg}${Math.floor(abs / 1e6)}.${String(abs % 1e6).padStart(6, "0")}`;
  if (how === "trailing-zeros") return `${plain}000`;
  if (how === "exponent") return `${neg}${abs}e-6`;
  return plain.replace(/\.?0+$/, "") || "0";
}

function write(rows: Row[], e: Encoding) {
  const order = rows.map((r, i) => ({ r, k: e.shuffleRows[i % e.shuffleRows.length] ?? 0, i }));
  order.sort((a, b) => a.k - b.k || a.i - b.i);
  const columns = e.reverseColumns ? [...HEADER].reverse() : HEADER;
  const space = e.jsonSpaces ? " " : "";
  const lines = order.map(({ r }) => {
    const values: Record<string, string> = {
      billing_account_id: "BA-1",
      "service.id": "S1",
      "service.description": "Compute",
      "sku.id": r.sku,
      "sku.description": `SKU ${r.sku}`,
      usage_start_time: `2026-10-01T${String(r.hour).padStart(2, "0")}:00:00Z`,
      "project.id": r.project,
      labels: r.label ? `"[{""key"":${space}""env"",""value"":${space}""${r.label}""}]"` : "[]",
      cost: spell(r.micros, e.spelling),
      currency: "JPY",
      credits: r.credit ? `"[{""name"":""promo"",""amount"":${space}-${r.credit}.50}]"` : "[]",
      "invoice.month": "202610",
    };
    return columns.map((c) => values[c]).join(",");
  });
  const eol = e.crlf ? "\r\n" : "\n";
  return `${e.bom ? "\uFEFF" : ""}${[columns.join(","), ...lines].join(eol)}${eol}`;
}

async function digestOf(text: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "digest-")), "export.csv");
  fs.writeFileSync(file, text);
  const digest = new RowMultisetDigest();
  for await (const item of readUsageFile(file, await detectFileFormat(file))) {
    expect(item.errors).toEqual([]);
    digest.add(item.row);
  }
  return { hex: digest.toHex(), rows: digest.rows };
}

const PLAIN: Encoding = {
  bom: false,
  crlf: false,
  shuffleRows: [0],
  reverseColumns: false,
  spelling: "plain",
  jsonSpaces: false,
};

// Each run writes and reads real files: a busy machine needs more than the default 5 seconds.
describe("row digest", () => {
  it("is the same for the same rows however the file is written", { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), encoding, async (rows, how) => {
        const a = await digestOf(write(rows, PLAIN));
        const b = await digestOf(write(rows, how));
        expect(b).toEqual(a);
      }),
      { numRuns: 60 },
    );
  });

  it("differs when one amount changes, and counts repeated rows", { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), fc.nat(), async (rows, pick) => {
        const i = pick % rows.length;
        const changed = rows.map((r, j) => (j === i ? { ...r, micros: r.micros + 1 } : r));
        expect((await digestOf(write(changed, PLAIN))).hex).not.toBe((await digestOf(write(rows, PLAIN))).hex);
        const doubled = await digestOf(write([...rows, rows[i] as Row], PLAIN));
        expect(doubled.rows).toBe(rows.length + 1);
        expect(doubled.hex).not.toBe((await digestOf(write(rows, PLAIN))).hex);
      }),
      { numRuns: 30 },
    );
  });

  it("of a month delivered in parts is the sum of the parts' digests", { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 2, maxLength: 10 }), fc.nat(), async (rows, cut) => {
        const at = 1 + (cut % (rows.length - 1));
        const whole = await digestOf(write(rows, PLAIN));
        const first = await digestOf(write(rows.slice(0, at), PLAIN));
        const second = await digestOf(write(rows.slice(at), PLAIN));
        expect(addDigests(first.hex, second.hex)).toBe(whole.hex);
        expect(addDigests(EMPTY_DIGEST, whole.hex)).toBe(whole.hex);
      }),
      { numRuns: 30 },
    );
  });
});
