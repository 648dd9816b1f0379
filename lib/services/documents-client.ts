// DocumentsClient over HTTP (services/openapi/documents.yaml).
import { callService, type Credential, listItems, notOk, stringField, type CallServiceInput } from "./http";
import type {
  CallOptions,
  DocumentsClient,
  DocumentUpload,
  EInvoiceAttachment,
  EInvoiceFile,
  ServiceCallResult,
} from "./types";

export type DocumentsClientOptions = {
  baseUrl: string;
  token: string | Credential;
  /** Per HTTP request. */
  timeoutMs: number;
  /** Search by invoice number (and compare the hash) before uploading. */
  lookupBeforeCreate: boolean;
};

/** A stored document as the console records it: its id and link, and which e-invoice it holds. */
function sent(document: unknown, httpStatus: number): ServiceCallResult {
  const id = stringField(document, "id");
  if (!id) return { kind: "failed", error: `${httpStatus} invalid answer: no document id`, httpStatus };
  const einvoice = (document as { einvoice?: unknown } | null)?.einvoice ?? null;
  return {
    kind: "sent",
    externalId: id,
    externalUrl: stringField(document, "url"),
    httpStatus,
    einvoiceSha256: stringField(einvoice, "sha256")?.toLowerCase() ?? null,
  };
}

const einvoiceBody = (file: EInvoiceFile) => ({
  fileName: file.fileName,
  contentBase64: Buffer.from(file.xml).toString("base64"),
  sha256: file.sha256.toLowerCase(),
  customizationId: file.customizationId,
});

export function createDocumentsClient(options: DocumentsClientOptions): DocumentsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const caller =
    (callOptions: CallOptions) => (input: Pick<CallServiceInput, "method" | "path" | "body" | "idempotencyKey">) =>
      callService({
        ...input,
        baseUrl,
        token: options.token,
        timeoutMs: callOptions.timeoutMs ?? options.timeoutMs,
        signal: callOptions.signal,
      });

  return {
    async uploadInvoice(upload: DocumentUpload, callOptions: CallOptions = {}): Promise<ServiceCallResult> {
      const call = caller(callOptions);
      const sha256 = upload.metadata.sha256.toLowerCase();
      if (options.lookupBeforeCreate) {
        const found = await call({
          method: "GET",
          path: `/documents?invoiceNumber=${encodeURIComponent(upload.metadata.invoiceNumber)}`,
        });
        if (found.kind !== "ok") return notOk(found);
        const items = listItems(found.json);
        if (!items)
          return {
            kind: "failed",
            error: `${found.httpStatus} invalid answer: expected { items: [...] }`,
            httpStatus: found.httpStatus,
          };
        // Same number and same bytes: an earlier attempt stored it already.
        const same = items.find((item) => stringField(item, "sha256")?.toLowerCase() === sha256);
        if (same !== undefined) return sent(same, found.httpStatus);
      }
      const created = await call({
        method: "POST",
        path: "/documents",
        body: {
          fileName: upload.fileName,
          contentBase64: Buffer.from(upload.pdf).toString("base64"),
          metadata: { ...upload.metadata, sha256 },
          // Only when there is one, so a PDF-only request stays byte for byte what it always was.
          ...(upload.einvoice ? { einvoice: einvoiceBody(upload.einvoice) } : {}),
        },
        idempotencyKey: upload.idempotencyKey,
      });
      if (created.kind !== "ok") return notOk(created);
      return sent(created.json, created.httpStatus);
    },

    async attachEInvoice(attachment: EInvoiceAttachment, callOptions: CallOptions = {}): Promise<ServiceCallResult> {
      const attached = await caller(callOptions)({
        method: "POST",
        path: `/documents/${encodeURIComponent(attachment.documentId)}/einvoice`,
        body: einvoiceBody(attachment.einvoice),
        idempotencyKey: attachment.idempotencyKey,
      });
      if (attached.kind !== "ok") return notOk(attached);
      return sent(attached.json, attached.httpStatus);
    },
  };
}
