-- DropForeignKey
ALTER TABLE "UsageLine" DROP CONSTRAINT "UsageLine_batchId_fkey";

-- DropIndex
DROP INDEX "UsageLine_invoiceMonth_projectId_serviceId_idx";

-- DropIndex
DROP INDEX "UsageLine_batchId_idx";

-- AlterTable
ALTER TABLE "UsageLine" DROP CONSTRAINT "UsageLine_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "UsageLine_pkey" PRIMARY KEY ("projectId", "invoiceMonth", "batchId", "lineNo");

-- CreateTable
CREATE TABLE "UsageRollup" (
    "id" BIGSERIAL NOT NULL,
    "batchId" UUID NOT NULL,
    "invoiceMonth" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "serviceDescription" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "skuId" TEXT NOT NULL,
    "skuDescription" TEXT NOT NULL,
    "usageUnit" TEXT,
    "cost" DECIMAL(28,9) NOT NULL,
    "credits" DECIMAL(28,9) NOT NULL,
    "usageAmount" DECIMAL(34,9),
    "rows" INTEGER NOT NULL,

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UsageRollup_invoiceMonth_projectId_idx" ON "UsageRollup"("invoiceMonth", "projectId");

-- CreateIndex
CREATE INDEX "UsageRollup_projectId_invoiceMonth_idx" ON "UsageRollup"("projectId", "invoiceMonth");

-- CreateIndex
CREATE INDEX "UsageRollup_batchId_idx" ON "UsageRollup"("batchId");

-- Usage imported before this migration gets its rollup from its lines.
INSERT INTO "UsageRollup" ("batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", "currency", "skuId", "skuDescription", "usageUnit", "cost", "credits", "usageAmount", "rows")
SELECT "batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription", "usageUnit", sum(cost), sum(credits), sum("usageAmount"), count(*)::int
FROM "UsageLine"
GROUP BY "batchId", "invoiceMonth", "projectId", "serviceId", "serviceDescription", currency, "skuId", "skuDescription", "usageUnit";
