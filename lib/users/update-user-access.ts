// Admin changes a user's roles or active flag. Takes effect on the user's next request,
// because roles are read from the database every time; deactivating or removing a role also
// ends all their sessions. A refusal is audited too (the transaction rolls back).
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { assertAllowed } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { endUserSessionsIn } from "@/lib/auth/sessions";
import { lockedAccounts } from "@/lib/auth/sign-in-throttle";
import { Role } from "@/lib/generated/prisma/enums";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";

export const updateUserAccessSchema = z.object({
  userId: z.uuid(),
  roles: z.array(z.enum(Role)).max(4),
  active: z.boolean(),
});

export type UpdateUserAccessInput = z.infer<typeof updateUserAccessSchema>;

export async function updateUserAccess({ actor, ...input }: UpdateUserAccessInput & { actor: Actor }) {
  const roles = [...new Set(input.roles)].sort();
  return withRefusalAudit(actor, "user.access-changed", { type: "user", id: input.userId }, () =>
    db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: input.userId } });
      if (!user) throw new AppError("NOT_FOUND", "No such user.", { details: { rule: "not-found" } });
      assertAllowed(actor, "admin.users");
      if (user.id === actor.id && (!input.active || !roles.includes("ADMIN"))) {
        // An admin locking themselves out would leave nobody to undo it.
        throw new AppError("INVALID_STATE", "You cannot remove your own admin role or deactivate yourself.", {
          details: { rule: "own-admin" },
        });
      }
      const before = { roles: user.roles, active: user.active };
      const after = { roles, active: input.active };
      if ([...user.roles].sort().join() === roles.join() && user.active === input.active) {
        return { id: user.id, roles: user.roles, active: user.active, changed: false };
      }
      const saved = await tx.user.update({ where: { id: user.id }, data: { roles, active: input.active } });
      // Deactivation or a removed role ends every session: whatever the person was doing under
      // the old rights stops now, and they sign in again under the new ones.
      const removedRoles = user.roles.filter((r) => !roles.includes(r));
      const endReason = !input.active ? "deactivated" : removedRoles.length ? "roles-removed" : null;
      const sessionsEnded = endReason ? await endUserSessionsIn(tx, user.id, endReason) : [];
      await recordAuditEvent(tx, {
        actor,
        action: "user.access-changed",
        target: { type: "user", id: user.id },
        before,
        after,
        metadata: endReason ? { sessionsEnded, endReason } : undefined,
      });
      return { id: saved.id, roles: saved.roles, active: saved.active, changed: true };
    }),
  );
}

/**
 * The admin users page: each user with their active sessions and any sign-in lock still running
 * (a passed lock is filtered out by its time; the scheduled job sweep-sign-in-locks records its
 * end, so reading the page writes nothing).
 */
export async function listUsers(now = new Date()) {
  const [users, locks] = await Promise.all([
    db.user.findMany({
      select: {
        id: true,
        email: true,
        name: true,
        roles: true,
        active: true,
        lastSignInAt: true,
        _count: { select: { sessions: { where: { endedAt: null, expiresAt: { gt: now } } } } },
      },
      orderBy: [{ active: "desc" }, { email: "asc" }],
    }),
    lockedAccounts(now),
  ]);
  return users.map(({ _count, ...u }) => ({
    ...u,
    activeSessions: _count.sessions,
    lockedUntil: locks.get(u.email.toLowerCase()) ?? null,
  }));
}
