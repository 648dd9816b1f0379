// Local document service: stores invoice PDFs with searchable metadata and, beside a PDF, its
// e-invoice XML (contract: services/openapi/documents.yaml). Files go to <dataDir>/files;
// metadata to the journal. It also keeps the console's audit checkpoints (audit-checkpoints.ts).
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DocumentUpload } from "../../lib/services/types";
import {
  createService,
  json,
  jsonError,
  pathParam,
  type Faults,
  type Route,
  type RouteResult,
  type RunningService,
} from "../lib/http-service";
import {
  applyAuditCheckpointEvent,
  auditCheckpointRoutes,
  type AuditCheckpointEvent,
  type AuditCheckpointsState,
} from "./audit-checkpoints";

type Metadata = DocumentUpload["metadata"];
/** The e-invoice XML kept beside a document's PDF (JP PINT UBL). */
export type StoredEInvoice = {
  fileName: string;
  size: number;
  sha256: string;
  customizationId: string;
  attachedAt: string;
};
export type StoredDocument = {
  id: string;
  fileName: string;
  size: number;
  sha256: string;
  metadata: Metadata;
  createdAt: string;
  einvoice?: StoredEInvoice | null;
};

type DocumentsState = { documents: Map<string, StoredDocument> } & AuditCheckpointsState;
type DocumentsEvent =
  | { type: "document.stored"; document: StoredDocument }
  | { type: "einvoice.attached"; documentId: string; einvoice: StoredEInvoice }
  | AuditCheckpointEvent;

const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "expected YYYY-MM-DD");
const yen = z.string().regex(/^-?(0|[1-9]\d*)$/, "expected an integer decimal string");
const text = z.string().trim().min(1).max(500);

const einvoiceBody = z.strictObject({
  fileName: text.max(255).regex(/^[^/\\\0]+$/, "no path separators"),
  contentBase64: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "expected base64"),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "expected a hex SHA-256")
    .transform((value) => value.toLowerCase()),
  customizationId: text.max(200),
});

const uploadBody = z.strictObject({
  // A plain name: files are stored under the document id, the name is only shown.
  fileName: text.max(255).regex(/^[^/\\\0]+$/, "no path separators"),
  contentBase64: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "expected base64"),
  metadata: z.strictObject({
    invoiceNumber: text.max(64),
    kind: z.enum(["INVOICE", "CREDIT_NOTE", "VOID"]),
    issueDate: date,
    totalJpy: yen,
    counterpartyCode: text,
    counterpartyName: text,
    registrationNumber: z.string().max(50).nullable(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM"),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "expected a hex SHA-256")
      .transform((value) => value.toLowerCase()),
  }),
  // The e-invoice XML issued with this PDF, stored beside it (optional).
  einvoice: einvoiceBody.optional(),
});

const searchQuery = z.object({
  invoiceNumber: z.string().optional(),
  issueDateFrom: date.optional(),
  issueDateTo: date.optional(),
  minTotalJpy: yen.optional(),
  maxTotalJpy: yen.optional(),
  counterparty: z.string().optional(),
});

const present = (document: StoredDocument, publicUrl: string) => ({
  ...document,
  url: `${publicUrl}/documents/${document.id}/content`,
  contentType: "application/pdf",
  einvoice: document.einvoice
    ? { ...document.einvoice, url: `${publicUrl}/documents/${document.id}/einvoice`, contentType: "application/xml" }
    : null,
});

/** Decodes and checks an e-invoice part: base64, its SHA-256, and a UBL 2.1 document. */
function einvoiceOf(
  input: z.infer<typeof einvoiceBody>,
  attachedAt: string,
): { error: RouteResult<DocumentsEvent> } | { bytes: Buffer; einvoice: StoredEInvoice } {
  if (input.contentBase64.length % 4 !== 0)
    return { error: jsonError<DocumentsEvent>(400, "invalid request: einvoice.contentBase64: expected base64") };
  const bytes = Buffer.from(input.contentBase64, "base64");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== input.sha256)
    return {
      error: jsonError<DocumentsEvent>(422, `einvoice sha256 mismatch: says ${input.sha256}, content is ${sha256}`),
    };
  const head = bytes.subarray(0, 4096).toString("utf8");
  if (!/^(\uFEFF)?<\?xml\b/.test(head) || !head.includes("urn:oasis:names:specification:ubl:schema:xsd:"))
    return { error: jsonError<DocumentsEvent>(422, "einvoice content is not a UBL XML document") };
  const einvoice: StoredEInvoice = {
    fileName: input.fileName,
    size: bytes.length,
    sha256,
    customizationId: input.customizationId,
    attachedAt,
  };
  return { bytes, einvoice };
}

