


-- CreateEnum
CREATE TYPE "Role" AS ENUM ('FINANCE', 'MANAGER', 'SUPPORT', 'ADMIN');

-- CreateEnum
CREATE TYPE "TaxRate" AS ENUM ('STANDARD_10', 'REDUCED_8', 'EXEMPT');

-- CreateEnum
CREATE TYPE "TaxRounding" AS ENUM ('FLOOR', 'HALF_UP', 'CEIL');

-- CreateEnum
CREATE TYPE "UsageFormat" AS ENUM ('GCP_CSV', 'GCP_JSONL', 'FOCUS_CSV');

-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE', 'VOID');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RELEASED', 'VOIDED');

-- CreateEnum
CREATE TYPE "LineKind" AS ENUM ('USAGE', 'OPS_FEE', 'FIXED_FEE', 'MANUAL', 'ADJUSTMENT', 'DISCOUNT', 'CREDIT');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "DeliveryService" AS ENUM ('CRM', 'DOCUMENTS');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "AccessGrantStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCESS', 'REFUSED', 'FAILURE');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" "Role"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "oidcSubject" TEXT,
    "lastSignInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT NOT NULL,
    "nameLatin" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "registrationNumber" TEXT,
    "postalCode" TEXT,
    "address" TEXT,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "bankDetails" TEXT,
    "paymentTermsDays" INTEGER NOT NULL DEFAULT 30,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingAccount" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL DEFAULT 'gcp',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingGroup" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "recipientName" TEXT NOT NULL,
    "recipientDept" TEXT,
    "recipientAddress" TEXT,
    "recipientEmail" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "billingAccountId" TEXT,
    "firstSeenMonth" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectAssignment" (
    "id" UUID NOT NULL,
    "projectId" TEXT NOT NULL,
    "customerId" UUID NOT NULL,
    "billingGroupId" UUID NOT NULL,
    "fromMonth" TEXT NOT NULL,
    "toMonth" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PricingContract" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "fromMonth" TEXT NOT NULL,
    "toMonth" TEXT,
    "markupRate" DECIMAL(9,6) NOT NULL DEFAULT 0,
    "opsFeeRate" DECIMAL(9,6) NOT NULL DEFAULT 0,
    "opsFeeMinimumJpy" BIGINT NOT NULL DEFAULT 0,
    "discountRate" DECIMAL(9,6) NOT NULL DEFAULT 0,
    "taxRate" "TaxRate" NOT NULL DEFAULT 'STANDARD_10',
    "taxRounding" "TaxRounding" NOT NULL DEFAULT 'FLOOR',
    "paymentTermsDays" INTEGER NOT NULL DEFAULT 30,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PricingContract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PricingFixedFee" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "amountJpy" BIGINT NOT NULL,
    "taxRate" "TaxRate" NOT NULL DEFAULT 'STANDARD_10',

    CONSTRAINT "PricingFixedFee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FxRate" (
    "month" TEXT NOT NULL,
    "fromCurrency" TEXT NOT NULL,
    "toCurrency" TEXT NOT NULL DEFAULT 'JPY',
    "rate" DECIMAL(18,8) NOT NULL,
    "setById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FxRate_pkey" PRIMARY KEY ("month","fromCurrency","toCurrency")
);

