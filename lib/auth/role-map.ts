// Maps the identity provider's groups claim to console roles: "group=ROLE,group=ROLE".
import type { Role } from "@/lib/generated/prisma/enums";

export function parseRoleMap(text: string | undefined): Map<string, Role[]> {
  const map = new Map<string, Role[]>();
  for (const pair of (text ?? "").split(",")) {
    const [group, role] = pair.split("=").map((s) => s.trim());
    if (!group || !role) continue;
    map.set(group, [...(map.get(group) ?? []), role as Role]);
  }
  return map;
}

export function rolesFromGroups(groups: unknown, map: Map<string, Role[]>): Role[] {
  const list = Array.isArray(groups) ? groups : typeof groups === "string" ? [groups] : [];
  const roles = new Set<Role>();
  for (const group of list) for (const role of map.get(String(group)) ?? []) roles.add(role);
  return [...roles].sort();
}
