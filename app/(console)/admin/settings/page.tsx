import { requirePermission } from "@/lib/dal/actor";
import { NotYetAvailable } from "@/components/shell/not-yet-available";

export default async function Page() {
  await requirePermission("admin.settings");
  return <NotYetAvailable area="settings" />;
}
