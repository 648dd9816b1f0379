// Admin changes a user's roles or active flag. Takes effect on the user's next request,
// because roles are read from the database every time; deactivating also ends their sessions.
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/authz/actor";
import { decide } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { Role } from "@/lib/generated/prisma/enums";

export const updateUserAccessSchema = z.object({
  userId: z.uuid(),
  roles: z.array(z.enum(Role)).max(4),
  active: z.boolean(),
});

export type UpdateUserAccessInput = z.infer<typeof updateUserAccessSchema>;

export async function updateUserAccess({ actor, ...input }: UpdateUserAccessInput & { actor: Actor }) {
  const roles = [...new Set(input.roles)].sort();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    const decision = decide(actor, "admin.users");
    if (!decision.allowed) throw new AppError("FORBIDDEN", decision.message);
    if (user.id === actor.id && (!input.active || !roles.includes("ADMIN"))) {
      // An admin locking themselves out would leave nobody to undo it.
      throw new AppError("INVALID_STATE", "You cannot remove your own admin role or deactivate yourself.");
    }
    const before = { roles: user.roles, active: user.active };
    const after = { roles, active: input.active };
    if ([...user.roles].sort().join() === roles.join() && user.active === input.active) {
      return { id: user.id, roles: user.roles, active: user.active, changed: false };
    }
    const saved = await tx.user.update({ where: { id: user.id }, data: { roles, active: input.active } });
    if (!input.active) {
      await tx.authSession.updateMany({
        where: { userId: user.id, endedAt: null },
        data: { endedAt: new Date(), endReason: "deactivated" },
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: "user.access-changed",
      target: { type: "user", id: user.id },
      before,
      after,
    });
    return { id: saved.id, roles: saved.roles, active: saved.active, changed: true };
  });
}

export async function listUsers() {
  return db.user.findMany({
    select: { id: true, email: true, name: true, roles: true, active: true, lastSignInAt: true },
    orderBy: [{ active: "desc" }, { email: "asc" }],
  });
}
