// The HTTP clients against the real local services (port 0): results classified for the retry
// policy, and lookup-before-create keeping deliveries single when keys are not honoured.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startCrmServer } from "@/services/crm/server";
import { startDocumentsServer } from "@/services/documents/server";
import { NO_FAULTS, type Faults } from "@/services/lib/http-service";
import { createServiceClients, LOCAL_SERVICES, servicesConfigFromEnv } from "./config";
import { createCrmClient } from "./crm-client";
import { createDocumentsClient } from "./documents-client";
import { callService, parseRetryAfter } from "./http";
import type { CrmDelivery, DocumentUpload } from "./types";

const CRM_TOKEN = "clients-crm-token";
const UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const DOCS_TOKEN = "clients-docs-token";

let crm: Awaited<ReturnType<typeof startCrmServer>>;
let docs: Awaited<ReturnType<typeof startDocumentsServer>>;
const dirs: string[] = [];

/** What the fake services' admin and read endpoints answer, as far as the assertions read it. */
type AdminAnswer = Record<string, unknown> & {
  items: Array<Record<string, unknown>>;
  requests: Record<string, number>;
};

const admin = async (baseUrl: string, token: string, method: "GET" | "POST", urlPath: string, body?: unknown) => {
  const response = await fetch(baseUrl + urlPath, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AdminAnswer;
};
const crmFaults = (faults: Partial<Faults>) => admin(crm.url, CRM_TOKEN, "POST", "/_admin/faults", faults);
const docsFaults = (faults: Partial<Faults>) => admin(docs.url, DOCS_TOKEN, "POST", "/_admin/faults", faults);
const crmStats = () => admin(crm.url, CRM_TOKEN, "GET", "/_admin/stats");
const docsStats = () => admin(docs.url, DOCS_TOKEN, "GET", "/_admin/stats");

const crmClient = (options: { lookupBeforeCreate?: boolean; timeoutMs?: number; token?: string } = {}) =>
  createCrmClient({
    baseUrl: crm.url,
    token: options.token ?? CRM_TOKEN,
    timeoutMs: options.timeoutMs ?? 2000,
    lookupBeforeCreate: options.lookupBeforeCreate ?? true,
  });
const docsClient = (options: { lookupBeforeCreate?: boolean; timeoutMs?: number } = {}) =>
  createDocumentsClient({
    baseUrl: docs.url,
    token: DOCS_TOKEN,
    timeoutMs: options.timeoutMs ?? 2000,
    lookupBeforeCreate: options.lookupBeforeCreate ?? true,
  });

const delivery = (
  number: string,
  overrides: Partial<CrmDelivery["invoice"]> = {},
  key = `release:${number}`,
): CrmDelivery => ({
  idempotencyKey: key,
  customer: { code: "C-1", name: "Acme KK", nameKana: null, registrationNumber: "T1234567890123", address: "Tokyo" },
  invoice: {
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
    ...overrides,
  },
});

const documentUpload = (number: string, label = number, key = `release:${number}:pdf`): DocumentUpload => {
  const pdf = new Uint8Array(Buffer.from(`%PDF-1.7\n% ${label}\n%%EOF\n`, "latin1"));
  return {
    idempotencyKey: key,
    fileName: `${number}.pdf`,
    pdf,
    metadata: {
      invoiceNumber: number,
      kind: "INVOICE",
      issueDate: "2026-04-30",
      totalJpy: "110000",
      counterpartyCode: "C-1",
      counterpartyName: "Acme KK",
      registrationNumber: "T1234567890123",
      month: "2026-04",
      sha256: createHash("sha256").update(pdf).digest("hex"),
    },
  };
};

const tempDir = () => {
  const created = mkdtempSync(path.join(tmpdir(), "clients-test-"));
  dirs.push(created);
  return created;
};

beforeAll(async () => {
  crm = await startCrmServer({ port: 0, token: CRM_TOKEN, dataDir: tempDir() });
  docs = await startDocumentsServer({ port: 0, token: DOCS_TOKEN, dataDir: tempDir() });
});

beforeEach(async () => {
  await admin(crm.url, CRM_TOKEN, "POST", "/_admin/reset");
  await admin(docs.url, DOCS_TOKEN, "POST", "/_admin/reset");
  await crmFaults(NO_FAULTS);
  await docsFaults(NO_FAULTS);
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await Promise.all([crm?.close(), docs?.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("CRM client", () => {
  it("delivers the customer and the invoice record and returns the record id", async () => {
    const result = await crmClient().deliverInvoice(delivery("INV-1"));
    expect(result).toMatchObject({ kind: "sent", httpStatus: 201 });
    if (result.kind !== "sent") throw new Error("unreachable");
    expect(result.externalId).toMatch(/^crm-inv-/);
    expect(result.externalUrl).toBe(`${crm.url}/invoices/${result.externalId}`);

    const record = await admin(crm.url, CRM_TOKEN, "GET", `/invoices/${result.externalId}`);
    expect(record).toMatchObject({ number: "INV-1", customerCode: "C-1", totalJpy: "110000", month: "2026-04" });
    expect(await admin(crm.url, CRM_TOKEN, "GET", "/customers/C-1")).toMatchObject({ name: "Acme KK" });
  });

  it("a void is recorded under its own number and marks the invoice it voids as voided", async () => {
    const original = await crmClient().deliverInvoice(delivery("INV-7"));
    if (original.kind !== "sent") throw new Error(`not sent: ${JSON.stringify(original)}`);
    const voiding = { ...delivery("INV-8"), idempotencyKey: "release:INV-8:crm" };
    voiding.invoice = { ...voiding.invoice, kind: "VOID", correctsNumber: "INV-7", totalJpy: "-110000" };
    const result = await crmClient().deliverInvoice(voiding);
    expect(result).toMatchObject({ kind: "sent" });
    expect(await admin(crm.url, CRM_TOKEN, "GET", `/invoices/${original.externalId}`)).toMatchObject({
      number: "INV-7",
      status: "VOIDED",
    });
    if (result.kind !== "sent") throw new Error("unreachable");
    expect(await admin(crm.url, CRM_TOKEN, "GET", `/invoices/${result.externalId}`)).toMatchObject({
      number: "INV-8",
      kind: "VOID",
      status: "ISSUED",
    });
  });

  it("a repeated delivery updates the same record (lookup) or is replayed (keys)", async () => {
    const first = await crmClient().deliverInvoice(delivery("INV-1"));
    const withDocument = delivery(
      "INV-1",
      { documentId: "doc-1", documentUrl: "http://docs/doc-1" },
      "release:INV-1:2",
    );
    const updated = await crmClient().deliverInvoice(withDocument);
    expect(updated).toMatchObject({ kind: "sent", httpStatus: 200 });
    expect(updated.kind === "sent" && first.kind === "sent" && updated.externalId === first.externalId).toBe(true);

    const replayed = await crmClient({ lookupBeforeCreate: false }).deliverInvoice(delivery("INV-2"));
    const again = await crmClient({ lookupBeforeCreate: false }).deliverInvoice(delivery("INV-2"));
    expect(again).toEqual(replayed);

    const stats = await crmStats();
    expect(stats.recordsByInvoiceNumber).toEqual({ "INV-1": 1, "INV-2": 1 });
    expect(stats.requests.replayed).toBeGreaterThanOrEqual(2);
    expect((await admin(crm.url, CRM_TOKEN, "GET", "/invoices?number=INV-1")).items[0]?.documentId).toBe("doc-1");
  });

  it("classifies 503 and 429 as retry", async () => {
    await crmFaults({ errorRate: 1 });
    expect(await crmClient().deliverInvoice(delivery("INV-1"))).toEqual({
      kind: "retry",
      error: "503 Injected failure",
      httpStatus: 503,
      retryAfterMs: null,
    });
    await crmFaults({ errorRate: 0, rateLimitRate: 1 });
    expect(await crmClient().deliverInvoice(delivery("INV-1"))).toEqual({
      kind: "retry",
      error: "429 Too many requests",
      httpStatus: 429,
      retryAfterMs: 1000,
    });
  });

  it("classifies 400, 401 and 422 as failed", async () => {
    expect(await crmClient().deliverInvoice(delivery("INV-1", { month: "2026-13" }))).toEqual({
      kind: "failed",
      error: "400 invalid request: month: expected YYYY-MM",
      httpStatus: 400,
    });
    expect(await crmClient({ token: "wrong" }).deliverInvoice(delivery("INV-1"))).toEqual({
      kind: "failed",
      error: "401 missing or invalid bearer token",
      httpStatus: 401,
    });
    // The same key for a different invoice: the CRM refuses the reuse.
    const client = crmClient({ lookupBeforeCreate: false });
    expect((await client.deliverInvoice(delivery("INV-1"))).kind).toBe("sent");
    expect(await client.deliverInvoice(delivery("INV-1", { totalJpy: "1" }))).toEqual({
      kind: "failed",
      error: "422 idempotency key reused with a different request",
      httpStatus: 422,
    });
  });

  it("classifies a timeout as retry", async () => {
    await crmFaults({ timeoutRate: 1 });
    const started = performance.now();
    // The customer PUT hangs; the client gives up after timeoutMs.
    expect(await crmClient({ timeoutMs: 300 }).deliverInvoice(delivery("INV-1"))).toEqual({
      kind: "retry",
      error: "timeout after 300ms",
      httpStatus: null,
      retryAfterMs: null,
    });
    expect(performance.now() - started).toBeLessThan(2000);
    // CallOptions override the client's timeout.
    expect(await crmClient().deliverInvoice(delivery("INV-1"), { timeoutMs: 100 })).toMatchObject({
      kind: "retry",
      error: "timeout after 100ms",
    });
  });

  it("classifies a caller abort and a refused connection as retry", async () => {
    // A server of its own: the slow request it abandons must not land in another test.
    const slow = await startCrmServer({ port: 0, token: CRM_TOKEN, dataDir: tempDir(), faults: { latencyMs: 1000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const client = createCrmClient({ baseUrl: slow.url, token: CRM_TOKEN, timeoutMs: 2000, lookupBeforeCreate: true });
    expect(await client.deliverInvoice(delivery("INV-1"), { signal: controller.signal })).toMatchObject({
      kind: "retry",
      error: "aborted by caller",
      httpStatus: null,
    });
    await slow.close();

    // Nothing listens there any more.
    const refused = await client.deliverInvoice(delivery("INV-1"));
    expect(refused).toMatchObject({ kind: "retry", httpStatus: null, retryAfterMs: null });
    expect(refused.kind === "retry" && refused.error).toMatch(/fetch failed/);
  });

  it("with keys ignored, lookup-before-create keeps an invoice applied behind a 503 single", async () => {
    await crmFaults({ honourIdempotencyKeys: false });
    // Inject the failure for the invoice POST only (the customer PUT comes first in the same call).
    const realFetch = globalThis.fetch;
    let injected = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const isInvoicePost = String(input).endsWith("/invoices") && init?.method === "POST";
      if (isInvoicePost)
        await realFetch(`${crm.url}/_admin/faults`, {
          method: "POST",
          headers: { authorization: `Bearer ${CRM_TOKEN}` },
          body: JSON.stringify({ errorRate: 1, afterWriteShare: 1 }),
        });
      try {
        return await realFetch(input, init);
      } finally {
        if (isInvoicePost) {
          injected += 1;
          await realFetch(`${crm.url}/_admin/faults`, {
            method: "POST",
            headers: { authorization: `Bearer ${CRM_TOKEN}` },
            body: JSON.stringify({ errorRate: 0, afterWriteShare: 0 }),
          });
        }
      }
    });
    const failed = await crmClient().deliverInvoice(delivery("INV-1"));
    expect(failed).toMatchObject({ kind: "retry", error: "503 Injected failure" });
    expect(injected).toBe(1);
    expect((await crmStats()).recordsByInvoiceNumber).toEqual({ "INV-1": 1 });
    vi.restoreAllMocks();

    const retried = await crmClient().deliverInvoice(delivery("INV-1"));
    expect(retried).toMatchObject({ kind: "sent", httpStatus: 200 });
    const stats = await crmStats();
    expect(stats.recordsByInvoiceNumber).toEqual({ "INV-1": 1 });
    expect(retried.kind === "sent" && retried.externalId).toBe(
      (await admin(crm.url, CRM_TOKEN, "GET", "/invoices?number=INV-1")).items[0]?.id,
    );
  });

  it("without lookup, a 409 on create resolves to the existing record", async () => {
    await crmFaults({ honourIdempotencyKeys: false });
    const first = await crmClient({ lookupBeforeCreate: false }).deliverInvoice(delivery("INV-1"));
    const second = await crmClient({ lookupBeforeCreate: false }).deliverInvoice(delivery("INV-1"));
    expect(second).toMatchObject({ kind: "sent", httpStatus: 200 });
    expect(second.kind === "sent" && first.kind === "sent" && second.externalId === first.externalId).toBe(true);
    expect((await crmStats()).recordsByInvoiceNumber).toEqual({ "INV-1": 1 });
  });
});

describe("documents client", () => {
  it("uploads a PDF and returns the document id and URL", async () => {
    const upload = documentUpload("INV-1");
    const result = await docsClient().uploadInvoice(upload);
    expect(result).toMatchObject({ kind: "sent", httpStatus: 201 });
    if (result.kind !== "sent") throw new Error("unreachable");
    expect(result.externalId).toMatch(/^doc-/);
    expect(result.externalUrl).toBe(`${docs.url}/documents/${result.externalId}/content`);
    const content = await fetch(result.externalUrl!, { headers: { authorization: `Bearer ${DOCS_TOKEN}` } });
    expect(Buffer.from(await content.arrayBuffer()).equals(Buffer.from(upload.pdf))).toBe(true);

    // Uploading again finds it by number and hash.
    expect(await docsClient().uploadInvoice(upload)).toEqual({ ...result, httpStatus: 200 });
    expect((await docsStats()).documentsByInvoiceNumber).toEqual({ "INV-1": 1 });
  });

  it("sends the e-invoice beside the PDF, or attaches it to a document stored without it", async () => {
    const xml = (label: string) =>
      new Uint8Array(Buffer.from(`<?xml version="1.0"?><Invoice xmlns="${UBL_INVOICE}">${label}</Invoice>`));
    const file = (bytes: Uint8Array) => ({
      fileName: "INV-1.xml",
      xml: bytes,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      customizationId: "urn:peppol:pint:billing-1@jp-1",
    });
    const withXml = { ...documentUpload("INV-1"), einvoice: file(xml("1")) };
    const sent = await docsClient().uploadInvoice(withXml);
    expect(sent).toMatchObject({ kind: "sent", httpStatus: 201, einvoiceSha256: withXml.einvoice.sha256 });

    const pdfOnly = await docsClient().uploadInvoice(documentUpload("INV-2"));
    expect(pdfOnly).toMatchObject({ kind: "sent", einvoiceSha256: null });
    if (pdfOnly.kind !== "sent") throw new Error("unreachable");
    const attach = (bytes: Uint8Array, key: string) =>
      docsClient().attachEInvoice({ idempotencyKey: key, documentId: pdfOnly.externalId, einvoice: file(bytes) });
    expect(await attach(xml("2"), "attach-1")).toMatchObject({
      kind: "sent",
      externalId: pdfOnly.externalId,
      einvoiceSha256: file(xml("2")).sha256,
    });
    expect(await attach(xml("other"), "attach-2")).toMatchObject({ kind: "failed", httpStatus: 409 });
    expect((await docsStats()).einvoices).toBe(2);
  });

  it("classifies 503 as retry and a hash mismatch (422) and a bad body (400) as failed", async () => {
    await docsFaults({ errorRate: 1 });
    expect(await docsClient().uploadInvoice(documentUpload("INV-1"))).toEqual({
      kind: "retry",
      error: "503 Injected failure",
      httpStatus: 503,
      retryAfterMs: null,
    });
    await docsFaults({ errorRate: 0 });

    const wrongHash = documentUpload("INV-1");
    wrongHash.metadata.sha256 = "0".repeat(64);
    const mismatch = await docsClient().uploadInvoice(wrongHash);
    expect(mismatch).toMatchObject({ kind: "failed", httpStatus: 422 });
    expect(mismatch.kind === "failed" && mismatch.error).toMatch(/^422 sha256 mismatch/);

    const badDate = documentUpload("INV-2");
    badDate.metadata.issueDate = "30/04/2026";
    expect(await docsClient().uploadInvoice(badDate)).toEqual({
      kind: "failed",
      error: "400 invalid request: metadata.issueDate: expected YYYY-MM-DD",
      httpStatus: 400,
    });
  });

  it("classifies a timeout as retry", async () => {
    await docsFaults({ timeoutRate: 1 });
    expect(await docsClient({ timeoutMs: 300 }).uploadInvoice(documentUpload("INV-1"))).toEqual({
      kind: "retry",
      error: "timeout after 300ms",
      httpStatus: null,
      retryAfterMs: null,
    });
  });

  it("with keys ignored, lookup-before-create does not store a second copy after a 503 that was applied", async () => {
    await docsFaults({ honourIdempotencyKeys: false, errorRate: 1, afterWriteShare: 1 });
    const upload = documentUpload("INV-1");
    expect(await docsClient().uploadInvoice(upload)).toMatchObject({ kind: "retry", error: "503 Injected failure" });
    expect((await docsStats()).documentsByInvoiceNumber).toEqual({ "INV-1": 1 });

    await docsFaults({ errorRate: 0, afterWriteShare: 0 });
    const retried = await docsClient().uploadInvoice(upload);
    expect(retried).toMatchObject({ kind: "sent", httpStatus: 200 });
    expect((await docsStats()).documentsByInvoiceNumber).toEqual({ "INV-1": 1 });
  });

  it("without lookup the same situation stores a duplicate (what the lookup prevents)", async () => {
    await docsFaults({ honourIdempotencyKeys: false, errorRate: 1, afterWriteShare: 1 });
    const upload = documentUpload("INV-1");
    expect((await docsClient({ lookupBeforeCreate: false }).uploadInvoice(upload)).kind).toBe("retry");
    await docsFaults({ errorRate: 0, afterWriteShare: 0 });
    expect((await docsClient({ lookupBeforeCreate: false }).uploadInvoice(upload)).kind).toBe("sent");
    expect((await docsStats()).documentsByInvoiceNumber).toEqual({ "INV-1": 2 });
  });
});

describe("callService", () => {
  it("parses Retry-After seconds and dates", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
  });

  it("returns parsed JSON for 2xx and sends the idempotency key", async () => {
    const outcome = await callService<{ code: string }>({
      baseUrl: `${crm.url}/`,
      token: CRM_TOKEN,
      method: "PUT",
      path: "/customers/C-7",
      body: { name: "Seven" },
      idempotencyKey: "k-7",
      timeoutMs: 1000,
    });
    expect(outcome).toMatchObject({ kind: "ok", httpStatus: 201, json: { code: "C-7", name: "Seven" } });
    const missingKey = await callService({
      baseUrl: crm.url,
      token: CRM_TOKEN,
      method: "PUT",
      path: "/customers/C-8",
      body: { name: "Eight" },
      timeoutMs: 1000,
    });
    expect(missingKey).toEqual({
      kind: "failed",
      error: "400 Idempotency-Key header is required on writes",
      httpStatus: 400,
    });
  });
});

describe("config", () => {
  it("defaults to the local services", () => {
    expect(servicesConfigFromEnv({})).toEqual({
      crm: { baseUrl: "http://127.0.0.1:4010", token: LOCAL_SERVICES.crm.token },
      documents: { baseUrl: "http://127.0.0.1:4020", token: LOCAL_SERVICES.documents.token },
      timeoutMs: 5000,
      lookupBeforeCreate: true,
    });
  });

  it("reads overrides and refuses invalid values", () => {
    const config = servicesConfigFromEnv({
      CRM_BASE_URL: "https://crm.example.test/api/",
      CRM_TOKEN: "t1",
      DOCUMENTS_BASE_URL: "https://docs.example.test",
      DOCUMENTS_TOKEN: "t2",
      SERVICE_TIMEOUT_MS: "1500",
      SERVICES_LOOKUP_BEFORE_CREATE: "false",
    });
    expect(config).toEqual({
      crm: { baseUrl: "https://crm.example.test/api", token: "t1" },
      documents: { baseUrl: "https://docs.example.test", token: "t2" },
      timeoutMs: 1500,
      lookupBeforeCreate: false,
    });
    expect(() => servicesConfigFromEnv({ SERVICE_TIMEOUT_MS: "soon" })).toThrow(/SERVICE_TIMEOUT_MS/);
    expect(() => servicesConfigFromEnv({ CRM_BASE_URL: "ftp://crm" })).toThrow(/CRM_BASE_URL/);
    expect(() => servicesConfigFromEnv({ SERVICES_LOOKUP_BEFORE_CREATE: "no" })).toThrow(
      /SERVICES_LOOKUP_BEFORE_CREATE/,
    );
  });

  it("creates working clients from the config", async () => {
    const clients = createServiceClients(
      servicesConfigFromEnv({
        CRM_BASE_URL: crm.url,
        CRM_TOKEN,
        DOCUMENTS_BASE_URL: docs.url,
        DOCUMENTS_TOKEN: DOCS_TOKEN,
      }),
    );
    expect((await clients.crm.deliverInvoice(delivery("INV-5"))).kind).toBe("sent");
    expect((await clients.documents.uploadInvoice(documentUpload("INV-5"))).kind).toBe("sent");
  });
});