-- CreateTable
CREATE TABLE "UsageBatch" (
    "id" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" "UsageFormat" NOT NULL,
    "sha256" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "months" TEXT[],
    "totals" JSONB NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'ui',
    "importedById" UUID,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageLine" (
    "id" BIGSERIAL NOT NULL,
    "batchId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "invoiceMonth" TEXT NOT NULL,
    "billingAccountId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "projectName" TEXT,
    "serviceId" TEXT NOT NULL,
    "serviceDescription" TEXT NOT NULL,
    "skuId" TEXT NOT NULL,
    "skuDescription" TEXT NOT NULL,
    "usageStart" TIMESTAMPTZ(3),
    "usageEnd" TIMESTAMPTZ(3),
    "region" TEXT,
    "labels" JSONB,
    "cost" DECIMAL(24,9) NOT NULL,
    "credits" DECIMAL(24,9) NOT NULL DEFAULT 0,
    "creditDetail" JSONB,
    "currency" TEXT NOT NULL,
    "conversionRate" DECIMAL(24,9),
    "usageAmount" DECIMAL(30,9),
    "usageUnit" TEXT,
    "costType" TEXT,

    CONSTRAINT "UsageLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" UUID NOT NULL,
    "kind" "InvoiceKind" NOT NULL DEFAULT 'INVOICE',
    "status" "InvoiceStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "contentHash" TEXT NOT NULL,
    "billingGroupId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "correctsInvoiceId" UUID,
    "contractId" UUID,
    "currency" TEXT NOT NULL DEFAULT 'JPY',
    "fxRates" JSONB NOT NULL DEFAULT '[]',
    "taxRounding" "TaxRounding" NOT NULL DEFAULT 'FLOOR',
    "subtotalJpy" BIGINT NOT NULL DEFAULT 0,
    "taxJpy" BIGINT NOT NULL DEFAULT 0,
    "totalJpy" BIGINT NOT NULL DEFAULT 0,
    "taxBreakdown" JSONB NOT NULL DEFAULT '[]',
    "recipientName" TEXT NOT NULL,
    "recipientDept" TEXT,
    "recipientAddress" TEXT,
    "dueDate" DATE,
    "notesInternal" TEXT,
    "notesPrinted" TEXT,
    "flags" TEXT[],
    "previousTotalJpy" BIGINT,
    "number" TEXT,
    "issueDate" DATE,
    "issuer" JSONB,
    "rejectionReason" TEXT,
    "generatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" UUID,
    "submittedAt" TIMESTAMPTZ(3),
    "releasedById" UUID,
    "releasedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "LineKind" NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "computed" JSONB,
    "projectId" TEXT,
    "serviceId" TEXT,
    "serviceDescription" TEXT,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(30,9) NOT NULL DEFAULT 1,
    "unit" TEXT,
    "unitPriceJpy" DECIMAL(24,6),
    "amountJpy" BIGINT NOT NULL,
    "taxRate" "TaxRate" NOT NULL DEFAULT 'STANDARD_10',
    "reason" TEXT,
    "sourceCost" DECIMAL(24,9),
    "sourceCurrency" TEXT,
    "fxRate" DECIMAL(18,8),
    "skuDetail" JSONB,
    "editedById" UUID,
    "editedAt" TIMESTAMPTZ(3),

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceVersion" (
    "id" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "cause" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "approverId" UUID NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedAt" TIMESTAMPTZ(3),
    "voidReason" TEXT,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceView" (
    "invoiceId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "userId" UUID NOT NULL,
    "viewedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceView_pkey" PRIMARY KEY ("invoiceId","version","userId")
);

-- CreateTable
CREATE TABLE "InvoiceNumberSequence" (
    "prefix" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "lastNumber" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InvoiceNumberSequence_pkey" PRIMARY KEY ("prefix","fiscalYear")
);

