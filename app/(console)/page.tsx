import Link from "next/link";
import { navigationFor } from "@/lib/authz/navigation";
import { requireActor } from "@/lib/dal/actor";
import { getT } from "@/lib/i18n/server";
import { shellMessages } from "@/lib/i18n/messages/shell";
import { panel } from "@/components/ui/styles";

const LABELS = {
  drafts: ["navDrafts", "descDrafts"],
  usage: ["navUsage", "descUsage"],
  approvals: ["navApprovals", "descApprovals"],
  releases: ["navReleases", "descReleases"],
  lookup: ["navLookup", "descLookup"],
  access: ["navAccess", "descAccess"],
  audit: ["navAudit", "descAudit"],
  admin: ["navAdmin", "descAdmin"],
} as const;

export default async function HomePage() {
  const actor = await requireActor();
  const t = await getT(shellMessages);
  const items = navigationFor(actor);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-semibold">{t("homeTitle", { name: actor.name })}</h1>
      <p className="mt-2 text-slate-600">{items.length ? t("homeIntro") : t("homeNoRoles")}</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {items.map((item) => {
          const [label, description] = LABELS[item.key];
          return (
            <li key={item.key}>
              <Link href={item.href} className={`block h-full ${panel} p-4 hover:border-slate-400`}>
                <div className="font-medium">{t(label)}</div>
                <div className="mt-1 text-sm text-slate-600">{t(description)}</div>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
