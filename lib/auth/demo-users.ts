// The users offered on the demo sign-in page: only when demo sign-in is enabled.
import { db } from "@/lib/db";
import { demoSignInEnabled } from "@/lib/env";

export async function listDemoUsers() {
  if (!demoSignInEnabled) return [];
  return db.user.findMany({
    where: { active: true, email: { endsWith: "@demo.local" } },
    select: { id: true, name: true, email: true, roles: true },
    orderBy: { email: "asc" },
  });
}
