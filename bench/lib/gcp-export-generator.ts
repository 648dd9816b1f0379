// Synthetic Google Cloud Billing export rows, deterministic from a seed: used by the demo seed
// (three months of usage) and the ingest benchmark (millions of rows).
//
//   for (const row of generateGcpExportRows({ months, projects, rowsPerProjectMonth, seed })) ...
//   await writeGcpExportCsv(file, rows)   // the export's own dotted column names
//   await writeGcpExportJsonl(file, rows) // nested records, one per line
//
// Amounts are decimal strings built from integers, so they are exact.
import fs from "node:fs";
import { once } from "node:events";

export interface GeneratorProject {
  id: string;
  name: string;
  billingAccountId: string;
  currency?: "JPY" | "USD";
  /** Scales this project's spend (1 = typical). */
  size?: number;
}

export interface GcpExportRow {
  billing_account_id: string;
  service: { id: string; description: string };
  sku: { id: string; description: string };
  usage_start_time: string;
  usage_end_time: string;
  project: { id: string; name: string; labels: Array<{ key: string; value: string }> };
  labels: Array<{ key: string; value: string }>;
  location: { region: string };
  cost: string;
  currency: string;
  currency_conversion_rate: string;
  usage: { amount: string; unit: string };
  credits: Array<{ name: string; amount: string; type: string; id: string; full_name: string }>;
  invoice: { month: string };
  cost_type: string;
}

const SERVICES = [
  {
    id: "6F81-5844-456A",
    description: "Compute Engine",
    unit: "seconds",
    skus: [
      ["2E27-4F75-95CD", "N2 Instance Core running in Tokyo"],
      ["5C8A-2B9C-1F1E", "N2 Instance Ram running in Tokyo"],
      ["D973-5D65-BAB2", "Storage PD Capacity in Tokyo"],
    ],
    weight: 40,
  },
  {
    id: "95FF-2EF5-5EA1",
    description: "Cloud Storage",
    unit: "gibibyte month",
    skus: [
      ["E5F0-6A5D-7BAD", "Standard Storage Tokyo"],
      ["9E26-A5D8-4F3B", "Download APAC"],
    ],
    weight: 12,
  },
  {
    id: "24E6-581D-38E5",
    description: "BigQuery",
    unit: "tebibytes",
    skus: [
      ["3362-E469-6BEF", "Analysis (asia-northeast1)"],
      ["B7A1-3C0E-9D4E", "Active Logical Storage"],
    ],
    weight: 15,
  },
  {
    id: "9662-B51E-5089",
    description: "Cloud SQL",
    unit: "seconds",
    skus: [
      ["A1B2-C3D4-E5F6", "Cloud SQL for PostgreSQL: Zonal - vCPU in Tokyo"],
      ["F6E5-D4C3-B2A1", "Cloud SQL for PostgreSQL: Zonal - RAM in Tokyo"],
    ],
    weight: 12,
  },
  {
    id: "E505-1604-58F8",
    description: "Networking",
    unit: "gibibytes",
    skus: [
      ["C7FF-4F9E-C0DB", "Network Internet Egress from Tokyo to Japan"],
      ["984A-1F2B-3C4D", "Cloud Load Balancer Forwarding Rule"],
    ],
    weight: 8,
  },
  {
    id: "CCD8-9BF1-090E",
    description: "Kubernetes Engine",
    unit: "hours",
    skus: [["B561-BFBD-1264", "Regional Kubernetes Clusters"]],
    weight: 8,
  },
  {
    id: "152E-C115-5142",
    description: "Cloud Run",
    unit: "vCPU-seconds",
    skus: [["2DA5-55D3-E679", "CPU Allocation Time (tier 1)"]],
    weight: 5,
  },
] as const;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The service into whose share of the total weight `point` falls. */
function serviceAt(point: number) {
  let rest = point;
  for (const service of SERVICES) {
    rest -= service.weight;
    if (rest < 0) return service;
  }
  return SERVICES[0];
}

/** An integer number of micro-units as a decimal string with six decimals, trimmed. */
function micros(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(Math.trunc(n))).padStart(7, "0");
  const text = `${s.slice(0, -6)}.${s.slice(-6)}`.replace(/\.?0+$/, "");
  return neg && text !== "0" ? `-${text}` : text;
}

