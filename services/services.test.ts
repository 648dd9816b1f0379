// The local services over real HTTP (port 0, temp data dirs): auth, idempotency, faults,
// journal persistence and the CRM / document routes.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCrmServer } from "./crm/server";
import { startDocumentsServer } from "./documents/server";
import { faultsFromEnv, NO_FAULTS, type Faults } from "./lib/http-service";

const CRM_TOKEN = "test-crm-token";
const DOCS_TOKEN = "test-docs-token";

/**
 * The answer fields these tests read, across all routes. An answer carries only its own route's
 * fields, so a missing one fails its assertion at run time; typing them still catches misspelt names.
 */
type Body = {
  error: string;
  id: string;
  name: string;
  address: string;
  status: string;
  url: string;
  sha256: string;
  items: { id: string; metadata: { invoiceNumber: string } }[];
  // a document's e-invoice
  einvoice: { sha256: string; url: string } | null;
  einvoices: number;
  // GET /_admin/stats
  customers: number;
  invoices: number;
  documents: number;
  recordsByInvoiceNumber: Record<string, number>;
  requests: {
    replayed: number;
    byStatus: Record<string, number>;
    injected: { errors: number; timeouts: number; afterWrite: number };
  };
};

type Answer = { status: number; headers: Headers; json: Body; bytes: Buffer };

