// The audit writer for code on a raw pg client (the usage importer's COPY transaction). Same
// chain, same lock and same canonical hash as record-audit-event.ts.
import type pg from "pg";
import { AUDIT_CHAIN_LOCK_SQL, nextChainedEvent, type AuditEventInput } from "./record-audit-event";

export async function recordAuditEventPg(client: pg.ClientBase, input: AuditEventInput) {
  await client.query(AUDIT_CHAIN_LOCK_SQL);
  const { rows } = await client.query<{ seq: string; hash: string }>(
    'SELECT seq::text AS seq, hash FROM "AuditEvent" ORDER BY "AuditEvent".seq DESC LIMIT 1',
  );
  const last = rows[0] ? { seq: BigInt(rows[0].seq), hash: rows[0].hash } : null;
  const e = nextChainedEvent(input, last);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await client.query(
    `INSERT INTO "AuditEvent" (seq, "occurredAt", "actorId", "actorEmail", action, "targetType", "targetId", outcome,
                               reason, ip, "userAgent", before, after, metadata, "prevHash", hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8::"AuditOutcome",$9,$10,$11,$12::jsonb,$13::jsonb,$14::jsonb,$15,$16)`,
    [
      e.seq.toString(),
      e.occurredAt,
      e.actorId,
      e.actorEmail,
      e.action,
      e.targetType,
      e.targetId,
      e.outcome,
      e.reason,
      e.ip,
      e.userAgent,
      json(e.before),
      json(e.after),
      json(e.metadata),
      e.prevHash,
      e.hash,
    ],
  );
  return { seq: e.seq, hash: e.hash };
}
