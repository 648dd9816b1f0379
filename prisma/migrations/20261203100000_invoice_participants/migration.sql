-- CreateEnum
CREATE TYPE "InvoiceAct" AS ENUM ('SUBMITTED', 'EDITED', 'CORRECTION_REQUESTED');

-- CreateTable
CREATE TABLE "InvoiceParticipant" (
    "id" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "act" "InvoiceAct" NOT NULL,
    "version" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InvoiceParticipant_invoiceId_idx" ON "InvoiceParticipant"("invoiceId");

-- CreateIndex
CREATE INDEX "InvoiceParticipant_userId_invoiceId_idx" ON "InvoiceParticipant"("userId", "invoiceId");

-- AddForeignKey
ALTER TABLE "InvoiceParticipant" ADD CONSTRAINT "InvoiceParticipant_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Append-only: what a person did to an invoice is a fact of its history. (The JS migration
-- runner splits at every semicolon, even in comments and quotes, so the body's one is written as \073.)
CREATE FUNCTION invoice_participant_refuse_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''invoice participants are append-only: % refused'', TG_OP
    USING ERRCODE = ''insufficient_privilege''\073
END';
CREATE TRIGGER invoice_participant_no_update BEFORE UPDATE OR DELETE ON "InvoiceParticipant"
  FOR EACH ROW EXECUTE FUNCTION invoice_participant_refuse_change();
CREATE TRIGGER invoice_participant_no_truncate BEFORE TRUNCATE ON "InvoiceParticipant"
  FOR EACH STATEMENT EXECUTE FUNCTION invoice_participant_refuse_change();

-- Backfill from what exists: successful submissions, edits and correction requests in the
-- audit log, edited versions and correction versions with their authors, the editors of lines,
-- and the latest submitter on the invoice row (demo data written without an audit event). Adds
-- only facts not already recorded, so running it again changes nothing (a test runs it).
INSERT INTO "InvoiceParticipant" (id, "invoiceId", "userId", act, version, at)
SELECT gen_random_uuid(), f."invoiceId", f."userId", f.act::"InvoiceAct", f.version, f.at
FROM (
  SELECT DISTINCT ON ("invoiceId", "userId", act, version) "invoiceId", "userId", act, version, at
  FROM (
    SELECT i.id AS "invoiceId", e."actorId" AS "userId",
           CASE e.action WHEN 'invoice.submit' THEN 'SUBMITTED' WHEN 'invoice.edit' THEN 'EDITED'
                ELSE 'CORRECTION_REQUESTED' END AS act,
           CASE WHEN jsonb_typeof(e.after->'version') = 'number' THEN (e.after->>'version')::int ELSE i.version END AS version,
           e."occurredAt" AS at
    FROM "AuditEvent" e JOIN "Invoice" i ON i.id::text = e."targetId"
    WHERE e."targetType" = 'invoice' AND e.outcome = 'SUCCESS' AND e."actorId" IS NOT NULL
      AND e.action IN ('invoice.submit', 'invoice.edit', 'invoice.correct')
    UNION ALL
    SELECT v."invoiceId", v."createdById",
           CASE v.cause WHEN 'edited' THEN 'EDITED' ELSE 'CORRECTION_REQUESTED' END, v.version, v."createdAt"
    FROM "InvoiceVersion" v
    WHERE v.cause IN ('edited', 'correction') AND v."createdById" IS NOT NULL
    UNION ALL
    SELECT l."invoiceId", l."editedById", 'EDITED', i.version, coalesce(l."editedAt", i."updatedAt")
    FROM "InvoiceLine" l JOIN "Invoice" i ON i.id = l."invoiceId"
    WHERE l."editedById" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "InvoiceVersion" v
                      WHERE v."invoiceId" = l."invoiceId" AND v.cause = 'edited' AND v."createdById" = l."editedById")
    UNION ALL
    SELECT i.id, i."submittedById", 'SUBMITTED', i.version, coalesce(i."submittedAt", i."updatedAt")
    FROM "Invoice" i
    WHERE i."submittedById" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "AuditEvent" e
                      WHERE e."targetType" = 'invoice' AND e."targetId" = i.id::text AND e.action = 'invoice.submit'
                        AND e.outcome = 'SUCCESS' AND e."actorId" = i."submittedById")
  ) AS facts
  ORDER BY "invoiceId", "userId", act, version, at
) AS f
WHERE NOT EXISTS (SELECT 1 FROM "InvoiceParticipant" p
                  WHERE p."invoiceId" = f."invoiceId" AND p."userId" = f."userId" AND p.act = f.act::"InvoiceAct"
                    AND p.version = f.version);
