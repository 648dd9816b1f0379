import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectFileFormat, readUsageFile } from "@/lib/usage/read-usage-file";
import { generateGcpExportRows, writeGcpExportCsv, writeGcpExportJsonl } from "./gcp-export-generator";

const options = {
  months: ["2026-09", "2026-10"],
  projects: [
    { id: "gen-a-prod", name: "A", billingAccountId: "BA-1" },
    { id: "gen-b-dev", name: "B", billingAccountId: "BA-1", currency: "USD" as const },
  ],
  rowsPerProjectMonth: 25,
  seed: 7,
};

describe("synthetic Google Cloud export", () => {
  it("is deterministic and the importer's parsers accept it in both layouts", async () => {
    expect([...generateGcpExportRows(options)]).toEqual([...generateGcpExportRows(options)]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gen-"));
    for (const [file, write] of [
      [path.join(dir, "x.csv"), writeGcpExportCsv],
      [path.join(dir, "x.jsonl"), writeGcpExportJsonl],
    ] as const) {
      await write(file, generateGcpExportRows(options));
      const format = await detectFileFormat(file);
      const rows = [];
      for await (const item of readUsageFile(file, format)) {
        expect(item.errors).toEqual([]);
        rows.push(item.row);
      }
      expect(rows).toHaveLength(100);
      expect(new Set(rows.map((r) => r.invoiceMonth))).toEqual(new Set(["2026-09", "2026-10"]));
      expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(["JPY", "USD"]));
      expect(rows.some((r) => r.credits !== "0")).toBe(true);
    }
  });
});
