// The audit writer for code on a raw pg client (the usage importer's COPY transaction). Same
// chain, same lock and same canonical hash as record-audit-event.ts.
import type pg from "pg";
import { GENESIS_HASH, chainHash } from "./hash-chain";
import { AUDIT_CHAIN_LOCK_SQL, toAuditJson, type AuditEventInput } from "./record-audit-event";

export async function recordAuditEventPg(client: pg.ClientBase, input: AuditEventInput) {
  await client.query(AUDIT_CHAIN_LOCK_SQL);
  const { rows } = await client.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM "AuditEvent" ORDER BY "AuditEvent".seq DESC LIMIT 1');
  const fields = {
    seq: BigInt(rows[0]?.seq ?? "0") + 1n,
    occurredAt: new Date(),
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    outcome: input.outcome ?? "SUCCESS",
    reason: input.reason ?? null,
    ip: input.actor?.ip ?? null,
    userAgent: input.actor?.userAgent ?? null,
    before: toAuditJson(input.before),
    after: toAuditJson(input.after),
    metadata: toAuditJson(input.metadata),
  };
  const prevHash = rows[0]?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, fields);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await client.query(
    `INSERT INTO "AuditEvent" (seq, "occurredAt", "actorId", "actorEmail", action, "targetType", "targetId", outcome, reason, ip, "userAgent", before, after, metadata, "prevHash", hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8::"AuditOutcome",$9,$10,$11,$12::jsonb,$13::jsonb,$14::jsonb,$15,$16)`,
    [fields.seq.toString(), fields.occurredAt, fields.actorId, fields.actorEmail, fields.action, fields.targetType, fields.targetId, fields.outcome, fields.reason, fields.ip, fields.userAgent, json(fields.before), json(fields.after), json(fields.metadata), prevHash, hash],
  );
  return { seq: fields.seq, hash };
}
