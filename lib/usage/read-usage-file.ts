// Streams a usage export file as validated rows, whatever its format. Memory stays flat: a
// chunk of rows at a time, with the stream's backpressure.
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { Transform, type Readable } from "node:stream";
import Papa from "papaparse";
import {
  UnknownFormatError,
  detectFormat,
  focusIndex,
  focusRow,
  gcpIndex,
  gcpRecordRow,
  gcpRow,
  missingColumns,
  parseJsonKeepingNumbers,
  type FocusIndex,
  type GcpIndex,
} from "./formats";
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

export interface ReadOptions {
  /** Sees every byte of the file as read, in order (the import hashes the file in the same pass). */
  onBytes?: (chunk: Buffer) => void;
}

/**
 * Reads a usage export as validated rows, a chunk of rows at a time (about 1 MB of file each):
 * the caller handles a chunk, and only then is the next one read, so memory stays flat.
 */
export async function* readUsageChunks(
  filePath: string,
  format: UsageFormat,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem[]> {
  const input = fs.createReadStream(filePath, { highWaterMark: 256 << 10 });
  const decoder = new StringDecoder("utf8");
  // Bytes are hashed as read, then decoded here so a character split across two reads stays whole.
  const text = input.pipe(
    new Transform({
      readableObjectMode: true,
      readableHighWaterMark: 2,
      transform(chunk: Buffer, _encoding, done) {
        options.onBytes?.(chunk);
        const decoded = decoder.write(chunk);
        done(null, decoded || undefined);
      },
      flush(done) {
        const rest = decoder.end();
        done(null, rest || undefined);
      },
    }),
  );
  try {
    if (format === "GCP_JSONL") {
      yield* jsonlChunks(text);
      return;
    }
    const toRow = format === "FOCUS_CSV" ? focusRow : gcpRow;
    let index: GcpIndex | FocusIndex | null = null;
    let columns = 0;
    let line = 0;
    for await (const records of csvRecordChunks(text)) {
      const items: ReadItem[] = [];
      for (const fields of records) {
        line++;
        if (!index) {
          const header = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
          const missing = missingColumns(format, header);
          if (missing.length) throw new MissingColumnsError(missing);
          index = format === "FOCUS_CSV" ? focusIndex(header) : gcpIndex(header);
          columns = header.length;
          continue;
        }
        const item = (toRow as (f: readonly unknown[], ix: typeof index, line: number) => ReadItem)(
          fields,
          index,
          line,
        );
        if (fields.length !== columns)
          item.errors.unshift({
            line,
            column: "(row)",
            code: "field-count",
            params: { fields: fields.length, expected: columns },
            reason: `has ${fields.length} fields; the header has ${columns}`,
          });
        items.push(item);
      }
      if (items.length) yield items;
    }
  } finally {
    input.destroy();
  }
}

/** The same rows one at a time, for callers that do not need the speed. */
export async function* readUsageFile(
  filePath: string,
  format: UsageFormat,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  for await (const items of readUsageChunks(filePath, format, options)) yield* items;
}

async function* jsonlChunks(text: AsyncIterable<string>): AsyncGenerator<ReadItem[]> {
  let line = 0;
  let partial = "";
  for await (const chunk of text) {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    const items: ReadItem[] = [];
    for (const raw of lines) items.push(...jsonlLine(raw, ++line));
    if (items.length) yield items;
  }
  if (partial) yield jsonlLine(partial, ++line);
}

function jsonlLine(raw: string, line: number): ReadItem[] {
  const textLine = raw.replace(/\r$/, "");
  if (!textLine.trim()) return [];
  let record: Record<string, unknown>;
  try {
    record = parseJsonKeepingNumbers(textLine.replace(/^\uFEFF/, "")) as Record<string, unknown>;
  } catch {
    return [
      { row: emptyRow(line), errors: [{ line, column: "(row)", code: "invalid-json", reason: "is not valid JSON" }] },
    ];
  }
  if (!record || typeof record !== "object" || Array.isArray(record))
    return [
      {
        row: emptyRow(line),
        errors: [{ line, column: "(row)", code: "not-a-json-object", reason: "is not a JSON object" }],
      },
    ];
  return [gcpRecordRow(record, line)];
}

/**
 * papaparse's records (string arrays), a parsed chunk at a time. Papa calls back; this turns
 * that into async iteration, pausing the parser until the caller asks for the next chunk.
 * Records are counted from the header as line 1, which is the file's line number unless a
 * quoted field spans lines.
 */
async function* csvRecordChunks(text: Readable): AsyncGenerator<string[][]> {
  const ready: string[][][] = [];
  let parser: Papa.Parser | null = null;
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  text.on("error", (error) => {
    failure = error;
    notify();
  });
  Papa.parse(text as unknown as File, {
    header: false,
    skipEmptyLines: true,
    chunk: (results: Papa.ParseResult<string[]>, p: Papa.Parser) => {
      parser = p;
      ready.push(results.data);
      // The parser's pause stops parsing only; pausing the input keeps the file unread meanwhile.
      p.pause();
      text.pause();
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
  });
  try {
    for (;;) {
      if (failure) throw failure;
      const next = ready.shift();
      if (next) {
        yield next;
        if (!ready.length && !done) {
          (parser as Papa.Parser | null)?.resume();
          text.resume();
        }
        continue;
      }
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!done) (parser as Papa.Parser | null)?.abort();
  }
}

function emptyRow(line: number): UsageRow {
  return {
    lineNo: line,
    invoiceMonth: "",
    billingAccountId: "",
    projectId: "",
    projectName: null,
    serviceId: "",
    serviceDescription: "",
    skuId: "",
    skuDescription: "",
    usageStart: null,
    usageEnd: null,
    region: null,
    labels: null,
    cost: "0",
    credits: "0",
    creditDetail: null,
    currency: "",
    conversionRate: null,
    usageAmount: null,
    usageUnit: null,
    costType: null,
  };
}
