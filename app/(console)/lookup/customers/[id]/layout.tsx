import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/dal/actor";
import { customerExists } from "@/lib/lookup/lookup-target-exists";

// Outside the page's loading skeleton, so an unknown customer answers 404 (not a 200 skeleton
// followed by "not found").
export default async function CustomerLookupLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: React.ReactNode;
}) {
  await requirePermission("customer.view");
  if (!(await customerExists((await params).id))) notFound();
  return children;
}
