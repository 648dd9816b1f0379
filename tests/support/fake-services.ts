// In-process stand-ins for the CRM and document service, for tests of the delivery logic
// (the HTTP clients and the local services have their own tests). Each call is recorded;
// `script` decides answers in order, then everything is sent.
import type {
  CrmClient,
  CrmDelivery,
  DocumentUpload,
  DocumentsClient,
  EInvoiceAttachment,
  ServiceCallResult,
} from "@/lib/services/types";
import type { DeliveryDeps } from "@/lib/delivery/deliver";

export function fakeServices(script: { crm?: ServiceCallResult[]; documents?: ServiceCallResult[] } = {}) {
  const calls = {
    crm: [] as CrmDelivery[],
    documents: [] as DocumentUpload[],
    attachments: [] as EInvoiceAttachment[],
  };
  const crmScript = [...(script.crm ?? [])];
  const documentsScript = [...(script.documents ?? [])];
  const crm: CrmClient = {
    async deliverInvoice(delivery) {
      calls.crm.push(delivery);
      return (
        crmScript.shift() ?? {
          kind: "sent",
          externalId: `crm-${delivery.invoice.number}`,
          externalUrl: `http://crm.test/invoices/${delivery.invoice.number}`,
          httpStatus: 201,
        }
      );
    },
  };
  const documents: DocumentsClient = {
    async uploadInvoice(upload) {
      calls.documents.push(upload);
      return (
        documentsScript.shift() ?? {
          kind: "sent",
          externalId: `doc-${upload.metadata.invoiceNumber}`,
          externalUrl: `http://docs.test/${upload.metadata.invoiceNumber}.pdf`,
          httpStatus: 201,
          einvoiceSha256: upload.einvoice?.sha256 ?? null,
        }
      );
    },
    async attachEInvoice(attachment) {
      calls.attachments.push(attachment);
      return {
        kind: "sent",
        externalId: attachment.documentId,
        externalUrl: `http://docs.test/${attachment.documentId}`,
        httpStatus: 201,
        einvoiceSha256: attachment.einvoice.sha256,
      };
    },
  };
  return { crm, documents, calls };
}

export const fakePdf = async (model: { number: string }) => new TextEncoder().encode(`%PDF-1.7 fake ${model.number}`);

export function testDeliveryDeps(
  services: { crm: CrmClient; documents: DocumentsClient },
  overrides: Partial<DeliveryDeps> = {},
): DeliveryDeps {
  return {
    crm: services.crm,
    documents: services.documents,
    renderPdf: fakePdf,
    policy: { timeoutMs: 1_000, maxAttempts: 3, backoff: { baseMs: 1, maxMs: 5 }, leaseMs: 4_000 },
    random: () => 0,
    ...overrides,
  };
}
