-- A usage import spent more on the unique key of the usage lines than on the rows themselves
-- (its keys never repeat, so the index cannot deduplicate). A non-unique index on the project
-- and month serves every read and stays small, and line numbers are unique within a batch by
-- construction.
ALTER TABLE "UsageLine" DROP CONSTRAINT "UsageLine_pkey";

CREATE INDEX "UsageLine_projectId_invoiceMonth_idx" ON "UsageLine"("projectId", "invoiceMonth");
