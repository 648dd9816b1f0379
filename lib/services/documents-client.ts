// DocumentsClient over HTTP (services/openapi/documents.yaml).
import { callService, listItems, notOk, stringField, type CallServiceInput } from "./http";
import type { CallOptions, DocumentsClient, DocumentUpload, ServiceCallResult } from "./types";

export type DocumentsClientOptions = {
  baseUrl: string;
  token: string;
  /** Per HTTP request. */
  timeoutMs: number;
  /** Search by invoice number (and compare the hash) before uploading. */
  lookupBeforeCreate: boolean;
};

export function createDocumentsClient(options: DocumentsClientOptions): DocumentsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");

  return {
    async uploadInvoice(upload: DocumentUpload, callOptions: CallOptions = {}): Promise<ServiceCallResult> {
      const call = (input: Pick<CallServiceInput, "method" | "path" | "body" | "idempotencyKey">) =>
        callService({
          ...input,
          baseUrl,
          token: options.token,
          timeoutMs: callOptions.timeoutMs ?? options.timeoutMs,
          signal: callOptions.signal,
        });
      const sha256 = upload.metadata.sha256.toLowerCase();
      const sent = (document: unknown, httpStatus: number): ServiceCallResult => {
        const id = stringField(document, "id");
        if (!id) return { kind: "failed", error: `${httpStatus} invalid answer: no document id`, httpStatus };
        return { kind: "sent", externalId: id, externalUrl: stringField(document, "url"), httpStatus };
      };

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
        },
        idempotencyKey: upload.idempotencyKey,
      });
      if (created.kind !== "ok") return notOk(created);
      return sent(created.json, created.httpStatus);
    },
  };
}
