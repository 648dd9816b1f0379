-- Pages that stay fast at ten times the data (bench:console --scale 10).

-- The drafts list sorted by total reads one page of the month in index order, not every invoice.
CREATE INDEX "Invoice_month_kind_totalJpy_idx" ON "Invoice"("month", "kind", "totalJpy");

-- A month's unassigned usage (drafts list, home page) looked at every project to find the few
-- with no assignment covering the month (a hash anti-join over all projects and assignments).
-- Each project now carries the earliest fromMonth of its open assignments, kept by a trigger on
-- ProjectAssignment. A project whose open assignment starts in or before the month is billed,
-- so only the others (none open, or one starting later) are checked against their assignments.
ALTER TABLE "Project" ADD COLUMN     "openAssignmentFrom" TEXT;
CREATE INDEX "Project_openAssignmentFrom_idx" ON "Project"("openAssignmentFrom");

-- The project's row is locked before its assignments are read, so two transactions changing one
-- project's assignments at once each write what the other committed (read committed reads
-- anew after the wait, stricter levels fail and retry). Prisma's JS migration runner splits
-- statements at every semicolon, even inside quotes, so the bodies' semicolons are written \073.
CREATE FUNCTION project_open_assignment_refresh(project text) RETURNS void LANGUAGE plpgsql AS E'
DECLARE
  earliest text\073
BEGIN
  PERFORM 1 FROM "Project" WHERE id = project FOR UPDATE\073
  SELECT min("fromMonth") INTO earliest FROM "ProjectAssignment" WHERE "projectId" = project AND "toMonth" IS NULL\073
  UPDATE "Project" SET "openAssignmentFrom" = earliest
    WHERE id = project AND "openAssignmentFrom" IS DISTINCT FROM earliest\073
END';
CREATE FUNCTION project_open_assignment_sync() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    PERFORM project_open_assignment_refresh(OLD."projectId")\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    PERFORM project_open_assignment_refresh(NEW."projectId")\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER project_assignment_open_from AFTER INSERT OR UPDATE OR DELETE ON "ProjectAssignment"
  FOR EACH ROW EXECUTE FUNCTION project_open_assignment_sync();

UPDATE "Project" p SET "openAssignmentFrom" = a.earliest
FROM (SELECT "projectId", min("fromMonth") AS earliest FROM "ProjectAssignment" WHERE "toMonth" IS NULL GROUP BY 1) a
WHERE a."projectId" = p.id;
