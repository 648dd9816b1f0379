-- CreateIndex
CREATE INDEX "Invoice_correctsInvoiceId_idx" ON "Invoice"("correctsInvoiceId");
