// Streams a usage export file as validated rows, whatever its format. Memory stays flat: one
// row at a time, with the stream's backpressure.
import fs from "node:fs";
import readline from "node:readline";
import Papa from "papaparse";
import { UnknownFormatError, detectFormat, flattenRecord, focusRow, gcpRow, missingColumns, parseJsonKeepingNumbers } from "./formats";
import type { RowError, UsageFormat, UsageRow } from "./usage-row";

export type ReadItem = { row: UsageRow; errors: RowError[] };

export async function readFirstLine(filePath: string): Promise<string> {
  const handle = await fs.promises.open(filePath, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8").split(/\r?\n/)[0] ?? "";
  } finally {
    await handle.close();
  }
}

export async function detectFileFormat(filePath: string): Promise<UsageFormat> {
  const first = await readFirstLine(filePath);
  if (!first.trim()) throw new UnknownFormatError("The file is empty.");
  return detectFormat(first);
}

export class MissingColumnsError extends Error {
  constructor(readonly columns: string[]) {
    super(`The header lacks required columns: ${columns.join(", ")}.`);
  }
}

export async function* readUsageFile(filePath: string, format: UsageFormat): AsyncGenerator<ReadItem> {
  if (format === "GCP_JSONL") {
    const lines = readline.createInterface({ input: fs.createReadStream(filePath, { encoding: "utf8", highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line++;
      if (!text.trim()) continue;
      let record: Record<string, unknown>;
      try {
        record = parseJsonKeepingNumbers(text.replace(/^\uFEFF/, "")) as Record<string, unknown>;
      } catch {
        yield { row: emptyRow(line), errors: [{ line, column: "(row)", reason: "is not valid JSON" }] };
        continue;
      }
      yield gcpRow(flattenRecord(record), line);
    }
    return;
  }

  // papaparse streams rows as string arrays (several times faster than object-building CSV
  // parsers). Line numbers count records from the header as line 1, which is the file's line
  // number unless a quoted field spans lines.
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: true });
  fs.createReadStream(filePath, { highWaterMark: 1 << 20 }).pipe(parser);
  const toRow = format === "FOCUS_CSV" ? focusRow : gcpRow;
  let header: string[] | null = null;
  let line = 0;
  for await (const fields of parser as AsyncIterable<string[]>) {
    line++;
    if (!header) {
      header = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
      const missing = missingColumns(format, header);
      if (missing.length) {
        parser.destroy();
        throw new MissingColumnsError(missing);
      }
      continue;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) record[header[i]!] = fields[i] ?? "";
    yield toRow(record, line);
  }
}

function emptyRow(line: number): UsageRow {
  return {
    lineNo: line, invoiceMonth: "", billingAccountId: "", projectId: "", projectName: null, serviceId: "", serviceDescription: "", skuId: "",
    skuDescription: "", usageStart: null, usageEnd: null, region: null, labels: null, cost: "0", credits: "0", creditDetail: null, currency: "",
    conversionRate: null, usageAmount: null, usageUnit: null, costType: null,
  };
}
