import type { Role } from "@/lib/generated/prisma/enums";

/** The person acting: loaded from the database on every request, never from the token alone. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  roles: readonly Role[];
  /** Origin of the request, recorded on audit events. */
  ip?: string | null;
  userAgent?: string | null;
}

/** Commands run by the system itself (the delivery worker, CLI imports) name themselves. */
export interface SystemActor {
  id: null;
  email: string;
  name: string;
  roles: readonly Role[];
  ip?: null;
  userAgent?: null;
}

export function hasRole(actor: Pick<Actor, "roles">, role: Role) {
  return actor.roles.includes(role);
}
