// An OIDC sign-in's user: the identity provider's groups are the source of an OIDC user's roles,
// synced at each sign-in. A change of roles is a change of access like an admin's, so it is
// recorded the same way (user.access-changed) in the transaction that makes it, and a removed
// role ends the person's other sessions there too.
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endUserSessionsIn } from "@/lib/auth/sessions";
import type { Role } from "@/lib/generated/prisma/enums";

export type OidcSignIn = {
  subject: string;
  email: string;
  name: string | null;
  roles: Role[];
  origin: { ip: string | null; userAgent: string | null };
};

export type OidcSync = { kind: "inactive"; userId: string } | { kind: "synced"; userId: string };

export async function syncOidcUser(input: OidcSignIn): Promise<OidcSync> {
  const roles = [...new Set(input.roles)].sort();
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findFirst({
      where: { OR: [{ oidcSubject: input.subject }, { email: input.email }] },
    });
    if (existing && !existing.active) return { kind: "inactive", userId: existing.id };
    const saved = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { roles, oidcSubject: input.subject, name: input.name ?? existing.name },
        })
      : await tx.user.create({
          data: { email: input.email, name: input.name ?? input.email, roles, oidcSubject: input.subject },
        });
    const before = existing ? [...existing.roles].sort() : null;
    if (before?.join() === roles.join()) return { kind: "synced", userId: saved.id };
    const removedRoles = (before ?? []).filter((r) => !roles.includes(r));
    const sessionsEnded = removedRoles.length ? await endUserSessionsIn(tx, saved.id, "roles-removed") : [];
    await recordAuditEvent(tx, {
      actor: { id: saved.id, email: saved.email, ...input.origin },
      action: "user.access-changed",
      target: { type: "user", id: saved.id },
      before: before === null ? null : { roles: before, active: true },
      after: { roles, active: true },
      metadata: {
        by: "identity provider groups",
        ...(removedRoles.length ? { endReason: "roles-removed", removedRoles, sessionsEnded } : {}),
      },
    });
    return { kind: "synced", userId: saved.id };
  });
}
