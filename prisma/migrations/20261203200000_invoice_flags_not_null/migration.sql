-- An invoice's flags are never null: readers map over them (the drafts list crashed on a row a
-- test helper wrote without flags). Prisma cannot say NOT NULL for a list, so it is said here.
UPDATE "Invoice" SET "flags" = ARRAY[]::TEXT[] WHERE "flags" IS NULL;
ALTER TABLE "Invoice" ALTER COLUMN "flags" SET DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Invoice" ALTER COLUMN "flags" SET NOT NULL;
