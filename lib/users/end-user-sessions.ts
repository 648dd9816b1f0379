// An admin ends all of a user's sessions (a lost laptop, a leaving employee): every browser
// they are signed in on is sent to sign-in at its next request. One transaction: the sessions
// end and the audit event names them. A refusal is audited too.
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endUserSessionsIn } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

export const endUserSessionsSchema = z.object({ userId: z.uuid() });

export async function endUserSessions({ actor, userId }: { actor: Actor; userId: string }) {
  const target = { type: "user", id: userId };
  return withRefusalAudit(actor, "user.sessions-ended", target, () =>
    db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
      if (!user) throw new AppError("NOT_FOUND", "No such user.", { details: { rule: "not-found" } });
      assertAllowed(actor, "admin.users");
      const ended = await endUserSessionsIn(tx, user.id, "ended-by-admin");
      await recordAuditEvent(tx, {
        actor,
        action: "user.sessions-ended",
        target: { type: "user", id: user.id },
        metadata: { sessionsEnded: ended },
      });
      return { ended: ended.length };
    }),
  );
}
