// The console's navigation, filtered by the same policy the pages enforce.
import { can, type Action, type PolicyActor } from "./policy";

export const NAV_ITEMS = [
  { key: "drafts", href: "/drafts", action: "drafts.view" },
  { key: "usage", href: "/usage", action: "usage.import" },
  { key: "approvals", href: "/approvals", action: "approvals.view" },
  { key: "releases", href: "/releases", action: "releases.view" },
  { key: "lookup", href: "/lookup", action: "lookup.use" },
  { key: "access", href: "/access", action: "accessGrant.decide" },
  { key: "audit", href: "/audit", action: "audit.view" },
  { key: "admin", href: "/admin", action: "admin.view" },
] as const satisfies ReadonlyArray<{ key: string; href: string; action: Action }>;

export type NavKey = (typeof NAV_ITEMS)[number]["key"];

export function navigationFor(actor: PolicyActor) {
  return NAV_ITEMS.filter((item) => can(actor, item.action));
}
