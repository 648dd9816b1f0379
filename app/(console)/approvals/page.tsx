import { requirePermission } from "@/lib/dal/actor";
import { NotYetAvailable } from "@/components/shell/not-yet-available";

export default async function Page() {
  await requirePermission("approvals.view");
  return <NotYetAvailable area="approvals" />;
}