-- CreateTable
CREATE TABLE "InvoiceDocument" (
    "invoiceId" UUID NOT NULL,
    "pdf" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceDocument_pkey" PRIMARY KEY ("invoiceId")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "service" "DeliveryService" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "idempotencyKey" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastHttpStatus" INTEGER,
    "externalId" TEXT,
    "externalUrl" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "attemptNo" INTEGER NOT NULL,
    "by" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessGrant" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "requesterId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "AccessGrantStatus" NOT NULL DEFAULT 'REQUESTED',
    "approverId" UUID,
    "durationMinutes" INTEGER,
    "decidedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "expiryRecorded" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGINT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "actorId" UUID,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "reason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "before" JSONB,
    "after" JSONB,
    "metadata" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_code_key" ON "Customer"("code");

-- CreateIndex
CREATE INDEX "BillingGroup_customerId_idx" ON "BillingGroup"("customerId");

-- CreateIndex
CREATE INDEX "Project_billingAccountId_idx" ON "Project"("billingAccountId");

-- CreateIndex
CREATE INDEX "ProjectAssignment_projectId_fromMonth_idx" ON "ProjectAssignment"("projectId", "fromMonth");

-- CreateIndex
CREATE INDEX "ProjectAssignment_billingGroupId_idx" ON "ProjectAssignment"("billingGroupId");

-- CreateIndex
CREATE INDEX "ProjectAssignment_customerId_idx" ON "ProjectAssignment"("customerId");

-- CreateIndex
CREATE INDEX "PricingContract_customerId_fromMonth_idx" ON "PricingContract"("customerId", "fromMonth");

-- CreateIndex
CREATE UNIQUE INDEX "UsageBatch_sha256_key" ON "UsageBatch"("sha256");

-- CreateIndex
CREATE INDEX "UsageLine_invoiceMonth_projectId_serviceId_idx" ON "UsageLine"("invoiceMonth", "projectId", "serviceId");

-- CreateIndex
CREATE INDEX "UsageLine_batchId_idx" ON "UsageLine"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE INDEX "Invoice_month_status_idx" ON "Invoice"("month", "status");

-- CreateIndex
CREATE INDEX "Invoice_customerId_month_idx" ON "Invoice"("customerId", "month");

-- CreateIndex
CREATE INDEX "Invoice_billingGroupId_month_idx" ON "Invoice"("billingGroupId", "month");

-- CreateIndex
CREATE INDEX "Invoice_totalJpy_idx" ON "Invoice"("totalJpy");

-- CreateIndex
CREATE INDEX "InvoiceLine_invoiceId_position_idx" ON "InvoiceLine"("invoiceId", "position");

-- CreateIndex
CREATE INDEX "InvoiceLine_projectId_idx" ON "InvoiceLine"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceVersion_invoiceId_version_key" ON "InvoiceVersion"("invoiceId", "version");

-- CreateIndex
CREATE INDEX "Approval_invoiceId_version_idx" ON "Approval"("invoiceId", "version");

-- CreateIndex
CREATE INDEX "Approval_approverId_idx" ON "Approval"("approverId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_idempotencyKey_key" ON "Delivery"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_invoiceId_service_key" ON "Delivery"("invoiceId", "service");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_deliveryId_idx" ON "DeliveryAttempt"("deliveryId");

-- CreateIndex
CREATE INDEX "AccessGrant_requesterId_customerId_idx" ON "AccessGrant"("requesterId", "customerId");

-- CreateIndex
CREATE INDEX "AccessGrant_status_idx" ON "AccessGrant"("status");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_occurredAt_idx" ON "AuditEvent"("actorId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingGroup" ADD CONSTRAINT "BillingGroup_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_billingAccountId_fkey" FOREIGN KEY ("billingAccountId") REFERENCES "BillingAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectAssignment" ADD CONSTRAINT "ProjectAssignment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectAssignment" ADD CONSTRAINT "ProjectAssignment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectAssignment" ADD CONSTRAINT "ProjectAssignment_billingGroupId_fkey" FOREIGN KEY ("billingGroupId") REFERENCES "BillingGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PricingContract" ADD CONSTRAINT "PricingContract_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PricingFixedFee" ADD CONSTRAINT "PricingFixedFee_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "PricingContract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageLine" ADD CONSTRAINT "UsageLine_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "UsageBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_billingGroupId_fkey" FOREIGN KEY ("billingGroupId") REFERENCES "BillingGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_correctsInvoiceId_fkey" FOREIGN KEY ("correctsInvoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceVersion" ADD CONSTRAINT "InvoiceVersion_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceView" ADD CONSTRAINT "InvoiceView_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceDocument" ADD CONSTRAINT "InvoiceDocument_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- UPDATE, DELETE and TRUNCATE are refused by triggers. (audit:verify detects changes made
-- by someone who disables the triggers as a superuser.)
-- Prisma's JS migration runner splits statements at every semicolon, even inside quotes,
-- so the body's one semicolon is written as the escape \073.
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''audit events are append-only: % refused'', TG_OP
    USING ERRCODE = ''insufficient_privilege''\073
END';
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

-- At most one live invoice per billing group and month (a voided one may be re-issued).
CREATE UNIQUE INDEX "Invoice_one_live_per_group_month" ON "Invoice" ("billingGroupId", "month")
  WHERE "kind" = 'INVOICE' AND "status" <> 'VOIDED';
