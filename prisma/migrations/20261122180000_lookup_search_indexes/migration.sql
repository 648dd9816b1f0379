-- Lookup search: trigram indexes so partial matches ("%青葉%", "%prod-01%") use an index
-- rather than scanning tables. pg_trgm is a trusted extension (PostgreSQL 13+).
-- No semicolons inside statements: Prisma's JS migration runner splits at every one.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Customer.searchText holds normalizeForSearch(name + nameKana + nameLatin + code).
CREATE INDEX "Customer_searchText_trgm_idx" ON "Customer" USING gin ("searchText" gin_trgm_ops);

-- Project ids and names, billing accounts and invoice numbers are matched case-insensitively
-- on lower(...), which these expression indexes serve.
CREATE INDEX "Project_id_trgm_idx" ON "Project" USING gin (lower("id") gin_trgm_ops);
CREATE INDEX "Project_name_trgm_idx" ON "Project" USING gin (lower("name") gin_trgm_ops);
CREATE INDEX "BillingAccount_id_trgm_idx" ON "BillingAccount" USING gin (lower("id") gin_trgm_ops);
CREATE INDEX "BillingAccount_name_trgm_idx" ON "BillingAccount" USING gin (lower("name") gin_trgm_ops);
CREATE INDEX "Invoice_number_trgm_idx" ON "Invoice" USING gin (lower("number") gin_trgm_ops);

-- Pending access requests for the managers' queue, newest first.
CREATE INDEX "AccessGrant_status_createdAt_idx" ON "AccessGrant" ("status", "createdAt");
