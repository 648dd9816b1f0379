// Support opened a customer or a project page: remembered, so their home page can offer what
// they looked at last. Only for people holding the support role (the home page shows the list
// to them); one row per person and target, its time moved on each visit.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import { hasRole } from "@/lib/authz/actor";

export type LookupTarget = "customer" | "project";

export async function recordLookupVisit({
  actor,
  targetType,
  targetId,
  now = new Date(),
}: {
  actor: Actor;
  targetType: LookupTarget;
  targetId: string;
  now?: Date;
}): Promise<{ recorded: boolean }> {
  if (!hasRole(actor, "SUPPORT")) return { recorded: false };
  await db.$executeRaw`
    INSERT INTO "LookupVisit" ("userId", "targetType", "targetId", "visitedAt")
    VALUES (${actor.id}::uuid, ${targetType}, ${targetId}, ${now})
    ON CONFLICT ("userId", "targetType", "targetId") DO UPDATE SET "visitedAt" = EXCLUDED."visitedAt"`;
  return { recorded: true };
}
