-- AlterTable
ALTER TABLE "PricingContract" ADD COLUMN     "feeGroupId" UUID;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "contractFees" JSONB;

-- AddForeignKey
ALTER TABLE "PricingContract" ADD CONSTRAINT "PricingContract_feeGroupId_fkey" FOREIGN KEY ("feeGroupId") REFERENCES "BillingGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;
