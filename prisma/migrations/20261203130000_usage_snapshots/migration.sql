-- The usage of a billing account for a month is a snapshot: batches are split into scopes (billing
-- account, invoice month) that are staged, current or superseded, and only current usage is billed.
-- Usage amounts become unconstrained numeric, so they are kept exactly as exported.

-- CreateEnum
CREATE TYPE "UsageScopeState" AS ENUM ('STAGED', 'CURRENT', 'SUPERSEDED');

-- The bytes of a file no longer decide whether it was imported (its rows do), and the same bytes may
-- come back as a replacement after a correction.
DROP INDEX "UsageBatch_sha256_key";
CREATE INDEX "UsageBatch_sha256_idx" ON "UsageBatch"("sha256");

-- Dropping the scale of a numeric column does not rewrite the table.
ALTER TABLE "UsageLine" ALTER COLUMN "cost" SET DATA TYPE DECIMAL,
ALTER COLUMN "credits" SET DATA TYPE DECIMAL,
ALTER COLUMN "conversionRate" SET DATA TYPE DECIMAL,
ALTER COLUMN "usageAmount" SET DATA TYPE DECIMAL;

ALTER TABLE "UsageRollup" ADD COLUMN "billingAccountId" TEXT,
ADD COLUMN "current" BOOLEAN NOT NULL DEFAULT true,
ALTER COLUMN "cost" SET DATA TYPE DECIMAL,
ALTER COLUMN "credits" SET DATA TYPE DECIMAL,
ALTER COLUMN "usageAmount" SET DATA TYPE DECIMAL;

-- Existing rollups take the billing account of their lines (the lines of a project in one batch and
-- month come from one billing account).
UPDATE "UsageRollup" r SET "billingAccountId" = coalesce((
  SELECT l."billingAccountId" FROM "UsageLine" l
  WHERE l."projectId" = r."projectId" AND l."invoiceMonth" = r."invoiceMonth" AND l."batchId" = r."batchId"
  LIMIT 1), '');
ALTER TABLE "UsageRollup" ALTER COLUMN "billingAccountId" SET NOT NULL;

ALTER TABLE "InvoiceLine" ALTER COLUMN "sourceCost" SET DATA TYPE DECIMAL;

-- CreateTable
CREATE TABLE "UsageBatchScope" (
    "batchId" UUID NOT NULL,
    "billingAccountId" TEXT NOT NULL,
    "invoiceMonth" TEXT NOT NULL,
    "state" "UsageScopeState" NOT NULL,
    "rows" INTEGER NOT NULL,
    "digest" TEXT,
    "base" TEXT,
    "supersededById" UUID,
    "supersededAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageBatchScope_pkey" PRIMARY KEY ("batchId","billingAccountId","invoiceMonth")
);

-- Every batch imported so far stays billed as it is: its scopes are current, their digests are
-- computed from the stored rows when a new file for the same month arrives.
INSERT INTO "UsageBatchScope" ("batchId", "billingAccountId", "invoiceMonth", "state", "rows")
SELECT "batchId", "billingAccountId", "invoiceMonth", 'CURRENT', count(*)::int
FROM "UsageLine" GROUP BY 1, 2, 3;

-- CreateIndex
CREATE INDEX "UsageBatchScope_billingAccountId_invoiceMonth_state_idx" ON "UsageBatchScope"("billingAccountId", "invoiceMonth", "state");

-- AddForeignKey
ALTER TABLE "UsageBatchScope" ADD CONSTRAINT "UsageBatchScope_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "UsageBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