function invalid(error: z.ZodError) {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return jsonError<DocumentsEvent>(400, `invalid request: ${where}${issue?.message ?? "invalid body"}`);
}

function buildRoutes(filesDir: string): Route<DocumentsState, DocumentsEvent>[] {
  const filePath = (id: string) => path.join(filesDir, `${id}.pdf`);
  const xmlPath = (id: string) => path.join(filesDir, `${id}.xml`);
  const documentRoutes: Route<DocumentsState, DocumentsEvent>[] = [
    {
      method: "POST",
      path: "/documents",
      handler: ({ body, publicUrl }) => {
        const parsed = uploadBody.safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        const { fileName, contentBase64, metadata } = parsed.data;
        if (contentBase64.length % 4 !== 0) return jsonError(400, "invalid request: contentBase64: expected base64");
        const bytes = Buffer.from(contentBase64, "base64");
        const sha256 = createHash("sha256").update(bytes).digest("hex");
        if (sha256 !== metadata.sha256)
          return jsonError(422, `sha256 mismatch: metadata says ${metadata.sha256}, content is ${sha256}`);
        if (bytes.subarray(0, 4).toString("latin1") !== "%PDF") return jsonError(422, "content is not a PDF");
        const createdAt = new Date().toISOString();
        const xml = parsed.data.einvoice ? einvoiceOf(parsed.data.einvoice, createdAt) : null;
        if (xml && "error" in xml) return xml.error;
        const document: StoredDocument = {
          id: `doc-${randomUUID()}`,
          fileName,
          size: bytes.length,
          sha256,
          metadata,
          createdAt,
          einvoice: xml?.einvoice ?? null,
        };
        // The files are written before the journal entry, so a journalled document always has its bytes.
        mkdirSync(filesDir, { recursive: true });
        writeFileSync(filePath(document.id), bytes);
        if (xml) writeFileSync(xmlPath(document.id), xml.bytes);
        const answer = present(document, publicUrl);
        return {
          status: 201,
          json: answer,
          headers: { location: `${publicUrl}/documents/${document.id}` },
          events: [{ type: "document.stored", document }],
        };
      },
    },
    {
      method: "GET",
      path: "/documents",
      handler: ({ state, query, publicUrl }) => {
        const parsed = searchQuery.safeParse(Object.fromEntries(query));
        if (!parsed.success) return invalid(parsed.error);
        const q = parsed.data;
        const counterparty = q.counterparty?.trim().toLowerCase();
        const items = [...state.documents.values()]
          .filter((doc) => {
            const m = doc.metadata;
            if (q.invoiceNumber !== undefined && m.invoiceNumber !== q.invoiceNumber) return false;
            if (q.issueDateFrom !== undefined && m.issueDate < q.issueDateFrom) return false;
            if (q.issueDateTo !== undefined && m.issueDate > q.issueDateTo) return false;
            if (q.minTotalJpy !== undefined && BigInt(m.totalJpy) < BigInt(q.minTotalJpy)) return false;
            if (q.maxTotalJpy !== undefined && BigInt(m.totalJpy) > BigInt(q.maxTotalJpy)) return false;
            if (
              counterparty &&
              m.counterpartyCode.toLowerCase() !== counterparty &&
              !m.counterpartyName.toLowerCase().includes(counterparty)
            ) {
              return false;
            }
            return true;
          })
          .map((doc) => present(doc, publicUrl));
        return json(200, { items });
      },
    },
    {
      method: "GET",
      path: "/documents/{id}",
      handler: ({ state, params, publicUrl }) => {
        const document = state.documents.get(pathParam(params, "id"));
        return document ? json(200, present(document, publicUrl)) : jsonError(404, "document not found");
      },
    },
    {
      method: "GET",
      path: "/documents/{id}/content",
      handler: ({ state, params }) => {
        const document = state.documents.get(pathParam(params, "id"));
        if (!document) return jsonError(404, "document not found");
        const data = readFileSync(filePath(document.id));
        return {
          status: 200,
          raw: { contentType: "application/pdf", data },
          headers: {
            "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
            etag: `"${document.sha256}"`,
          },
        };
      },
    },
    {
      // Attaches the e-invoice to a stored document: for documents stored before their XML existed.
      method: "POST",
      path: "/documents/{id}/einvoice",
      handler: ({ state, params, body, publicUrl }) => {
        const document = state.documents.get(pathParam(params, "id"));
        if (!document) return jsonError(404, "document not found");
        const parsed = einvoiceBody.safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        const xml = einvoiceOf(parsed.data, new Date().toISOString());
        if ("error" in xml) return xml.error;
        // The same XML again (under another key) changes nothing; a different one is refused.
        if (document.einvoice?.sha256 === xml.einvoice.sha256) return json(200, present(document, publicUrl));
        if (document.einvoice)
          return jsonError(409, `document already holds a different e-invoice (sha256 ${document.einvoice.sha256})`);
        mkdirSync(filesDir, { recursive: true });
        writeFileSync(xmlPath(document.id), xml.bytes);
        return {
          status: 201,
          json: present({ ...document, einvoice: xml.einvoice }, publicUrl),
          events: [{ type: "einvoice.attached", documentId: document.id, einvoice: xml.einvoice }],
        };
      },
    },
    {
      method: "GET",
      path: "/documents/{id}/einvoice",
      handler: ({ state, params }) => {
        const document = state.documents.get(pathParam(params, "id"));
        if (!document) return jsonError(404, "document not found");
        if (!document.einvoice) return jsonError(404, "this document has no e-invoice");
        return {
          status: 200,
          raw: { contentType: "application/xml", data: readFileSync(xmlPath(document.id)) },
          headers: {
            "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(document.einvoice.fileName)}`,
            etag: `"${document.einvoice.sha256}"`,
          },
        };
      },
    },
  ];
  return [...documentRoutes, ...auditCheckpointRoutes()];
}

