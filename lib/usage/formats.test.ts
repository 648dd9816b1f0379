import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  UnknownFormatError,
  detectFormat,
  normalizeMonth,
  parseCreditsText,
  parseJsonKeepingNumbers,
  parseTimestamp,
  sumDecimalStrings,
} from "./formats";
import { detectFileFormat, readUsageFile } from "./read-usage-file";

const fixture = (name: string) => path.resolve(import.meta.dirname, "../../tests/fixtures/usage", name);
const shared = (name: string) => path.resolve(import.meta.dirname, "../../tests/fixtures/usage/focus-spec", name);

async function readAll(file: string) {
  const format = await detectFileFormat(file);
  const items = [];
  for await (const item of readUsageFile(file, format)) items.push(item);
  return { format, items };
}

describe("format detection", () => {
  it("tells the three formats apart by their header", () => {
    expect(detectFormat("billing_account_id,service.id,service.description,cost,currency,invoice.month")).toBe(
      "GCP_CSV",
    );
    expect(detectFormat('{"billing_account_id":"x","cost":1}')).toBe("GCP_JSONL");
    expect(detectFormat("\uFEFFBilledCost,BillingCurrency,BillingPeriodStart")).toBe("FOCUS_CSV");
  });

  it("says clearly when a file is neither", () => {
    expect(() => detectFormat("date,amount,description")).toThrow(UnknownFormatError);
    expect(() => detectFormat("date,amount,description")).toThrow(/neither a Google Cloud Billing export/);
  });
});

