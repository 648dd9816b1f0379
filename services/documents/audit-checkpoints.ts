// The document service's audit checkpoints (contract: services/openapi/documents.yaml, "audit
// checkpoints"): the console's audit chain head (sequence, hash, time), kept outside the console's
// database so that a database administrator who rewrites audit rows and recomputes every hash is
// still caught (npm run audit:verify). A checkpoint is never changed: the same sequence with the
// same hash again answers the stored one; with another hash, 409.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CHECKPOINT_TRIGGERS } from "../../lib/services/audit-checkpoints-client";
import { json, jsonError, type Route, type RouteResult } from "../lib/http-service";

export type StoredAuditCheckpoint = {
  id: string;
  /** The chain's sequence number, as a decimal string (a bigint in the console). */
  seq: string;
  /** The hash of the event at seq (hex SHA-256). */
  hash: string;
  /** When that event occurred (the console's clock). */
  occurredAt: string;
  trigger: (typeof CHECKPOINT_TRIGGERS)[number];
  /** When this service stored the checkpoint (its own clock). */
  receivedAt: string;
};

export type AuditCheckpointsState = { auditCheckpoints: Map<string, StoredAuditCheckpoint> };
export type AuditCheckpointEvent = { type: "audit-checkpoint.stored"; checkpoint: StoredAuditCheckpoint };

const seq = z.string().regex(/^[1-9]\d{0,18}$/, "expected a positive integer as a decimal string");

const checkpointBody = z.strictObject({
  seq,
  hash: z.string().regex(/^[0-9a-f]{64}$/, "expected a lower-case hex SHA-256"),
  occurredAt: z.iso.datetime({ offset: true }),
  trigger: z.enum(CHECKPOINT_TRIGGERS),
});

const listQuery = z.object({
  afterSeq: z.union([seq, z.literal("0")]).default("0"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const bySeq = (a: StoredAuditCheckpoint, b: StoredAuditCheckpoint) => {
  const d = BigInt(a.seq) - BigInt(b.seq);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

function invalid(error: z.ZodError) {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return jsonError<AuditCheckpointEvent>(400, `invalid request: ${where}${issue?.message ?? "invalid body"}`);
}

export function applyAuditCheckpointEvent(state: AuditCheckpointsState, event: AuditCheckpointEvent) {
  state.auditCheckpoints.set(event.checkpoint.seq, event.checkpoint);
}

export function auditCheckpointRoutes(): Route<AuditCheckpointsState, AuditCheckpointEvent>[] {
  return [
    {
      method: "POST",
      path: "/audit-checkpoints",
      handler: ({ state, body, publicUrl }): RouteResult<AuditCheckpointEvent> => {
        const parsed = checkpointBody.safeParse(body);
        if (!parsed.success) return invalid(parsed.error);
        const existing = state.auditCheckpoints.get(parsed.data.seq);
        if (existing) {
          if (existing.hash === parsed.data.hash) return json(200, existing);
          return jsonError(409, `a checkpoint for seq ${existing.seq} holds another hash`, { checkpoint: existing });
        }
        const checkpoint: StoredAuditCheckpoint = {
          id: `ckpt-${randomUUID()}`,
          ...parsed.data,
          occurredAt: new Date(parsed.data.occurredAt).toISOString(),
          receivedAt: new Date().toISOString(),
        };
        return {
          status: 201,
          json: checkpoint,
          headers: { location: `${publicUrl}/audit-checkpoints?afterSeq=${BigInt(checkpoint.seq) - 1n}&limit=1` },
          events: [{ type: "audit-checkpoint.stored", checkpoint }],
        };
      },
    },
    {
      method: "GET",
      path: "/audit-checkpoints",
      handler: ({ state, query }) => {
        const parsed = listQuery.safeParse(Object.fromEntries(query));
        if (!parsed.success) return invalid(parsed.error);
        const after = BigInt(parsed.data.afterSeq);
        const items = [...state.auditCheckpoints.values()]
          .filter((checkpoint) => BigInt(checkpoint.seq) > after)
          .sort(bySeq)
          .slice(0, parsed.data.limit);
        return json(200, { items });
      },
    },
    {
      method: "GET",
      path: "/audit-checkpoints/latest",
      handler: ({ state }) => {
        const latest = [...state.auditCheckpoints.values()].sort(bySeq).at(-1);
        return latest ? json(200, latest) : jsonError(404, "no checkpoint yet");
      },
    },
  ];
}
