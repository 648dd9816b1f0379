// The console's navigation, filtered by the same policy the pages enforce.
import { can, type Action, type PolicyActor } from "./policy";

export const NAV_ITEMS = [
  { key: "drafts", href: "/drafts", action: "drafts.view" },
  { key: "usage", href: "/usage", action: "usage.import" },
  { key: "approvals", href: "/approvals", action: "approvals.view" },
  { key: "releases", href: "/releases", action: "releases.view" },
  { key: "lookup", href: "/lookup", action: "lookup.use" },
  // Managers decide access requests there; support follows their own.
  { key: "access", href: "/access", action: ["accessGrant.decide", "accessGrant.request"] },
  { key: "audit", href: "/audit", action: "audit.view" },
  { key: "admin", href: "/admin", action: "admin.view" },
] as const satisfies ReadonlyArray<{ key: string; href: string; action: Action | readonly Action[] }>;

export type NavKey = (typeof NAV_ITEMS)[number]["key"];

export function navigationFor(actor: PolicyActor) {
  return NAV_ITEMS.filter((item) =>
    (typeof item.action === "string" ? [item.action] : item.action).some((action) => can(actor, action)),
  );
}
