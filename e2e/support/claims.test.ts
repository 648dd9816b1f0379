// The claims the journeys take their drafts by (e2e/support/claims.ts): no id goes to two
// claimants, even to processes racing for the same candidates, and a shortage is said clearly.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { claimFirst } from "./claims";

const run = promisify(execFile);
const candidates = Array.from({ length: 12 }, (_, i) => `invoice-${String(i).padStart(2, "0")}`);
let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("claimFirst", () => {
  it("takes the first unclaimed candidates in order and never one claimed before", () => {
    dir = mkdtempSync(path.join(tmpdir(), "claims-"));
    expect(claimFirst(dir, candidates, 2, "journey A")).toEqual(["invoice-00", "invoice-01"]);
    expect(claimFirst(dir, candidates, 3, "journey B")).toEqual(["invoice-02", "invoice-03", "invoice-04"]);
    expect(claimFirst(dir, candidates.slice(1, 3), 0, "journey C")).toEqual([]);
  });

  it("refuses when too few are left, naming who holds the others", () => {
    dir = mkdtempSync(path.join(tmpdir(), "claims-"));
    claimFirst(dir, candidates, 11, "journey A");
    expect(() => claimFirst(dir, candidates, 2, "journey B")).toThrow(
      "journey B: needs 2 unclaimed candidate(s), found 1 of 12 (the others were claimed by: journey A)",
    );
  });

  it("gives each id to one process only when four processes race for the same candidates", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "claims-"));
    const script = `import { claimFirst } from ${JSON.stringify(path.resolve(import.meta.dirname, "claims.ts"))};
      const ids = ${JSON.stringify(candidates)};
      const mine = [];
      for (let round = 0; round < 3; round++) mine.push(...claimFirst(process.argv[1], ids, 1, String(process.pid)));
      console.log(JSON.stringify(mine));`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, dir], { timeout: 60_000 }),
      ),
    );
    const claimed = results.flatMap((r) => JSON.parse(r.stdout) as string[]);
    expect(claimed).toHaveLength(12);
    expect([...claimed].sort()).toEqual(candidates);
  }, 90_000);
});
