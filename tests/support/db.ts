// Helpers for integration tests: the test database is shared by the run, so each test
// creates its own rows with unique keys rather than relying on an empty table.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export function uniqueSuffix() {
  return randomUUID().slice(0, 8);
}

export async function createUser(roles: Role[], name?: string) {
  const suffix = uniqueSuffix();
  return db.user.create({
    data: {
      email: `${name ?? roles.join("-").toLowerCase()}-${suffix}@test.local`,
      name: name ?? `Test ${suffix}`,
      roles,
    },
  });
}

export function actorOf(user: { id: string; email: string; name: string; roles: Role[] }) {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, ip: "127.0.0.1", userAgent: "vitest" };
}