/** The business routes this server implements (compared with the OpenAPI in tests). */
export const DOCUMENTS_ROUTES = buildRoutes("").map(({ method, path }) => ({ method, path }));

export type DocumentsServerOptions = {
  port: number;
  token: string | (() => string);
  dataDir: string;
  host?: string;
  /** Base of the document URLs handed out (defaults to the listening URL). */
  publicUrl?: string;
  faults?: Partial<Faults>;
};

export function startDocumentsServer(options: DocumentsServerOptions): Promise<RunningService<DocumentsState>> {
  const filesDir = path.join(options.dataDir, "files");
  return createService<DocumentsState, DocumentsEvent>({
    name: "documents",
    token: options.token,
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    publicUrl: options.publicUrl,
    faults: options.faults,
    routes: buildRoutes(filesDir),
    initialState: () => ({ documents: new Map(), auditCheckpoints: new Map() }),
    apply: (state, event) => {
      if (event.type === "audit-checkpoint.stored") applyAuditCheckpointEvent(state, event);
      else if (event.type === "document.stored") state.documents.set(event.document.id, event.document);
      else {
        const document = state.documents.get(event.documentId);
        if (document) state.documents.set(document.id, { ...document, einvoice: event.einvoice });
      }
    },
    stats: (state) => {
      const documentsByInvoiceNumber: Record<string, number> = {};
      let einvoices = 0;
      for (const doc of state.documents.values()) {
        const number = doc.metadata.invoiceNumber;
        documentsByInvoiceNumber[number] = (documentsByInvoiceNumber[number] ?? 0) + 1;
        if (doc.einvoice) einvoices++;
      }
      return {
        documents: state.documents.size,
        documentsByInvoiceNumber,
        einvoices,
        auditCheckpoints: state.auditCheckpoints.size,
      };
    },
    onReset: () => rmSync(filesDir, { recursive: true, force: true }),
  });
}
