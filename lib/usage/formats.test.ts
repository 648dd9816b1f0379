import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  UnknownFormatError,
  detectFormat,
  parseCreditsText,
  parseJsonKeepingNumbers,
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
  it("exact decimal sums", () => {
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
    expect(last).toMatchObject({ invoiceMonth: "2026-09", usageStart: "2026-09-30T00:00:00.000Z" });
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

  // The two commitment-discount scenarios carry only the columns their example needs: no
  // BillingCurrency (and no BillingAccountId). Without a currency no amount can be billed, so
  // they are refused for that column, before any row is read.
  it.each([
    "commitment_discount_usage_scenario_3.csv",
    "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv",
  ])("the FOCUS scenario %s is refused: it has no BillingCurrency column", async (name) => {
    const format = await detectFileFormat(shared(name));
    expect(format).toBe("FOCUS_CSV");
    const read = async () => {
      for await (const _ of readUsageFile(shared(name), format)) void _;
    };
    await expect(read()).rejects.toThrow(/lacks required columns: BillingCurrency\.$/);
  });

  it("reports every bad row by line, column and reason", async () => {
    const { items } = await readAll(fixture("gcp-bad.csv"));
    expect(items.flatMap((i) => i.errors)).toEqual([
      {
        line: 3,
        column: "cost",
        code: "not-a-number",
        params: { value: "twelve" },
        reason: '"twelve" is not a number',
      },
      {
        line: 4,
        column: "usage_start_time",
        code: "not-a-date",
        params: { value: "yesterday" },
        reason: '"yesterday" is not a date',
      },
      {
        line: 4,
        column: "currency",
        code: "unknown-currency",
        params: { value: "XXX" },
        reason: 'unknown currency "XXX"',
      },
      {
        line: 5,
        column: "invoice.month",
        code: "not-a-month",
        params: { value: "2026-13" },
        reason: '"2026-13" is not a month (YYYYMM or YYYY-MM)',
      },
      { line: 5, column: "project.id", code: "empty", reason: "is empty" },
    ]);
  });
});

const provider = (name: string) => path.resolve(import.meta.dirname, "../../tests/fixtures/usage/providers", name);