async function call(
  baseUrl: string,
  method: string,
  urlPath: string,
  options: { token?: string | null; key?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers["idempotency-key"] = options.key;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(baseUrl + urlPath, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const isJson = (response.headers.get("content-type") ?? "").includes("json") && bytes.length > 0;
  // JSON.parse returns `any`, read here as Body; an answer without a JSON body reads as null.
  const json: Body = JSON.parse(isJson ? bytes.toString("utf8") : "null");
  return { status: response.status, headers: response.headers, json, bytes };
}

const customer = { name: "Acme KK", nameKana: "アクメ", registrationNumber: "T1234567890123", address: "Tokyo" };
const invoice = (number: string, overrides: Record<string, unknown> = {}) => ({
  kind: "INVOICE",
  number,
  correctsNumber: null,
  month: "2026-04",
  issueDate: "2026-04-30",
  dueDate: "2026-05-31",
  currency: "JPY",
  amountsByTaxRate: [{ taxRate: "STANDARD_10", baseJpy: "100000", taxJpy: "10000" }],
  subtotalJpy: "100000",
  taxJpy: "10000",
  totalJpy: "110000",
  status: "ISSUED",
  documentUrl: null,
  documentId: null,
  customerCode: "C-1",
  ...overrides,
});

const pdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label}\n%%EOF\n`, "latin1");
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const upload = (number: string, bytes: Buffer, metadata: Record<string, unknown> = {}) => ({
  fileName: `${number}.pdf`,
  contentBase64: bytes.toString("base64"),
  metadata: {
    invoiceNumber: number,
    kind: "INVOICE",
    issueDate: "2026-04-30",
    totalJpy: "110000",
    counterpartyCode: "C-1",
    counterpartyName: "Acme KK",
    registrationNumber: "T1234567890123",
    month: "2026-04",
    sha256: sha(bytes),
    ...metadata,
  },
});

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "services-test-"));
  dirs.push(dir);
  return dir;
};

let crm: Awaited<ReturnType<typeof startCrmServer>>;
let docs: Awaited<ReturnType<typeof startDocumentsServer>>;

const crmCall = (method: string, urlPath: string, options: Parameters<typeof call>[3] = {}) =>
  call(crm.url, method, urlPath, { token: CRM_TOKEN, ...options });
const docsCall = (method: string, urlPath: string, options: Parameters<typeof call>[3] = {}) =>
  call(docs.url, method, urlPath, { token: DOCS_TOKEN, ...options });
const setFaults = async (baseUrl: string, token: string, faults: Partial<Faults>) => {
  const answer = await call(baseUrl, "POST", "/_admin/faults", { token, body: faults });
  expect(answer.status).toBe(200);
};
const crmStats = async () => (await crmCall("GET", "/_admin/stats")).json;

beforeAll(async () => {
  crm = await startCrmServer({ port: 0, token: CRM_TOKEN, dataDir: tempDir() });
  docs = await startDocumentsServer({ port: 0, token: DOCS_TOKEN, dataDir: tempDir() });
});

beforeEach(async () => {
  for (const [service, token] of [
    [crm, CRM_TOKEN],
    [docs, DOCS_TOKEN],
  ] as const) {
    expect((await call(service.url, "POST", "/_admin/reset", { token })).status).toBe(200);
    await setFaults(service.url, token, NO_FAULTS);
  }
});

afterAll(async () => {
  await Promise.all([crm?.close(), docs?.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("auth", () => {
  it("answers /health without a token and refuses everything else with 401", async () => {
    expect((await call(crm.url, "GET", "/health")).json).toEqual({ status: "ok", service: "crm" });
    const anonymous = await call(crm.url, "GET", "/invoices");
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toMatch(/bearer token/);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    expect((await call(crm.url, "GET", "/invoices", { token: "wrong" })).status).toBe(401);
    expect((await call(crm.url, "GET", "/invoices", { token: DOCS_TOKEN })).status).toBe(401);
    expect((await call(crm.url, "GET", "/_admin/stats")).status).toBe(401);
    expect((await call(docs.url, "POST", "/documents", { key: "k", body: {} })).status).toBe(401);
    expect((await crmCall("GET", "/invoices")).status).toBe(200);
  });
});

describe("idempotency", () => {
  it("requires an Idempotency-Key on writes", async () => {
    const answer = await crmCall("PUT", "/customers/C-1", { body: customer });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/Idempotency-Key/);
    expect((await crmStats()).customers).toBe(0);
  });

  it("replays the first answer for the same key and request", async () => {
    await crmCall("PUT", "/customers/C-1", { key: "cust-1", body: customer });
    const first = await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const second = await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json).toEqual(first.json);
    const stats = await crmStats();
    expect(stats.recordsByInvoiceNumber).toEqual({ "INV-1": 1 });
    expect(stats.requests.replayed).toBe(1);
  });

  it("answers 422 when a key is reused with a different request", async () => {
    await crmCall("PUT", "/customers/C-1", { key: "cust-1", body: customer });
    const other = await crmCall("PUT", "/customers/C-1", { key: "cust-1", body: { ...customer, name: "Other" } });
    expect(other.status).toBe(422);
    expect(other.json).toEqual({ error: "idempotency key reused with a different request" });
    // Same body, different path: a different request too.
    expect((await crmCall("PUT", "/customers/C-2", { key: "cust-1", body: customer })).status).toBe(422);
    expect((await crmCall("GET", "/customers/C-1")).json.name).toBe("Acme KK");
  });

  it("does not remember failures, so the same key can be retried", async () => {
    // Unknown customer: 422, not remembered.
    const refused = await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatch(/unknown customer/);
    await crmCall("PUT", "/customers/C-1", { key: "cust-1", body: customer });
    const retried = await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();

    // An injected failure before the write is not remembered either.
    await setFaults(crm.url, CRM_TOKEN, { errorRate: 1 });
    expect((await crmCall("POST", "/invoices", { key: "inv-2", body: invoice("INV-2") })).status).toBe(503);
    await setFaults(crm.url, CRM_TOKEN, { errorRate: 0 });
    const afterFault = await crmCall("POST", "/invoices", { key: "inv-2", body: invoice("INV-2") });
    expect(afterFault.status).toBe(201);
    expect(afterFault.headers.get("idempotent-replayed")).toBeNull();
    expect((await crmStats()).recordsByInvoiceNumber).toEqual({ "INV-1": 1, "INV-2": 1 });
  });

  it("executes concurrent requests with the same key once", async () => {
    await crmCall("PUT", "/customers/C-1", { key: "cust-1", body: customer });
    await setFaults(crm.url, CRM_TOKEN, { latencyMs: 20 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(5);
    expect((await crmStats()).recordsByInvoiceNumber).toEqual({ "INV-1": 1 });
  });

  it("ignores keys entirely when honourIdempotencyKeys is false", async () => {
    await setFaults(crm.url, CRM_TOKEN, { honourIdempotencyKeys: false });
    expect((await crmCall("PUT", "/customers/C-1", { body: customer })).status).toBe(201);
    const first = await crmCall("PUT", "/customers/C-2", { key: "same", body: customer });
    const second = await crmCall("PUT", "/customers/C-2", { key: "same", body: customer });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("CRM", () => {
  it("upserts customers, creates, finds, updates and reads invoice records", async () => {
    const created = await crmCall("PUT", "/customers/C-1", { key: "c1", body: customer });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ code: "C-1", ...customer });
    const updated = await crmCall("PUT", "/customers/C-1", {
      key: "c2",
      body: { ...customer, code: "C-1", address: "Osaka" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.address).toBe("Osaka");
    expect((await crmCall("PUT", "/customers/C-1", { key: "c3", body: { ...customer, code: "C-9" } })).status).toBe(
      400,
    );

    const record = await crmCall("POST", "/invoices", { key: "i1", body: invoice("INV-2026-0001") });
    expect(record.status).toBe(201);
    expect(record.json.id).toMatch(/^crm-inv-[0-9a-f-]{36}$/);
    expect(record.headers.get("location")).toBe(`${crm.url}/invoices/${record.json.id}`);
    expect(record.json).toMatchObject(invoice("INV-2026-0001"));

    const duplicate = await crmCall("POST", "/invoices", { key: "i2", body: invoice("INV-2026-0001") });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.id).toBe(record.json.id);

    const found = await crmCall("GET", "/invoices?number=INV-2026-0001");
    expect(found.json.items).toHaveLength(1);
    expect(found.json.items[0]!.id).toBe(record.json.id);
    expect((await crmCall("GET", "/invoices?number=INV-missing")).json.items).toEqual([]);

    const patched = await crmCall("PATCH", `/invoices/${record.json.id}`, {
      key: "p1",
      body: {
        status: "VOIDED",
        documentUrl: "http://docs/documents/doc-1/content",
        documentId: "doc-1",
        totalJpy: "0",
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      number: "INV-2026-0001",
      status: "VOIDED",
      documentId: "doc-1",
      totalJpy: "0",
      month: "2026-04",
    });
    expect((await crmCall("GET", `/invoices/${record.json.id}`)).json).toEqual(patched.json);

    expect((await crmCall("PATCH", `/invoices/${record.json.id}`, { key: "p2", body: { number: "X" } })).status).toBe(
      400,
    );
    expect((await crmCall("PATCH", `/invoices/${record.json.id}`, { key: "p3", body: { totalJpy: 1.5 } })).status).toBe(
      400,
    );
    expect((await crmCall("PATCH", "/invoices/crm-inv-nope", { key: "p4", body: { status: "VOIDED" } })).status).toBe(
      404,
    );
    expect((await crmCall("GET", "/invoices/crm-inv-nope")).status).toBe(404);
    expect(
      (await crmCall("POST", "/invoices", { key: "bad", body: invoice("INV-3", { totalJpy: 110000 }) })).status,
    ).toBe(400);
    expect((await crmCall("GET", "/nope")).status).toBe(404);
    expect((await crmCall("DELETE", "/invoices")).status).toBe(405);

    const stats = await crmStats();
    expect(stats).toMatchObject({
      service: "crm",
      customers: 1,
      invoices: 1,
      recordsByInvoiceNumber: { "INV-2026-0001": 1 },
    });
    expect(stats.requests.byStatus["201"]).toBe(2);
    expect(stats.requests.byStatus["409"]).toBe(1);
  });
});

describe("documents", () => {
  it("stores, searches and serves PDFs", async () => {
    const bytes = pdf("INV-1");
    const stored = await docsCall("POST", "/documents", { key: "d1", body: upload("INV-1", bytes) });
    expect(stored.status).toBe(201);
    expect(stored.json.id).toMatch(/^doc-[0-9a-f-]{36}$/);
    expect(stored.json.url).toBe(`${docs.url}/documents/${stored.json.id}/content`);
    expect(stored.json.sha256).toBe(sha(bytes));
    await docsCall("POST", "/documents", {
      key: "d2",
      body: upload("INV-2", pdf("INV-2"), {
        issueDate: "2026-05-31",
        totalJpy: "5500",
        counterpartyCode: "C-2",
        counterpartyName: "Beta LLC",
      }),
    });

    const ids = async (query: string) =>
      (await docsCall("GET", `/documents?${query}`)).json.items.map((d) => d.metadata.invoiceNumber).sort();
    expect(await ids("")).toEqual(["INV-1", "INV-2"]);
    expect(await ids("invoiceNumber=INV-1")).toEqual(["INV-1"]);
    expect(await ids("issueDateFrom=2026-05-01")).toEqual(["INV-2"]);
    expect(await ids("issueDateTo=2026-04-30")).toEqual(["INV-1"]);
    expect(await ids("minTotalJpy=10000")).toEqual(["INV-1"]);
    expect(await ids("maxTotalJpy=5500")).toEqual(["INV-2"]);
    expect(await ids("counterparty=beta")).toEqual(["INV-2"]);
    expect(await ids("counterparty=c-1")).toEqual(["INV-1"]);
    expect(await ids("counterparty=nobody")).toEqual([]);
    expect((await docsCall("GET", "/documents?issueDateFrom=yesterday")).status).toBe(400);

    const metadata = await docsCall("GET", `/documents/${stored.json.id}`);
    expect(metadata.json).toMatchObject({
      id: stored.json.id,
      fileName: "INV-1.pdf",
      size: bytes.length,
      metadata: { invoiceNumber: "INV-1" },
    });
    const content = await docsCall("GET", `/documents/${stored.json.id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get("content-type")).toBe("application/pdf");
    expect(content.bytes.equals(bytes)).toBe(true);
    expect((await docsCall("GET", "/documents/doc-nope/content")).status).toBe(404);

    expect((await docsCall("GET", "/_admin/stats")).json).toMatchObject({
      documents: 2,
      documentsByInvoiceNumber: { "INV-1": 1, "INV-2": 1 },
    });
  });

  it("refuses a hash mismatch and non-PDF content with 422", async () => {
    const mismatch = await docsCall("POST", "/documents", {
      key: "d1",
      body: upload("INV-1", pdf("INV-1"), { sha256: sha(pdf("other")) }),
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error).toMatch(/sha256 mismatch/);
    const text = Buffer.from("hello");
    const notPdf = await docsCall("POST", "/documents", { key: "d2", body: upload("INV-1", text) });
    expect(notPdf.status).toBe(422);
    expect(notPdf.json.error).toMatch(/not a PDF/);
    expect((await docsCall("GET", "/_admin/stats")).json.documents).toBe(0);
  });
});