describe("values", () => {
  it("months, timestamps and exact decimal sums", () => {
    expect(normalizeMonth("202610")).toBe("2026-10");
    expect(normalizeMonth("2026-10")).toBe("2026-10");
    expect(normalizeMonth("2026-13")).toBeNull();
    expect(parseTimestamp("5/1/25")).toBe("2025-05-01T00:00:00.000Z");
    expect(parseTimestamp("2026-10-01T09:00:00+09:00")).toBe("2026-10-01T00:00:00.000Z");
    expect(parseTimestamp("yesterday")).toBeNull();
    expect(sumDecimalStrings(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimalStrings(["-100.5", "-0.25", "1"])).toBe("-99.75");
  });

  it("keeps JSON numbers as their source text, never as floats", () => {
    expect(parseJsonKeepingNumbers('{"cost":0.30000000000000004,"n":[1.10]}')).toEqual({
      cost: "0.30000000000000004",
      n: ["1.10"],
    });
  });
});

describe("reading exports", () => {
  it("Google Cloud CSV: dotted columns, JSON credits and labels, invoice month not usage time", async () => {
    const { format, items } = await readAll(fixture("gcp-small.csv"));
    expect(format).toBe("GCP_CSV");
    expect(items.every((i) => i.errors.length === 0)).toBe(true);
    const [first, , , last] = items.map((i) => i.row);
    expect(first).toMatchObject({
      lineNo: 2,
      invoiceMonth: "2026-10",
      projectId: "fixture-shop-prod",
      serviceDescription: "Compute Engine",
      cost: "1234.567891",
      credits: "-100.5",
      currency: "JPY",
    });
    expect(JSON.parse(first!.labels!)).toEqual([{ key: "env", value: "prod" }]);
    // Used on 30 September but billed in the September invoice month: the month comes from invoice.month.
    expect(last).toMatchObject({ invoiceMonth: "2026-09", usageStart: "2026-09-30T00:00:00Z" });
  });

  it("Google Cloud newline-delimited JSON with nested records", async () => {
    const { format, items } = await readAll(fixture("gcp-small.jsonl"));
    expect(format).toBe("GCP_JSONL");
    expect(items[0]!.errors).toEqual([]);
    expect(items[0]!.row).toMatchObject({
      projectId: "fixture-json-prod",
      projectName: "JSON prod",
      serviceId: "6F81-5844-456A",
      cost: "0.30000000000000004",
      credits: "-0.1",
      invoiceMonth: "2026-10",
      usageAmount: "3600",
      region: "asia-northeast1",
    });
  });

  it("FOCUS CSV: sub-account as project, billing period as month; account-level charges kept", async () => {
    const { format, items } = await readAll(fixture("focus-small.csv"));
    expect(format).toBe("FOCUS_CSV");
    expect(items.map((i) => i.errors)).toEqual([[], [], []]);
    expect(items.map((i) => [i.row.projectId, i.row.serviceDescription, i.row.cost, i.row.invoiceMonth])).toEqual([
      ["fixture-aws-111111111111", "Amazon EC2", "12.34", "2026-10"],
      ["fixture-aws-111111111111", "Amazon EC2", "-2.34", "2026-10"],
      ["account:123456789012", "Support", "5", "2026-10"],
    ]);
  });

  it("the FOCUS specification's own sample with M/D/YY dates reads without errors", async () => {
    const { format, items } = await readAll(shared("saas_spend_agreements_b2.csv"));
    expect(format).toBe("FOCUS_CSV");
    expect(items.length).toBe(14);
    expect(items.flatMap((i) => i.errors)).toEqual([]);
    expect(items[0]!.row).toMatchObject({
      invoiceMonth: "2025-04",
      currency: "USD",
      cost: "1200",
      projectId: "account:000-00-000",
    });
  });

  it("a FOCUS sample without BillingCurrency is refused for the missing column", async () => {
    const format = await detectFileFormat(shared("commitment_discount_usage_scenario_3.csv"));
    const read = async () => {
      for await (const _ of readUsageFile(shared("commitment_discount_usage_scenario_3.csv"), format)) void _;
    };
    await expect(read()).rejects.toThrow(/BillingCurrency/);
  });

  it("reports every bad row by line, column and reason", async () => {
    const { items } = await readAll(fixture("gcp-bad.csv"));
    expect(items.flatMap((i) => i.errors)).toEqual([
      { line: 3, column: "cost", reason: '"twelve" is not a number' },
      { line: 4, column: "usage_start_time", reason: '"yesterday" is not a date' },
      { line: 4, column: "currency", reason: 'unknown currency "XXX"' },
      { line: 5, column: "invoice.month", reason: '"2026-13" is not a month (YYYYMM or YYYY-MM)' },
      { line: 5, column: "project.id", reason: "is empty" },
    ]);
  });
});

describe("credits text", () => {
  it("keeps every amount's source text, whichever way the list is written", () => {
    expect(parseCreditsText('[{"name":"promo","amount":-0.30000000000000004},{"amount":-1e-7,"name":"x"}]')).toEqual([
      { name: "promo", amount: "-0.30000000000000004" },
      { amount: "-1e-7", name: "x" },
    ]);
    // A name that looks like an amount does not fool it: the reviver path takes over.
    expect(parseCreditsText('[{"name":"\\"amount\\": 5","amount":-2.50}]')).toEqual([
      { name: '"amount": 5', amount: "-2.50" },
    ]);
    // Amounts written as strings stay strings.
    expect(parseCreditsText('[{"amount":"-3.10"}]')).toEqual([{ amount: "-3.10" }]);
  });
});

describe("ragged rows", () => {
  it("a row with more or fewer fields than the header is reported with its line", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ragged-")), "ragged.csv");
    fs.writeFileSync(
      file,
      "billing_account_id,service.id,service.description,sku.id,sku.description,project.id,cost,currency," +
        "invoice.month\nBA,S,Svc,K,Sku,p1,1.5,JPY,202610\nBA,S,Svc,K,Sku,p1,1.5,JPY\n",
    );
    const { items } = await readAll(file);
    expect(items[0]!.errors).toEqual([]);
    expect(items[1]!.errors[0]).toEqual({ line: 3, column: "(row)", reason: "has 8 fields; the header has 9" });
  });
});
