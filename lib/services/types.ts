// What the console needs from the two external services, independent of transport. The
// release worker and the release action call these; lib/services/*-client.ts implement them
// over HTTP (the local services in services/ and the real ones speak the same OpenAPI).

/** The outcome of one delivery call, already classified for the retry policy. */
export type ServiceCallResult =
  | {
      kind: "sent";
      externalId: string;
      externalUrl: string | null;
      httpStatus: number;
      /** The document service's answer: the SHA-256 of the e-invoice it holds beside the PDF. */
      einvoiceSha256?: string | null;
    }
  /** 5xx, 429, timeouts and network errors: try again later (retryAfterMs from Retry-After). */
  | { kind: "retry"; error: string; httpStatus: number | null; retryAfterMs: number | null }
  /** Any other 4xx or an invalid answer: retrying will not help. */
  | { kind: "failed"; error: string; httpStatus: number | null };

export type TaxRateCode = "STANDARD_10" | "REDUCED_8" | "EXEMPT";

export type CrmCustomer = {
  /** The customer code is the CRM's natural key (upsert by code). */
  code: string;
  name: string;
  nameKana: string | null;
  registrationNumber: string | null;
  address: string | null;
};

export type CrmInvoiceRecord = {
  /** INVOICE | CREDIT_NOTE | VOID as in the console; the CRM keys records by number. */
  kind: "INVOICE" | "CREDIT_NOTE" | "VOID";
  number: string;
  /** For credit notes and voids: the number of the invoice they correct. */
  correctsNumber: string | null;
  month: string; // YYYY-MM
  issueDate: string; // YYYY-MM-DD
  dueDate: string | null; // YYYY-MM-DD
  currency: "JPY";
  /** Integer yen as decimal strings (never floats on the wire). */
  amountsByTaxRate: { taxRate: TaxRateCode; baseJpy: string; taxJpy: string }[];
  subtotalJpy: string;
  taxJpy: string;
  totalJpy: string;
  status: "ISSUED" | "VOIDED";
  documentUrl: string | null;
  documentId: string | null;
};

export type CrmDelivery = { idempotencyKey: string; customer: CrmCustomer; invoice: CrmInvoiceRecord };

/** The released document as a JP PINT e-invoice, sent beside its PDF. */
export type EInvoiceFile = { fileName: string; xml: Uint8Array; sha256: string; customizationId: string };

export type DocumentUpload = {
  idempotencyKey: string;
  fileName: string;
  pdf: Uint8Array;
  /** Absent when the document has no valid e-invoice (yet): the PDF goes alone. */
  einvoice?: EInvoiceFile | null;
  metadata: {
    invoiceNumber: string;
    kind: "INVOICE" | "CREDIT_NOTE" | "VOID";
    issueDate: string; // YYYY-MM-DD
    totalJpy: string;
    counterpartyCode: string;
    counterpartyName: string;
    registrationNumber: string | null;
    month: string;
    sha256: string;
  };
};

export type CallOptions = { signal?: AbortSignal; timeoutMs?: number };

export interface CrmClient {
  /** Upsert the customer by code, then create or update the invoice record by number. */
  deliverInvoice(delivery: CrmDelivery, options?: CallOptions): Promise<ServiceCallResult>;
}

export type EInvoiceAttachment = { idempotencyKey: string; documentId: string; einvoice: EInvoiceFile };

export interface DocumentsClient {
  uploadInvoice(upload: DocumentUpload, options?: CallOptions): Promise<ServiceCallResult>;
  /** Adds the e-invoice to a document stored without it (released before, or sent while blocked). */
  attachEInvoice(attachment: EInvoiceAttachment, options?: CallOptions): Promise<ServiceCallResult>;
}