describe("e-invoices beside the PDF", () => {
  const ubl = (label: string) =>
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
        `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>${label}</ID></Invoice>\n`,
    );
  const einvoice = (bytes: Buffer, overrides: Record<string, unknown> = {}) => ({
    fileName: "INV-1.xml",
    contentBase64: bytes.toString("base64"),
    sha256: sha(bytes),
    customizationId: "urn:peppol:pint:billing-1@jp-1",
    ...overrides,
  });

  it("stores the XML given with the PDF and serves it, with the same idempotency", async () => {
    const xml = ubl("INV-1");
    const body = { ...upload("INV-1", pdf("INV-1")), einvoice: einvoice(xml) };
    const stored = await docsCall("POST", "/documents", { key: "e1", body });
    expect(stored.status).toBe(201);
    expect(stored.json.einvoice).toMatchObject({
      fileName: "INV-1.xml",
      sha256: sha(xml),
      size: xml.length,
      customizationId: "urn:peppol:pint:billing-1@jp-1",
      url: `${docs.url}/documents/${stored.json.id}/einvoice`,
      contentType: "application/xml",
    });
    const again = await docsCall("POST", "/documents", { key: "e1", body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(stored.json);
    const content = await docsCall("GET", `/documents/${stored.json.id}/einvoice`);
    expect(content.status).toBe(200);
    expect(content.headers.get("content-type")).toBe("application/xml");
    expect(content.headers.get("etag")).toBe(`"${sha(xml)}"`);
    expect(content.bytes.equals(xml)).toBe(true);
    expect((await docsCall("GET", "/_admin/stats")).json).toMatchObject({ documents: 1, einvoices: 1 });
  });

  it("attaches the XML to a document stored without it, once", async () => {
    const stored = await docsCall("POST", "/documents", { key: "p1", body: upload("INV-1", pdf("INV-1")) });
    expect(stored.json.einvoice).toBeNull();
    const id = stored.json.id as string;
    expect((await docsCall("GET", `/documents/${id}/einvoice`)).status).toBe(404);
    const xml = ubl("INV-1");
    const attach = (key: string, bytes = xml) =>
      docsCall("POST", `/documents/${id}/einvoice`, { key, body: einvoice(bytes) });
    const attached = await attach("a1");
    expect(attached.status).toBe(201);
    expect(attached.json.einvoice?.sha256).toBe(sha(xml));
    expect((await attach("a1")).headers.get("idempotent-replayed")).toBe("true");
    // The same XML under another key: already there, nothing changes.
    const sameAgain = await attach("a2");
    expect(sameAgain.status).toBe(200);
    expect(sameAgain.json.einvoice?.sha256).toBe(sha(xml));
    // A different XML is refused; the first stays.
    const other = await attach("a3", ubl("INV-1 changed"));
    expect(other.status).toBe(409);
    expect((await docsCall("GET", `/documents/${id}/einvoice`)).bytes.equals(xml)).toBe(true);
    expect((await docsCall("GET", `/documents/${id}`)).json.einvoice?.sha256).toBe(sha(xml));
    expect((await docsCall("POST", "/documents/doc-nope/einvoice", { key: "a4", body: einvoice(xml) })).status).toBe(
      404,
    );
  });

  it("keeps the attachment across a restart (journal)", async () => {
    const dataDir = tempDir();
    const first = await startDocumentsServer({ port: 0, token: DOCS_TOKEN, dataDir });
    const stored = await call(first.url, "POST", "/documents", {
      token: DOCS_TOKEN,
      key: "j1",
      body: upload("INV-9", pdf("INV-9")),
    });
    const xml = ubl("INV-9");
    await call(first.url, "POST", `/documents/${stored.json.id}/einvoice`, {
      token: DOCS_TOKEN,
      key: "j2",
      body: einvoice(xml),
    });
    await first.close();
    const second = await startDocumentsServer({ port: 0, token: DOCS_TOKEN, dataDir });
    try {
      const content = await call(second.url, "GET", `/documents/${stored.json.id}/einvoice`, { token: DOCS_TOKEN });
      expect(content.bytes.equals(xml)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("refuses XML whose hash does not match or that is not UBL, and stores nothing", async () => {
    const xml = ubl("INV-1");
    const mismatch = await docsCall("POST", "/documents", {
      key: "m1",
      body: { ...upload("INV-1", pdf("INV-1")), einvoice: einvoice(xml, { sha256: sha(ubl("other")) }) },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error).toMatch(/einvoice sha256 mismatch/);
    const html = Buffer.from("<html><body>not an invoice</body></html>");
    const notUbl = await docsCall("POST", "/documents", {
      key: "m2",
      body: { ...upload("INV-1", pdf("INV-1")), einvoice: einvoice(html) },
    });
    expect(notUbl.status).toBe(422);
    expect(notUbl.json.error).toMatch(/not a UBL XML document/);
    expect((await docsCall("GET", "/_admin/stats")).json).toMatchObject({ documents: 0, einvoices: 0 });
  });
});

describe("fault injection", () => {
  beforeEach(async () => {
    await crmCall("PUT", "/customers/C-1", { key: "cust-1", body: customer });
  });

  it("errorRate 1 answers writes 503 without applying them; reads still work", async () => {
    await setFaults(crm.url, CRM_TOKEN, { errorRate: 1 });
    const answer = await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") });
    expect(answer.status).toBe(503);
    expect(answer.json).toEqual({ error: "Injected failure" });
    expect((await crmCall("GET", "/invoices")).status).toBe(200);
    const stats = await crmStats();
    expect(stats.invoices).toBe(0);
    expect(stats.requests.injected.errors).toBe(1);
  });

  it("rateLimitRate 1 answers 429 with Retry-After", async () => {
    await setFaults(crm.url, CRM_TOKEN, { rateLimitRate: 1 });
    const answer = await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") });
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("1");
    expect((await crmCall("GET", "/invoices")).status).toBe(429);
    expect((await call(crm.url, "GET", "/health")).status).toBe(200);
  });

  it("afterWriteShare 1: the write is applied although 503 is returned, and the retry is replayed", async () => {
    await setFaults(crm.url, CRM_TOKEN, { errorRate: 1, afterWriteShare: 1 });
    const failed = await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") });
    expect(failed.status).toBe(503);
    expect((await crmStats()).recordsByInvoiceNumber).toEqual({ "INV-1": 1 });

    // Still failing: the retry must not duplicate either.
    expect((await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") })).status).toBe(503);
    await setFaults(crm.url, CRM_TOKEN, { errorRate: 0 });
    const retried = await crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1") });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    const stats = await crmStats();
    expect(stats.recordsByInvoiceNumber).toEqual({ "INV-1": 1 });
    expect(stats.requests.injected.afterWrite).toBe(2);
  });

  it("timeoutRate 1 never answers (before or after the write)", async () => {
    await setFaults(crm.url, CRM_TOKEN, { timeoutRate: 1 });
    await expect(
      crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1"), signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect((await crmStats()).invoices).toBe(0);
    await setFaults(crm.url, CRM_TOKEN, { afterWriteShare: 1 });
    await expect(
      crmCall("POST", "/invoices", { key: "inv-1", body: invoice("INV-1"), signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    const stats = await crmStats();
    expect(stats.invoices).toBe(1);
    expect(stats.requests.injected.timeouts).toBe(2);
  });

  it("latencyMs delays requests", async () => {
    await setFaults(crm.url, CRM_TOKEN, { latencyMs: 150 });
    const started = performance.now();
    expect((await crmCall("GET", "/invoices")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("validates fault settings and reports them", async () => {
    expect((await crmCall("POST", "/_admin/faults", { body: { errorRate: 2 } })).status).toBe(400);
    expect((await crmCall("POST", "/_admin/faults", { body: { bogus: 1 } })).status).toBe(400);
    await setFaults(crm.url, CRM_TOKEN, { errorRate: 0.5 });
    expect((await crmCall("GET", "/_admin/faults")).json).toEqual({ ...NO_FAULTS, errorRate: 0.5 });
  });

  it("reads fault settings from the environment", () => {
    expect(faultsFromEnv("CRM", {})).toEqual(NO_FAULTS);
    expect(
      faultsFromEnv("DOCUMENTS", {
        DOCUMENTS_LATENCY_MS: "25",
        DOCUMENTS_ERROR_RATE: "0.1",
        DOCUMENTS_TIMEOUT_RATE: "0.2",
        DOCUMENTS_RATE_LIMIT_RATE: "0.3",
        DOCUMENTS_AFTER_WRITE_SHARE: "0.5",
        DOCUMENTS_HONOUR_IDEMPOTENCY_KEYS: "false",
        CRM_ERROR_RATE: "1",
      }),
    ).toEqual({
      latencyMs: 25,
      errorRate: 0.1,
      timeoutRate: 0.2,
      rateLimitRate: 0.3,
      afterWriteShare: 0.5,
      honourIdempotencyKeys: false,
    });
    expect(() => faultsFromEnv("CRM", { CRM_ERROR_RATE: "1.5" })).toThrow(/CRM_ERROR_RATE/);
    expect(() => faultsFromEnv("CRM", { CRM_HONOUR_IDEMPOTENCY_KEYS: "maybe" })).toThrow(/HONOUR/);
  });
});

describe("stats and reset", () => {
  it("counts requests by status and clears everything on reset", async () => {
    await crmCall("PUT", "/customers/C-1", { key: "c1", body: customer });
    await crmCall("PUT", "/customers/C-1", { key: "c1", body: customer });
    await crmCall("PUT", "/customers/C-1", { body: customer });
    await call(crm.url, "GET", "/invoices");
    const stats = await crmStats();
    expect(stats.requests).toMatchObject({
      total: 4,
      writes: 3,
      replayed: 1,
      byStatus: { "201": 2, "400": 1, "401": 1 },
    });
    expect(stats.customers).toBe(1);

    await crmCall("POST", "/_admin/reset");
    const after = await crmStats();
    expect(after).toMatchObject({
      customers: 0,
      invoices: 0,
      requests: { total: 0, writes: 0, replayed: 0, byStatus: {} },
    });
    // Keys are forgotten too: the same key executes again.
    const again = await crmCall("PUT", "/customers/C-1", { key: "c1", body: customer });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("journal", () => {
  let extra: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(extra.map((service) => service.close()));
    extra = [];
  });

  it("a restarted CRM keeps its records and idempotency keys", async () => {
    const dataDir = tempDir();
    const first = await startCrmServer({ port: 0, token: CRM_TOKEN, dataDir });
    extra.push(first);
    await call(first.url, "PUT", "/customers/C-1", { token: CRM_TOKEN, key: "c1", body: customer });
    const created = await call(first.url, "POST", "/invoices", { token: CRM_TOKEN, key: "i1", body: invoice("INV-1") });
    await call(first.url, "PATCH", `/invoices/${created.json.id}`, {
      token: CRM_TOKEN,
      key: "p1",
      body: { status: "VOIDED" },
    });
    await first.close();

    const second = await startCrmServer({ port: 0, token: CRM_TOKEN, dataDir });
    extra.push(second);
    const stats = (await call(second.url, "GET", "/_admin/stats", { token: CRM_TOKEN })).json;
    expect(stats).toMatchObject({ customers: 1, invoices: 1, recordsByInvoiceNumber: { "INV-1": 1 } });
    expect((await call(second.url, "GET", `/invoices/${created.json.id}`, { token: CRM_TOKEN })).json.status).toBe(
      "VOIDED",
    );
    const replay = await call(second.url, "POST", "/invoices", { token: CRM_TOKEN, key: "i1", body: invoice("INV-1") });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json.id).toBe(created.json.id);
  });

  it("a restarted document service still serves stored PDFs", async () => {
    const dataDir = tempDir();
    const first = await startDocumentsServer({
      port: 0,
      token: DOCS_TOKEN,
      dataDir,
      publicUrl: "https://docs.example.test/",
    });
    extra.push(first);
    const bytes = pdf("persist");
    const stored = await call(first.url, "POST", "/documents", {
      token: DOCS_TOKEN,
      key: "d1",
      body: upload("INV-9", bytes),
    });
    expect(stored.json.url).toBe(`https://docs.example.test/documents/${stored.json.id}/content`);
    await first.close();

    const second = await startDocumentsServer({ port: 0, token: DOCS_TOKEN, dataDir });
    extra.push(second);
    const content = await call(second.url, "GET", `/documents/${stored.json.id}/content`, { token: DOCS_TOKEN });
    expect(content.bytes.equals(bytes)).toBe(true);
    expect(
      (await call(second.url, "GET", "/documents?invoiceNumber=INV-9", { token: DOCS_TOKEN })).json.items,
    ).toHaveLength(1);
  });
});
