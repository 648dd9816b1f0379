// "Run now" from the admin page: a pg-boss job on the job's queue, which a worker picks up
// like a scheduled one. The request is an audit event; so is the run.
import type { PgBoss } from "pg-boss";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors";
import { createBoss } from "./boss";
import { jobDefinitions } from "./definitions";
import { ensureQueue } from "./scheduler";

const KEY = Symbol.for("billing-console.job-sender");
const store = globalThis as unknown as { [KEY]?: Promise<PgBoss> };

function sender(): Promise<PgBoss> {
  store[KEY] ??= (async () => {
    const boss = createBoss({ role: "sender" });
    await boss.start();
    return boss;
  })().catch((error) => {
    store[KEY] = undefined;
    throw error;
  });
  return store[KEY];
}

export async function requestJobRun(actor: Actor, job: string): Promise<{ bossJobId: string }> {
  if (!jobDefinitions().some((d) => d.name === job))
    throw new AppError("INVALID_INPUT", `There is no job "${job}".`, { details: { rule: "jobs.unknown" } });
  const boss = await sender();
  await ensureQueue(boss, job);
  const bossJobId = await boss.send(job, { trigger: "manual", requestedById: actor.id });
  if (!bossJobId) throw new Error(`pg-boss did not accept a job for ${job}`);
  await recordAuditEventNow({
    actor,
    action: "job.requested",
    target: { type: "job", id: job },
    after: { bossJobId },
  });
  return { bossJobId };
}
