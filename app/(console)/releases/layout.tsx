import type { ReactNode } from "react";
import { requirePermission } from "@/lib/dal/actor";

// Checked here, outside the page's loading boundary: a refusal must answer 403 before the
// loading state streams out with a 200. The page checks again for its own reads.
export default async function ReleasesLayout({ children }: { children: ReactNode }) {
  await requirePermission("releases.view");
  return children;
}
