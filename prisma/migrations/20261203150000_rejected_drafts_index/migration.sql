-- Rejected drafts (status DRAFT with the manager's reason, cleared on the next submission) are
-- counted on the home page and the drafts list every time either is shown, and filtered on the
-- list. They are few: this partial index finds them without reading the month's invoices (the
-- covering index (month, kind) does not hold the reason). A partial index cannot be expressed in
-- schema.prisma, so it lives here only, like the drafts list's covering index.
CREATE INDEX "Invoice_rejected_drafts_idx" ON "Invoice" (month) WHERE status = 'DRAFT' AND "rejectionReason" IS NOT NULL;