describe("FOCUS as providers export it", () => {
  it("AWS FOCUS 1.2: milliseconds, exponents, x_ columns, a charge without a sub-account", async () => {
    const { format, items } = await readAll(provider("aws-focus-1.2.csv"));
    expect(format).toBe("FOCUS_CSV");
    expect(items.flatMap((i) => i.errors)).toEqual([]);
    expect(items.map((i) => [i.row.projectId, i.row.invoiceMonth, i.row.cost, i.row.usageStart])).toEqual([
      ["111122223333", "2026-10", "0.0416", "2026-10-01T00:00:00.000Z"],
      ["111122223333", "2026-10", "0.0000416", "2026-10-01T00:00:00.000Z"],
      ["111122223333", "2026-10", "-0.01", "2026-10-01T00:00:00.000Z"],
      ["account:210987654321", "2026-10", "29", "2026-10-01T00:00:00.000Z"],
    ]);
    expect(items[0]!.row).toMatchObject({
      billingAccountId: "210987654321",
      serviceDescription: "Amazon Elastic Compute Cloud",
      region: "ap-northeast-1",
      usageAmount: "1",
      usageUnit: "Hours",
      currency: "USD",
    });
    expect(JSON.parse(items[0]!.row.labels!)).toEqual({ "user:env": "prod", "user:team": "web" });
    expect(items[3]!.row).toMatchObject({
      projectName: null,
      labels: null,
      serviceDescription: "AWS Support (Business)",
    });
  });

  it("Azure FocusCost 1.0: subscriptions, 10 and 11 decimals kept, seven fractional digits in times", async () => {
    const { items } = await readAll(provider("azure-focus-1.0.csv"));
    expect(items.flatMap((i) => i.errors)).toEqual([]);
    expect(items.map((i) => [i.row.projectId, i.row.projectName, i.row.cost, i.row.currency])).toEqual([
      ["/subscriptions/00000000-0000-0000-0000-000000000001", "web-prod", "0.3165987123", "JPY"],
      ["/subscriptions/00000000-0000-0000-0000-000000000001", "web-prod", "12.34567890123", "JPY"],
    ]);
    expect(items[0]!.row).toMatchObject({
      invoiceMonth: "2026-10",
      billingAccountId: "/providers/Microsoft.Billing/billingAccounts/12345678",
      usageStart: "2026-10-01T00:00:00.000Z",
      usageEnd: "2026-10-02T00:00:00.000Z",
      usageAmount: "0.0416666667",
    });
  });

  it("OCI FOCUS: minute timestamps, 1.0-preview Region and UsageQuantity, oci_ columns, empty nulls", async () => {
    const { items } = await readAll(provider("oci-focus-1.0.csv"));
    expect(items.flatMap((i) => i.errors)).toEqual([]);
    expect(items[0]!.row).toMatchObject({
      invoiceMonth: "2026-10",
      projectId: "ocid1.compartment.oc1..aaaaexampleweb",
      serviceDescription: "COMPUTE",
      region: "ap-tokyo-1",
      usageAmount: "0.4",
      usageUnit: "OCPU Hours",
      usageStart: "2026-10-01T00:00:00.000Z",
      usageEnd: "2026-10-01T01:00:00.000Z",
      cost: "1.536",
    });
    expect(items[1]!.row).toMatchObject({ cost: "0", labels: null });
  });

  it("NULL in any case, or nothing, in a nullable column is null; no project is named NULL", async () => {
    const { items } = await readAll(provider("focus-nulls.csv"));
    expect(items.flatMap((i) => i.errors)).toEqual([]);
    expect(items.map((i) => i.row)).toMatchObject([
      { projectId: "111122223333", labels: null, usageAmount: null, usageUnit: null, region: null, skuId: "" },
      { projectId: "account:999900001111", projectName: null, labels: null, usageStart: null, usageEnd: null },
      { projectId: "account:999900001111", projectName: null, labels: null, usageStart: null, cost: "3" },
    ]);
  });

  it("a required value written NULL is refused as empty", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nulls-")), "nulls.csv");
    fs.writeFileSync(file, "BilledCost,BillingCurrency,BillingPeriodStart\nNULL,USD,2026-10-01T00:00:00Z\n");
    const { items } = await readAll(file);
    expect(items[0]!.errors).toMatchObject([{ line: 2, column: "BilledCost", code: "empty" }]);
  });
});

describe("dates and numbers the importer refuses, by line and column", () => {
  async function errorsOf(rows: string[]) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "refuse-")), "refuse.csv");
    const header = "BilledCost,BillingCurrency,BillingPeriodStart,ChargePeriodStart,SubAccountId";
    fs.writeFileSync(file, `${[header, ...rows].join("\n")}\n`);
    const { items } = await readAll(file);
    return items.flatMap((i) => i.errors).map(({ line, column, code }) => ({ line, column, code }));
  }

  it("impossible and out-of-range dates, months and amounts", async () => {
    expect(
      await errorsOf([
        "1,USD,2024-02-01T00:00:00Z,2024-02-30T00:00:00Z,p",
        "1,USD,2024-13-01T00:00:00Z,,p",
        "1,USD,2024-10-01T25:00:00Z,,p",
        "1,USD,1999-10-01T00:00:00Z,,p",
        "1e16,USD,2024-10-01T00:00:00Z,,p",
        "0.0000000000000000000000000000001,USD,2024-10-01T00:00:00Z,,p",
        "1.00000000001,USD,2024-10-01T00:00:00Z,2024-10-01T00:00:00,p",
      ]),
    ).toEqual([
      { line: 2, column: "ChargePeriodStart", code: "impossible-date" },
      { line: 3, column: "BillingPeriodStart", code: "impossible-date" },
      { line: 4, column: "BillingPeriodStart", code: "impossible-date" },
      { line: 5, column: "BillingPeriodStart", code: "date-out-of-range" },
      { line: 6, column: "BilledCost", code: "number-out-of-range" },
      { line: 7, column: "BilledCost", code: "too-many-decimals" },
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
    expect(items[1]!.errors[0]).toEqual({
      line: 3,
      column: "(row)",
      code: "field-count",
      params: { fields: 8, expected: 9 },
      reason: "has 8 fields; the header has 9",
    });
  });
});
