-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "peppolId" TEXT,
ADD COLUMN     "peppolScheme" TEXT;

-- CreateTable
CREATE TABLE "InvoiceEInvoice" (
    "invoiceId" UUID NOT NULL,
    "xml" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "customizationId" TEXT NOT NULL,
    "deliveredAt" TIMESTAMPTZ(3),
    "documentId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceEInvoice_pkey" PRIMARY KEY ("invoiceId")
);

-- AddForeignKey
ALTER TABLE "InvoiceEInvoice" ADD CONSTRAINT "InvoiceEInvoice_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
