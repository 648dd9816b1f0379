import Link from "next/link";
import { navigationFor } from "@/lib/authz/navigation";
import { requireActor } from "@/lib/dal/actor";
import { getT } from "@/lib/i18n/server";
import { shellMessages } from "@/lib/i18n/messages/shell";
import { NavLink } from "@/components/shell/nav-link";
import { UserMenu } from "@/components/shell/user-menu";
import { cx } from "@/components/ui/styles";

const NAV_LABEL = {
  drafts: "navDrafts",
  usage: "navUsage",
  approvals: "navApprovals",
  releases: "navReleases",
  lookup: "navLookup",
  access: "navAccess",
  audit: "navAudit",
  admin: "navAdmin",
} as const;

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const t = await getT(shellMessages);
  const items = navigationFor(actor);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className={cx(
          "sr-only focus:not-sr-only",
          "focus:absolute focus:left-2 focus:top-2 focus:z-50",
          "focus:rounded focus:bg-white focus:px-3 focus:py-2",
        )}
      >
        {t("skipToContent")}
      </a>
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          {t("appName")}
        </Link>
        <UserMenu name={actor.name} email={actor.email} roleLabels={actor.roles.map((r) => t(`role${r}`))} />
      </header>
      <div className="flex flex-1">
        <nav
          aria-label="Main"
          className="w-56 shrink-0 border-r border-slate-200 bg-slate-100 p-3"
          data-testid="main-nav"
        >
          <ul className="space-y-1">
            <li>
              <NavLink href="/">{t("navHome")}</NavLink>
            </li>
            {items.map((item) => (
              <li key={item.key}>
                <NavLink href={item.href}>{t(NAV_LABEL[item.key])}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1 p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
