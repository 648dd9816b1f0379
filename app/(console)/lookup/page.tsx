import { requirePermission } from "@/lib/dal/actor";
import { NotYetAvailable } from "@/components/shell/not-yet-available";

export default async function Page() {
  await requirePermission("lookup.use");
  return <NotYetAvailable area="lookup" />;
}