export function* generateGcpExportRows(options: {
  months: readonly string[];
  projects: readonly GeneratorProject[];
  rowsPerProjectMonth: number;
  seed: number;
}): Generator<GcpExportRow> {
  const random = mulberry32(options.seed);
  const totalWeight = SERVICES.reduce((s, x) => s + x.weight, 0);
  for (const month of options.months) {
    const [y, m] = month.split("-").map(Number) as [number, number];
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    for (const project of options.projects) {
      const currency = project.currency ?? "JPY";
      const size = project.size ?? 1;
      for (let i = 0; i < options.rowsPerProjectMonth; i++) {
        const service = serviceAt(random() * totalWeight);
        const [skuId, skuDescription] = service.skus[Math.floor(random() * service.skus.length)]!;
        const day = 1 + Math.floor(random() * days);
        const start = new Date(Date.UTC(y, m - 1, day, Math.floor(random() * 24)));
        // Typical row: 50-5,000 yen or 0.3-30 USD, in micro-units.
        const base = currency === "JPY" ? 50_000_000 + random() * 4_950_000_000 : 300_000 + random() * 29_700_000;
        const cost = Math.round(base * size);
        const credits: GcpExportRow["credits"] = [];
        const roll = random();
        if (roll < 0.15 && service.description === "Compute Engine")
          credits.push({
            name: "Sustained usage discount",
            amount: micros(-Math.round(cost * 0.2)),
            type: "SUSTAINED_USAGE_DISCOUNT",
            id: "sud",
            full_name: "Sustained usage discount",
          });
        else if (roll < 0.2)
          credits.push({
            name: "Committed use discount",
            amount: micros(-Math.round(cost * 0.3)),
            type: "COMMITTED_USAGE_DISCOUNT",
            id: "cud-1",
            full_name: "Committed use discount: 1 year",
          });
        else if (roll < 0.21)
          credits.push({
            name: "Free tier",
            amount: micros(-cost),
            type: "FREE_TIER",
            id: "free",
            full_name: "Free tier",
          });
        yield {
          billing_account_id: project.billingAccountId,
          service: { id: service.id, description: service.description },
          sku: { id: skuId, description: skuDescription },
          usage_start_time: start.toISOString(),
          usage_end_time: new Date(start.getTime() + 3_600_000).toISOString(),
          project: {
            id: project.id,
            name: project.name,
            labels: [{ key: "cost-center", value: project.id.split("-")[0]! }],
          },
          labels: random() < 0.5 ? [{ key: "env", value: project.id.includes("prod") ? "prod" : "dev" }] : [],
          location: { region: "asia-northeast1" },
          cost: micros(cost),
          currency,
          currency_conversion_rate: currency === "JPY" ? "1" : "150.24",
          usage: { amount: micros(Math.round(random() * 3_600_000_000)), unit: service.unit },
          credits,
          invoice: { month: month.replace("-", "") },
          cost_type: "regular",
        };
      }
    }
  }
}

const CSV_COLUMNS = [
  "billing_account_id",
  "service.id",
  "service.description",
  "sku.id",
  "sku.description",
  "usage_start_time",
  "usage_end_time",
  "project.id",
  "project.name",
  "project.labels",
  "labels",
  "location.region",
  "cost",
  "currency",
  "currency_conversion_rate",
  "usage.amount",
  "usage.unit",
  "credits",
  "invoice.month",
  "cost_type",
];

/** Credits as the export writes them: amounts are JSON numbers (written from the exact text). */
function creditsJson(credits: GcpExportRow["credits"]) {
  const items = credits.map(
    (c) =>
      `{"name":${JSON.stringify(c.name)},"amount":${c.amount},"type":"${c.type}","id":"${c.id}",` +
      `"full_name":${JSON.stringify(c.full_name)}}`,
  );
  return `[${items.join(",")}]`;
}

function csvCell(value: string) {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsvLine(r: GcpExportRow): string {
  return `${[
    r.billing_account_id,
    r.service.id,
    r.service.description,
    r.sku.id,
    r.sku.description,
    r.usage_start_time,
    r.usage_end_time,
    r.project.id,
    r.project.name,
    JSON.stringify(r.project.labels),
    JSON.stringify(r.labels),
    r.location.region,
    r.cost,
    r.currency,
    r.currency_conversion_rate,
    r.usage.amount,
    r.usage.unit,
    creditsJson(r.credits),
    r.invoice.month,
    r.cost_type,
  ]
    .map((v) => csvCell(String(v)))
    .join(",")}\n`;
}

async function writeLines(file: string, header: string | null, lines: Iterable<string>) {
  const out = fs.createWriteStream(file);
  if (header) out.write(header);
  let chunk = "";
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

export function writeGcpExportCsv(file: string, rows: Iterable<GcpExportRow>) {
  return writeLines(
    file,
    `${CSV_COLUMNS.join(",")}\n`,
    (function* () {
      for (const r of rows) yield toCsvLine(r);
    })(),
  );
}

export function writeGcpExportJsonl(file: string, rows: Iterable<GcpExportRow>) {
  return writeLines(
    file,
    null,
    (function* () {
      // Amounts as JSON numbers, as the export writes them (the importer reads their source text).
      for (const r of rows) yield `${JSON.stringify(r).replace(/"(cost|amount)":"(-?[\d.]+)"/g, '"$1":$2')}\n`;
    })(),
  );
}
