import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/dal/actor";
import { pathParam } from "@/lib/http/search-params";
import { projectExists } from "@/lib/lookup/lookup-target-exists";

// Outside the page's loading skeleton, so an unknown project answers 404 (not a 200 skeleton
// followed by "not found").
export default async function ProjectLookupLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: React.ReactNode;
}) {
  await requirePermission("usage.view");
  const projectId = pathParam((await params).id);
  if (projectId === null || !(await projectExists(projectId))) notFound();
  return children;
}
