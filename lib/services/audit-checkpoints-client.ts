// The document service's audit checkpoints over HTTP (services/openapi/documents.yaml, tag "audit
// checkpoints"): the console posts its audit chain's head there, and audit:verify and the admin
// page read them back. Same base URL and token as the document uploads.
import { z } from "zod";
import { servicesConfigFromEnv } from "./config";
import { type Credential, callService, type CallServiceOutcome } from "./http";

export const CHECKPOINT_TRIGGERS = ["schedule", "release", "manual"] as const;
export type CheckpointTrigger = (typeof CHECKPOINT_TRIGGERS)[number];

export interface AuditCheckpoint {
  id: string;
  seq: bigint;
  hash: string;
  occurredAt: Date;
  trigger: CheckpointTrigger;
  receivedAt: Date;
}

export interface ChainHead {
  seq: bigint;
  hash: string;
  occurredAt: Date;
}

const checkpointSchema = z
  .object({
    id: z.string().min(1),
    seq: z.string().regex(/^[1-9]\d*$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    occurredAt: z.iso.datetime({ offset: true }),
    trigger: z.enum(CHECKPOINT_TRIGGERS),
    receivedAt: z.iso.datetime({ offset: true }),
  })
  .transform(
    (c): AuditCheckpoint => ({
      ...c,
      seq: BigInt(c.seq),
      occurredAt: new Date(c.occurredAt),
      receivedAt: new Date(c.receivedAt),
    }),
  );
const pageSchema = z.object({ items: z.array(checkpointSchema) });

export type Failed = { kind: "failed"; error: string };

export type PostResult =
  /** Stored now, or stored before for this head (`existing`). */
  | { kind: "stored"; checkpoint: AuditCheckpoint; existing: boolean }
  /** The service holds another hash for this sequence number: the chain was rewritten. */
  | { kind: "conflict"; checkpoint: AuditCheckpoint | null; error: string }
  | Failed;

export interface AuditCheckpointsClient {
  post(head: ChainHead, trigger: CheckpointTrigger, options?: { signal?: AbortSignal }): Promise<PostResult>;
  /** The checkpoint with the greatest sequence number (null before the first). */
  latest(options?: { signal?: AbortSignal }): Promise<{ kind: "ok"; checkpoint: AuditCheckpoint | null } | Failed>;
  /** One page in sequence order, after `afterSeq` (exclusive). */
  page(afterSeq: bigint, limit: number): Promise<{ kind: "ok"; items: AuditCheckpoint[] } | Failed>;
}

function failed(outcome: Exclude<CallServiceOutcome, { kind: "ok" }>): Failed {
  return { kind: "failed", error: outcome.error };
}

function parsed<T>(schema: z.ZodType<T>, json: unknown, what: string): { ok: true; value: T } | Failed {
  const result = schema.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { kind: "failed", error: `invalid answer: ${what}` };
}

export function createAuditCheckpointsClient(options: {
  baseUrl: string;
  token: string | Credential;
  timeoutMs: number;
}): AuditCheckpointsClient {
  type Input = { method: "GET" | "POST"; path: string; body?: unknown; idempotencyKey?: string };
  const call = (input: Input, signal?: AbortSignal) =>
    callService({ ...input, baseUrl: options.baseUrl, token: options.token, timeoutMs: options.timeoutMs, signal });

  const page: AuditCheckpointsClient["page"] = async (afterSeq, limit) => {
    const outcome = await call({ method: "GET", path: `/audit-checkpoints?afterSeq=${afterSeq}&limit=${limit}` });
    if (outcome.kind !== "ok") return failed(outcome);
    const items = parsed(pageSchema, outcome.json, "expected { items: [checkpoint, …] }");
    return "ok" in items ? { kind: "ok", items: items.value.items } : items;
  };

  return {
    page,

    async post(head, trigger, { signal } = {}) {
      const outcome = await call(
        {
          method: "POST",
          path: "/audit-checkpoints",
          body: { seq: head.seq.toString(), hash: head.hash, occurredAt: head.occurredAt.toISOString(), trigger },
          // Per head and trigger: a retry replays; the same head posted for another reason is
          // recognised by the service itself (same sequence number and hash).
          idempotencyKey: `audit-checkpoint-${head.seq}-${head.hash}-${trigger}`,
        },
        signal,
      );
      if (outcome.kind === "ok") {
        const checkpoint = parsed(checkpointSchema, outcome.json, "expected a checkpoint");
        if (!("ok" in checkpoint)) return checkpoint;
        return { kind: "stored", checkpoint: checkpoint.value, existing: outcome.httpStatus === 200 };
      }
      if (outcome.kind === "failed" && outcome.httpStatus === 409) {
        // The refusal carries the stored checkpoint; callService kept only the error text, so ask for it.
        const found = await page(head.seq - 1n, 1);
        const stored = found.kind === "ok" && found.items[0]?.seq === head.seq ? found.items[0] : null;
        return { kind: "conflict", checkpoint: stored, error: outcome.error };
      }
      return failed(outcome);
    },

    async latest({ signal } = {}) {
      const outcome = await call({ method: "GET", path: "/audit-checkpoints/latest" }, signal);
      if (outcome.kind === "failed" && outcome.httpStatus === 404) return { kind: "ok", checkpoint: null };
      if (outcome.kind !== "ok") return failed(outcome);
      const checkpoint = parsed(checkpointSchema, outcome.json, "expected a checkpoint");
      return "ok" in checkpoint ? { kind: "ok", checkpoint: checkpoint.value } : checkpoint;
    },
  };
}

/** The client for the configured document service (DOCUMENTS_BASE_URL, DOCUMENTS_TOKEN, SERVICE_TIMEOUT_MS). */
export function auditCheckpointsClientFromEnv(env: Record<string, string | undefined> = process.env) {
  const config = servicesConfigFromEnv(env);
  return createAuditCheckpointsClient({ ...config.documents, timeoutMs: config.timeoutMs });
}
