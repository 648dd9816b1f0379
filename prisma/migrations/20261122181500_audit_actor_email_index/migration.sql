-- The audit page filters by actor: by user id (existing index) or, for system actors and
-- people whose e-mail changed, by the e-mail recorded on the event.
CREATE INDEX "AuditEvent_actorEmail_occurredAt_idx" ON "AuditEvent" ("actorEmail", "occurredAt");
