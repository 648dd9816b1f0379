// The one place that decides who may do what. Pure: no database, no framework. Every page,
// route handler and server action asks here (through lib/dal), and the domain commands ask
// again with the loaded resource, so a forged request meets the same rules as the UI.
import { Refusal } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export type Action =
  // navigation-level reads
  | "drafts.view"
  | "approvals.view"
  | "releases.view"
  | "lookup.use"
  | "audit.view"
  | "admin.view"
  // usage and drafts
  | "usage.import"
  | "usage.view"
  | "drafts.generate"
  // invoices and the gate
  | "invoice.view"
  // finance's internal notes (社内メモ): never in what support is sent
  | "invoice.viewInternalNotes"
  | "invoice.edit"
  | "invoice.submit"
  | "invoice.approve"
  | "invoice.reject"
  | "invoice.release"
  | "invoice.correct"
  | "delivery.retry"
  // lookup
  | "customer.view"
  | "customer.viewUnmasked"
  | "accessGrant.request"
  | "accessGrant.decide"
  // administration
  | "admin.users"
  | "admin.customers"
  | "admin.assignments"
  | "admin.contracts"
  | "admin.fxRates"
  | "admin.settings"
  | "admin.jobs";

/** Why a person may not decide on an invoice: what they did to it. */
export type Disqualification = "own-submission" | "own-edit" | "own-correction";

/** Person id -> what they did that disqualifies them (lib/gate/participants.ts builds it). */
export type Disqualified = ReadonlyMap<string, readonly Disqualification[]>;

/** What the policy needs to know about an invoice for the person-level rules. */
export interface InvoiceFacts {
  /**
   * Everyone who submitted, edited or requested (as a correction) this invoice since its draft
   * was generated, in any round, rejected rounds included: its whole history, not the latest
   * submitter.
   */
  disqualified: Disqualified;
}

// When a person did several things, the refusal names the first of these they did.
const DISQUALIFICATIONS: ReadonlyArray<[Disqualification, string]> = [
  ["own-submission", "you submitted this invoice (in this or an earlier round), so someone else must decide on it"],
  ["own-correction", "you requested this correction, so someone else must decide on it"],
  ["own-edit", "you edited this invoice (in this or an earlier round), so someone else must decide on it"],
];

export interface AccessGrantFacts {
  requesterId: string;
}

export type Resource =
  | { kind: "invoice"; invoice: InvoiceFacts }
  | { kind: "accessGrant"; grant: AccessGrantFacts }
  | { kind: "customer"; hasActiveGrant: boolean };

export interface PolicyActor {
  id: string | null;
  roles: readonly Role[];
}

/** A refusal names its rule (a reason code screens translate, lib/i18n/refusals.ts), English
 * for logs and audit events, and the values the translated text needs. */
export type Decision =
  | { allowed: true }
  | { allowed: false; rule: string; message: string; params?: Record<string, string> };

/** A decision that refuses. */
export type Refused = Extract<Decision, { allowed: false }>;

const ALLOW: Decision = { allowed: true };

function refuse(rule: string, message: string, params?: Record<string, string>): Decision {
  return params ? { allowed: false, rule, message, params } : { allowed: false, rule, message };
}

function needsRole(actor: PolicyActor, roles: readonly Role[], action: Action): Decision {
  return roles.some((role) => actor.roles.includes(role))
    ? ALLOW
    : refuse("role", `${action} needs the role ${roles.join(" or ")}`, { roles: roles.join(",") });
}

/** Decides with the reason, for audit events and error messages. */
export function decide(actor: PolicyActor, action: Action, resource?: Resource): Decision {
  switch (action) {
    // Finance's working lists; support reads invoices through lookup instead.
    case "drafts.view":
    case "releases.view":
      return needsRole(actor, ["FINANCE", "MANAGER", "ADMIN"], action);
    case "invoice.view":
      return needsRole(actor, ["FINANCE", "MANAGER", "SUPPORT", "ADMIN"], action);
    // Finance's notes to each other and to the approver; support answers customers from what
    // the customer sees, and reads invoices without them.
    case "invoice.viewInternalNotes":
      return needsRole(actor, ["FINANCE", "MANAGER", "ADMIN"], action);
    case "approvals.view":
      return needsRole(actor, ["MANAGER"], action);
    case "lookup.use":
    case "customer.view":
      return needsRole(actor, ["SUPPORT", "FINANCE", "MANAGER", "ADMIN"], action);
    case "audit.view":
      return needsRole(actor, ["ADMIN", "MANAGER"], action);
    case "admin.view":
    case "admin.users":
    case "admin.customers":
    case "admin.assignments":
    case "admin.contracts":
    case "admin.fxRates":
    case "admin.settings":
    case "admin.jobs":
      return needsRole(actor, ["ADMIN"], action);
    case "usage.view":
      return needsRole(actor, ["FINANCE", "MANAGER", "SUPPORT", "ADMIN"], action);
    case "usage.import":
    case "drafts.generate":
    case "invoice.edit":
    case "invoice.submit":
    case "invoice.release":
    case "invoice.correct":
    case "delivery.retry":
      return needsRole(actor, ["FINANCE"], action);
    case "invoice.approve":
    case "invoice.reject": {
      const role = needsRole(actor, ["MANAGER"], action);
      if (!role.allowed) return role;
      if (resource?.kind !== "invoice") return refuse("resource", `${action} needs the invoice`);
      // The separation rules apply to the person, whatever roles they also hold.
      const did = actor.id === null ? undefined : resource.invoice.disqualified.get(actor.id);
      const rule = did && DISQUALIFICATIONS.find(([r]) => did.includes(r));
      return rule ? refuse(rule[0], rule[1]) : ALLOW;
    }
    case "customer.viewUnmasked": {
      if (actor.roles.some((r) => r === "FINANCE" || r === "MANAGER" || r === "ADMIN")) return ALLOW;
      const role = needsRole(actor, ["SUPPORT"], action);
      if (!role.allowed) return role;
      if (resource?.kind === "customer" && resource.hasActiveGrant) return ALLOW;
      return refuse("no-grant", "unmasked customer data needs an approved, unexpired access grant");
    }
    case "accessGrant.request":
      return needsRole(actor, ["SUPPORT"], action);
    case "accessGrant.decide": {
      const role = needsRole(actor, ["MANAGER"], action);
      if (!role.allowed) return role;
      if (resource?.kind === "accessGrant" && resource.grant.requesterId === actor.id)
        return refuse("own-request", "you cannot approve your own access request");
      return ALLOW;
    }
  }
}

export function can(actor: PolicyActor, action: Action, resource?: Resource): boolean {
  return decide(actor, action, resource).allowed;
}

/** A refused decision as the error the domain throws: FORBIDDEN, naming its rule and values. */
export function forbiddenError(decision: Refused): Refusal {
  return new Refusal("FORBIDDEN", decision.rule, decision.message, decision.params);
}

/** Returns if the actor may; otherwise throws the refusal (FORBIDDEN, with its rule and values). */
export function assertAllowed(actor: PolicyActor, action: Action, resource?: Resource): void {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) throw forbiddenError(decision);
}
